"""The members' requests for a general assembly: the list with the signatures and deadlines, a
new request, a signature."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.governance import permissions, selectors, services
from som.governance.forms import RequestForm
from som.governance.models import MeetingRequest
from som.network.models import Organisation

# --- Members' requests for a general assembly ---------------------------------------------------


@login_required
def requests(request: HttpRequest) -> HttpResponse:
    person = permissions.require_member(person_of(request))
    today = timezone.localdate()
    represented = selectors.represented_organisations(person, today)
    mine = Organisation.objects.filter(pk__in=[o.pk for o in represented])
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
    listed = (
        MeetingRequest.objects.annotate(signed=Count("signatures", distinct=True))
        .prefetch_related("meetings")
        .order_by("-created_at")[:50]
    )
    rows = [
        {
            "request": r,
            "signed": r.signed,  # type: ignore[attr-defined]
            "convene_by": services.convene_by_date(r, statutes) if r.received_on else None,
            "hold_by": services.hold_by_date(r, statutes) if r.received_on else None,
            "meeting": next(iter(r.meetings.all()), None),
        }
        for r in listed
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
    found = get_object_or_404(MeetingRequest, pk=pk)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    try:
        services.sign_meeting_request(request=found, organisation=organisation, by=person)
    except services.GovernanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your signature is recorded."))
    return redirect("governance:requests")
