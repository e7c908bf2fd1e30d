"""The members' requests for a general assembly: the list with the signatures and deadlines, a
new request, a signature."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.governance import permissions, selectors, services
from som.governance.forms import RequestForm
from som.governance.models import Meeting, MeetingRequest

# --- Members' requests for a general assembly ---------------------------------------------------


@dataclass(frozen=True)
class RequestRow:
    """A request on the page, with its signatures and, once received, its deadlines."""

    request: MeetingRequest
    signed: int
    convene_by: datetime.date | None
    hold_by: datetime.date | None
    meeting: Meeting | None


@login_required
def requests(request: HttpRequest) -> HttpResponse:
    person = permissions.require_member(person_of(request))
    today = timezone.localdate()
    represented = selectors.represented_organisations(person, today)
    mine = selectors.organisations(o.pk for o in represented)
    form = RequestForm(request.POST or None, mine=mine)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_meeting(by=person, **form.cleaned_data)
        except services.GovernanceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your request is recorded; other members can sign it."))
            return redirect("governance:requests")
    statutes = selectors.statutes()
    rows = [
        RequestRow(
            request=listed.request,
            signed=listed.signed,
            convene_by=services.convene_by_date(listed.request, statutes)
            if listed.request.received_on
            else None,
            hold_by=services.hold_by_date(listed.request, statutes)
            if listed.request.received_on
            else None,
            meeting=listed.meeting,
        )
        for listed in selectors.recent_requests(50)
    ]
    return render(
        request,
        "governance/requests.html",
        {
            "rows": rows,
            "form": form if represented else None,
            "mine": represented,
            "today": today,
            "statutes": statutes,
            "needed": selectors.signatures_needed(
                statutes.request_share, selectors.member_count(today)
            ),
        },
    )


@require_POST
@login_required
def sign_request(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.require_member(person_of(request))
    found = permissions.get_request_for_member(person, pk)
    organisation = permissions.get_organisation(request.POST.get("organisation"))
    try:
        services.sign_meeting_request(request=found, organisation=organisation, by=person)
    except services.GovernanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your signature is recorded."))
    return redirect("governance:requests")
