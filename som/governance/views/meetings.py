"""The members' pages: who sits where, the meetings with their agenda, attendance, proxies and
proposals. Every object comes through som.governance.permissions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.governance import permissions, selectors, services
from som.governance.forms import ProposalForm, ProxyForm
from som.governance.models import Meeting
from som.voting.models import Poll


def _viewer(request: HttpRequest) -> Person | None:
    return request.user if isinstance(request.user, Person) else None


# --- Who sits where -----------------------------------------------------------------------------


def bodies(request: HttpRequest) -> HttpResponse:
    """Public: the bodies and their seats today or on `?on=YYYY-MM-DD`. The names of the
    general assembly's representatives are for members only."""
    today = timezone.localdate()
    try:
        on = parse_date(request.GET.get("on", "")) or today
    except ValueError:  # well-formed but impossible, e.g. 2025-02-30
        on = today
    viewer = _viewer(request)
    return render(
        request,
        "governance/bodies.html",
        {
            "on": on,
            "is_today": on == today,
            "bodies": selectors.bodies_on(on),
            "seats": selectors.general_assembly_seats(on),
            "is_member": selectors.is_member_person(viewer),
        },
    )


# --- Meetings -----------------------------------------------------------------------------------


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    access = selectors.access_of(person)
    # Everybody logged in finds this page in the menu; who is not a member sees why it is empty.
    listed = list(selectors.meetings_for(person, access))
    today = timezone.localdate()
    return render(
        request,
        "governance/meetings.html",
        {
            "upcoming": [m for m in listed if timezone.localdate(m.starts_at) >= today],
            "past": [m for m in listed if timezone.localdate(m.starts_at) < today],
            "is_secretary": access.secretary,
            "is_member": access.member,
        },
    )


def _meeting_context(meeting: Meeting, person: Person, is_secretary: bool) -> dict[str, Any]:
    items = selectors.agenda(meeting)
    the_roll = selectors.roll(meeting)
    on = selectors.meeting_date(meeting)
    mine = selectors.represented_organisations(person, on)
    my_ids = {organisation.pk for organisation in mine}
    attendances = selectors.attendances_of(meeting, my_ids)
    proxies = the_roll.proxies
    open_vote = next((i for i in items if i.poll and i.poll.state == Poll.State.OPEN), None)
    share = selectors.statutes().proposal_share
    return {
        "meeting": meeting,
        "items": items,
        "roll": the_roll,
        "quorums": selectors.quorum_per_kind(meeting, the_roll, items),
        "documents": selectors.documents(meeting),
        "mine": [(organisation, attendances.get(organisation.pk)) for organisation in mine],
        "my_proxies": [p for p in proxies if p.giver_id in my_ids or p.holder_id in my_ids],
        "my_ids": my_ids,
        "is_secretary": is_secretary,
        "open_vote": open_vote,
        "proposals": selectors.open_proposals(meeting),
        "signatures_needed": selectors.signatures_needed(share, the_roll.members),
        "minutes": selectors.minutes_of(meeting),
        "recipient_count": selectors.recipient_count(meeting),
    }


@login_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    access = selectors.access_of(person)
    found = permissions.get_meeting_for_member(person, pk, access)
    context = _meeting_context(found, person, access.secretary)
    my_ids = [o.pk for o, _a in context["mine"]]
    mine = selectors.organisations(my_ids)
    if context["mine"] and found.takes_proxies:
        others = selectors.voting_member_organisations(
            selectors.meeting_date(found), besides=my_ids
        )
        context["proxy_form"] = ProxyForm(mine=mine, members=others)
    if context["mine"] and found.is_before_session:
        context["proposal_form"] = ProposalForm(mine=mine)
    return render(request, "governance/meeting.html", context)


@require_POST
@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_meeting_for_member(person, pk)
    organisation = permissions.get_organisation(request.POST.get("organisation"))
    try:
        services.confirm_attendance(
            meeting=found,
            organisation=organisation,
            by=person,
            attending=request.POST.get("attending") == "yes",
        )
    except services.GovernanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect("governance:meeting", pk=found.pk)


@require_POST
@login_required
def proxy(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_meeting_for_member(person, pk)
    mine = selectors.organisations(
        o.pk for o in selectors.represented_organisations(person, selectors.meeting_date(found))
    )
    form = ProxyForm(request.POST, mine=mine, members=selectors.all_organisations())
    if form.is_valid():
        try:
            services.give_proxy(
                meeting=found,
                giver=form.cleaned_data["giver"],
                holder=form.cleaned_data["holder"],
                statement=form.cleaned_data["statement"],
                by=person,
            )
        except services.GovernanceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your proxy is recorded."))
    else:
        messages.error(request, _("Choose the member that will vote for you."))
    return redirect("governance:meeting", pk=found.pk)


@require_POST
@login_required
def withdraw_proxy(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_proxy_for_giver(person, pk)
    try:
        services.revoke_proxy(proxy=found, by=person)
    except services.GovernanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proxy is withdrawn."))
    return redirect("governance:meeting", pk=found.meeting_id)


@require_POST
@login_required
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_meeting_for_member(person, pk)
    mine = selectors.organisations(
        o.pk for o in selectors.represented_organisations(person, timezone.localdate())
    )
    form = ProposalForm(request.POST, mine=mine)
    if form.is_valid():
        try:
            services.propose_agenda_item(meeting=found, by=person, **form.cleaned_data)
        except services.GovernanceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your proposal is recorded."))
    else:
        messages.error(request, _("Give a title and the proposed decision."))
    return redirect("governance:meeting", pk=found.pk)


@require_POST
@login_required
def sign_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    proposal = permissions.get_proposal_for_member(person, pk)
    organisation = permissions.get_organisation(request.POST.get("organisation"))
    try:
        services.sign_agenda_proposal(proposal=proposal, organisation=organisation, by=person)
    except services.GovernanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your signature is recorded."))
    return redirect("governance:meeting", pk=proposal.meeting_id)
