"""The members' pages: who sits where, the meetings with their agenda, documents, attendance and
proxies, the representative's phone page for the open vote, the projector page, the minutes and
the register of decisions. Every object comes through som.governance.permissions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.core import downloads
from som.governance import minutes as minutes_service
from som.governance import permissions, rules, selectors, services
from som.governance.forms import ProposalForm, ProxyForm, RequestForm
from som.governance.models import AgendaItem, AgendaProposal, Meeting, MeetingRequest, Minutes
from som.network.models import Organisation
from som.voting import electorates
from som.voting import selectors as voting_selectors
from som.voting import services as voting
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
    attendances = {
        a.organisation_id: a for a in meeting.attendances.filter(organisation_id__in=my_ids)
    }
    proxies = the_roll.proxies
    open_vote = next((i for i in items if i.poll and i.poll.state == Poll.State.OPEN), None)
    share = selectors.statutes().proposal_share
    return {
        "meeting": meeting,
        "items": items,
        "roll": the_roll,
        "quorums": selectors.quorum_per_kind(meeting, the_roll, items),
        "documents": list(meeting.documents.all()),
        "mine": [(organisation, attendances.get(organisation.pk)) for organisation in mine],
        "my_proxies": [p for p in proxies if p.giver_id in my_ids or p.holder_id in my_ids],
        "my_ids": my_ids,
        "is_secretary": is_secretary,
        "open_vote": open_vote,
        "proposals": list(
            meeting.proposals.filter(item__isnull=True).prefetch_related("signatures")
        ),
        "signatures_needed": selectors.signatures_needed(share, the_roll.members),
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "recipient_count": meeting.recipients.count(),
    }


@login_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    access = selectors.access_of(person)
    found = permissions.get_meeting_for_member(person, pk, access)
    context = _meeting_context(found, person, access.secretary)
    mine = Organisation.objects.filter(pk__in=[o.pk for o, _a in context["mine"]])
    members = Organisation.objects.filter(
        pk__in=selectors.voting_memberships(selectors.meeting_date(found)).values("organisation_id")
    ).order_by("name")
    open_for_input = found.status in (Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)
    if context["mine"] and open_for_input:
        context["proxy_form"] = ProxyForm(mine=mine, members=members.exclude(pk__in=mine))
    if context["mine"] and found.status in (Meeting.Status.DRAFT, Meeting.Status.CONVENED):
        context["proposal_form"] = ProposalForm(mine=mine)
    return render(request, "governance/meeting.html", context)


@require_POST
@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_meeting_for_member(person, pk)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
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
    mine = Organisation.objects.filter(
        pk__in=[
            o.pk for o in selectors.represented_organisations(person, selectors.meeting_date(found))
        ]
    )
    form = ProxyForm(request.POST, mine=mine, members=Organisation.objects.all())
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
    mine = Organisation.objects.filter(
        pk__in=[o.pk for o in selectors.represented_organisations(person, timezone.localdate())]
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
    proposal = get_object_or_404(AgendaProposal.objects.select_related("meeting"), pk=pk)
    found = permissions.get_meeting_for_member(person, proposal.meeting_id)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    try:
        services.sign_agenda_proposal(proposal=proposal, organisation=organisation, by=person)
    except services.GovernanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your signature is recorded."))
    return redirect("governance:meeting", pk=found.pk)


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


# --- Documents and minutes ----------------------------------------------------------------------


@login_required
@cache_control(private=True, no_store=True)  # for members only: no proxy keeps it
def document(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = permissions.get_document_for_member(person_of(request), pk)
    # Only a PDF opens in the browser: any other upload (HTML too) is downloaded, never rendered
    # on this site's origin.
    inline = found.content_type == "application/pdf"
    return downloads.private_file(
        found.file,
        content_type=found.content_type if inline else "application/octet-stream",
        filename=found.filename,
        as_attachment=not inline,
    )


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_minutes_for_reader(person, pk)
    return render(
        request,
        "governance/minutes.html",
        {
            "minutes": found,
            "meeting": found.meeting,
            "is_secretary": selectors.is_secretary(person),
        },
    )


@login_required
@cache_control(private=True, no_store=True)  # for members only: no proxy keeps it
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_minutes_for_reader(person_of(request), pk)
    pdf = minutes_service.minutes_pdf(found, translation.get_language() or "nl")
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate(found.meeting.starts_at)
    response["Content-Disposition"] = f'inline; filename="notulen-{day:%Y-%m-%d}.pdf"'
    return response


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    access = selectors.access_of(person_of(request))
    if not access.member:
        raise Http404
    search = request.GET.get("q", "")[:100]
    found = selectors.register_of_decisions(search=search, published_only=not access.secretary)
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(request, "governance/decisions.html", {"page": page, "search": search})


# --- The representative's phone page ------------------------------------------------------------


def _open_item(meeting: Meeting) -> AgendaItem | None:
    return (
        meeting.items.filter(poll__state=Poll.State.OPEN)
        .select_related("poll", "motion_kind")
        .first()
    )


def _last_decided(meeting: Meeting) -> AgendaItem | None:
    return (
        meeting.items.exclude(outcome=AgendaItem.Outcome.PENDING)
        .exclude(outcome=AgendaItem.Outcome.INFORMATION)
        .select_related("poll", "motion_kind")
        .order_by("-decided_at", "-position")
        .first()
    )


@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the open motion (or what there is to know); POST casts the ballot through the
    voting engine and answers "counted" at once, with a secret vote's receipt in this response
    only: it is kept nowhere on the server (not in the session, not in a URL), and the page is
    not stored by the browser's or a proxy's cache."""
    person = person_of(request)
    found = permissions.get_meeting_for_member(person, pk)
    item = _open_item(found)
    context: dict[str, Any] = {"meeting": found, "item": item, "state": "waiting"}
    if item is None or item.poll is None:
        context["last"] = _last_decided(found)
        return render(request, "governance/vote.html", context)
    poll = item.poll
    status = 200
    if request.method == "POST":
        sent = voting.cast_from_form(
            poll=poll.pk, voter=person, values=request.POST.getlist("choice")
        )
        status = sent.status
        if sent.error is not None:
            context |= {"error": sent.error.message, "error_code": sent.error.code}
        else:
            assert sent.receipt is not None
            context |= {"counted": True, "receipt": sent.receipt.receipt}
    assert item.motion_kind is not None
    context["rule"] = rules.explain(
        rules.Rule.of(item.motion_kind), waived=selectors.is_quorum_waived(item)
    )
    if voting_selectors.has_voted(poll, person) or context.get("error_code") == "already_voted":
        context["state"] = "voted"
    else:
        eligibility = electorates.check(poll, person)
        if isinstance(eligibility, electorates.Refusal):
            context |= {"state": "refused", "reason": eligibility.reason}
        else:
            context |= {
                "state": "open",
                "weight": eligibility.weight,
                "reason": eligibility.reason,
                "options": list(poll.options.all()),
            }
    response = render(request, "governance/vote.html", context, status=status)
    if context.get("counted"):
        patch_cache_control(response, no_store=True, private=True)
    return response


# --- The projector ------------------------------------------------------------------------------


@login_required
def projector(request: HttpRequest, pk: int) -> HttpResponse:
    """The open motion with the turnout, else the last decision: the result, the rule in plain
    words, passed or not. It follows the meeting by itself (static/js/screen.js)."""
    found = permissions.get_meeting_for_member(person_of(request), pk)
    item = _open_item(found)
    context: dict[str, Any] = {"meeting": found, "item": item}
    if item is not None and item.poll is not None:
        assert item.motion_kind is not None
        context |= {
            "turnout": voting_selectors.live_turnout(item.poll),
            "rule": rules.explain(
                rules.Rule.of(item.motion_kind), waived=selectors.is_quorum_waived(item)
            ),
        }
    else:
        last = _last_decided(found)
        context["last"] = last
        if last is not None and last.motion_kind is not None:
            # In the reader's language, whatever language the vote was closed in.
            context["last_rule"] = rules.explain(
                rules.Rule.of(last.motion_kind), waived=selectors.is_quorum_waived(last)
            )
    return render(request, "governance/projector.html", context)
