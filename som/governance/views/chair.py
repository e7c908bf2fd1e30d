"""The secretary's and the chair's pages (the board's secretary or chair, or the team):

new_meeting   schedule a meeting
prepare       the agenda, documents, the convocation, the second meeting
chair         during the meeting: presence, open and close each vote, a show of hands,
              hearings, conflicts of interest; the live quorum and turnout
edit_minutes  generate, complete, approve and publish the minutes
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.core.params import positive_int
from som.governance import minutes as minutes_service
from som.governance import permissions, selectors, services, votes
from som.governance.forms import (
    DocumentForm,
    ItemForm,
    MeetingForm,
    MinutesForm,
    MoveMeetingForm,
    SecondMeetingForm,
)
from som.governance.models import Meeting, Minutes
from som.network.models import Organisation
from som.voting import selectors as voting_selectors
from som.voting.models import Poll


def _members(meeting: Meeting) -> Any:
    return Organisation.objects.filter(
        pk__in=selectors.voting_memberships(selectors.meeting_date(meeting)).values(
            "organisation_id"
        )
    ).order_by("name")


@login_required
def new_meeting(request: HttpRequest) -> HttpResponse:
    person = permissions.require_secretary(person_of(request))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.schedule_meeting(by=person, **form.cleaned_data)
        except services.GovernanceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is scheduled: write its agenda."))
            return redirect("governance:prepare", pk=created.pk)
    return render(request, "governance/new_meeting.html", {"form": form})


@login_required
def prepare(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    meeting = permissions.get_meeting_for_secretary(person, pk)
    item_form = ItemForm(members=_members(meeting))
    document_form = DocumentForm()
    second_form = SecondMeetingForm()
    move_form = MoveMeetingForm(initial={"starts_at": timezone.localtime(meeting.starts_at)})
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "move":
                move_form = MoveMeetingForm(request.POST)
                if move_form.is_valid():
                    services.move_meeting(meeting=meeting, by=person, **move_form.cleaned_data)
                    messages.success(request, _moved_message(meeting))
                    return redirect("governance:prepare", pk=meeting.pk)
            elif action == "item":
                item_form = ItemForm(request.POST, members=_members(meeting))
                if item_form.is_valid():
                    services.add_agenda_item(meeting=meeting, by=person, **item_form.cleaned_data)
                    messages.success(request, _("The item is on the agenda."))
                    return redirect("governance:prepare", pk=meeting.pk)
            elif action == "document":
                document_form = DocumentForm(request.POST, request.FILES)
                if document_form.is_valid():
                    upload = document_form.cleaned_data["file"]
                    services.add_document(
                        meeting=meeting,
                        title=document_form.cleaned_data["title"],
                        filename=upload.name,
                        content_type=upload.content_type or "",
                        content=upload.read(),
                        by=person,
                    )
                    messages.success(request, _("The document is available to the members."))
                    return redirect("governance:prepare", pk=meeting.pk)
            elif action == "convene":
                sent = services.send_convocation(meeting=meeting, by=person)
                messages.success(
                    request, _("The convocation went to %(count)d people.") % {"count": len(sent)}
                )
                return redirect("governance:prepare", pk=meeting.pk)
            elif action == "second":
                second_form = SecondMeetingForm(request.POST)
                if second_form.is_valid():
                    second = votes.convene_second_meeting(
                        meeting=meeting, by=person, **second_form.cleaned_data
                    )
                    messages.success(
                        request, _("The second meeting is scheduled: send its convocation.")
                    )
                    return redirect("governance:prepare", pk=second.pk)
            else:
                raise Http404
        except services.GovernanceError as error:
            messages.error(request, error.message)
    context = {
        "meeting": meeting,
        "items": selectors.agenda(meeting),
        "documents": list(meeting.documents.all()),
        "recipients": list(meeting.recipients.select_related("person", "organisation")),
        "item_form": item_form,
        "document_form": document_form,
        "second_form": second_form,
        "move_form": move_form,
        "can_second": meeting.items.filter(
            outcome="no_quorum",
            motion_kind__second_meeting_without_quorum=True,
            carried_over_to__isnull=True,
        ).exists(),
        "second_earliest": votes.second_meeting_earliest(meeting),
        **_electorate(meeting),
    }
    return render(request, "governance/prepare.html", context)


def _electorate(meeting: Meeting) -> dict[str, Any]:
    """Before a general assembly's convocation: who can vote on its day, and why it would be
    refused."""
    if not meeting.body.is_general_assembly or meeting.status != Meeting.Status.DRAFT:
        return {}
    check = selectors.electorate_check(selectors.meeting_date(meeting))
    return {"electorate": check, "electorate_problem": services.electorate_problem(check)}


def _moved_message(meeting: Meeting) -> str:
    if meeting.status == Meeting.Status.CONVENED:
        return _("The meeting is moved; everybody convened is told the new date.")
    return _("The meeting is moved.")


# --- The chair's page ---------------------------------------------------------------------------

ItemAction = Callable[..., Any]


def _item_actions() -> dict[str, tuple[ItemAction, str]]:
    return {
        "open": (votes.open_vote, _("The vote is open.")),
        "close": (votes.close_vote, _("The vote is closed and the result is on the screen.")),
        "no_quorum": (votes.record_no_quorum, _("Recorded: the quorum is not met.")),
    }


def _chair_post(request: HttpRequest, meeting: Meeting, person: Person) -> None:
    action = request.POST.get("action", "")
    if action == "start":
        votes.start_meeting(meeting=meeting, by=person)
        messages.success(request, _("The meeting is open."))
    elif action == "close_meeting":
        votes.close_meeting(meeting=meeting, by=person)
        messages.success(request, _("The meeting is closed. Generate the minutes."))
    elif action in ("present", "absent"):
        organisation = person_id = None
        if meeting.body.is_general_assembly:
            organisation = get_object_or_404(Organisation, pk=request.POST.get("who") or 0)
        else:
            person_id = get_object_or_404(Person, pk=request.POST.get("who") or 0)
        services.register_presence(
            meeting=meeting,
            organisation=organisation,
            person=person_id,
            present=action == "present",
            by=person,
        )
    else:
        item = permissions.get_item_for_secretary(
            person, meeting, positive_int(request.POST.get("item"), 0)
        )
        if action in _item_actions():
            service, done = _item_actions()[action]
            service(item=item, by=person)
            messages.success(request, done)
        elif action == "hands":
            hands = {
                who: str(request.POST.get(key, ""))
                for key in request.POST
                if key.startswith("hand-")
                and (who := positive_int(key.removeprefix("hand-"))) is not None
            }
            count = votes.record_show_of_hands(item=item, hands=hands, by=person)
            messages.success(request, _("%(count)d votes recorded.") % {"count": count})
        elif action == "hearing":
            votes.record_hearing(item=item, note=request.POST.get("note", ""), by=person)
            messages.success(request, _("The hearing is recorded."))
        elif action == "conflict":
            declarer = get_object_or_404(Person, pk=request.POST.get("person") or 0)
            votes.declare_conflict(
                item=item,
                person=declarer,
                declaration=request.POST.get("declaration", ""),
                by=person,
            )
            messages.success(request, _("The conflict of interest is recorded."))
        else:
            raise Http404


@login_required
def chair(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    meeting = permissions.get_meeting_for_secretary(person, pk)
    if request.method == "POST":
        try:
            _chair_post(request, meeting, person)
        except services.GovernanceError as error:
            messages.error(request, error.message)
        except ValueError:
            raise Http404 from None
        return redirect("governance:chair", pk=meeting.pk)
    items = selectors.agenda(meeting)
    the_roll = selectors.roll(meeting)
    open_item = next((i for i in items if i.poll and i.poll.state == Poll.State.OPEN), None)
    present_ids = {a.organisation_id or a.person_id for a in the_roll.present}
    gave = {p.giver_id: p for p in the_roll.proxies}
    if meeting.body.is_general_assembly:
        seats = [
            {
                "key": seat.organisation.pk,
                "name": seat.organisation.name,
                "voter": seat.voter,
                "present": seat.organisation.pk in present_ids,
                "proxy": gave.get(seat.organisation.pk),
                "weight": the_roll.weight_of(seat.organisation.pk),
            }
            for seat in selectors.general_assembly_seats(selectors.meeting_date(meeting))
        ]
    else:
        seats = [
            {
                "key": m.person.pk,
                "name": str(m.person),
                "voter": m.person,
                "present": m.person.pk in present_ids,
                "proxy": None,
                "weight": 1,
            }
            for m in selectors.board_mandates(selectors.meeting_date(meeting))
        ]
    voted: set[int] = set()
    if open_item is not None and open_item.poll is not None and not open_item.poll.is_secret:
        voted = set(open_item.poll.vote_records.values_list("voter_id", flat=True))
    quorums = {item.pk: selectors.quorum_of(item, the_roll) for item in items}
    context = {
        "meeting": meeting,
        "items": [(item, quorums[item.pk]) for item in items],
        "roll": the_roll,
        "seats": seats,
        "open_item": open_item,
        "turnout": voting_selectors.live_turnout(open_item.poll)
        if open_item and open_item.poll
        else None,
        "voted": voted,
        "present_people": [a.person for a in the_roll.present]
        + [m.person for m in selectors.board_mandates(selectors.meeting_date(meeting))],
    }
    return render(request, "governance/chair.html", context)


# --- The minutes --------------------------------------------------------------------------------


@login_required
def edit_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    meeting = permissions.get_meeting_for_secretary(person, pk)
    found = Minutes.objects.filter(meeting=meeting).first()
    form = MinutesForm(request.POST or None, initial={"text": found.text if found else ""})
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "generate":
                minutes_service.generate_minutes(meeting=meeting, by=person)
                messages.success(request, _("The draft minutes are written: complete them."))
            elif found is None:
                raise Http404
            elif action == "save" and form.is_valid():
                minutes_service.update_minutes(
                    minutes=found, text=form.cleaned_data["text"], by=person
                )
                messages.success(request, _("The minutes are saved."))
            elif action == "approve":
                minutes_service.approve_minutes(minutes=found, by=person)
                messages.success(request, _("The minutes are approved."))
            elif action == "publish":
                minutes_service.publish_minutes(minutes=found, by=person)
                messages.success(request, _("The minutes are published to the members."))
            else:
                raise Http404
        except services.GovernanceError as error:
            messages.error(request, error.message)
        return redirect("governance:edit_minutes", pk=meeting.pk)
    return render(
        request,
        "governance/edit_minutes.html",
        {"meeting": meeting, "minutes": found, "form": form},
    )
