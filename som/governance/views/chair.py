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
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.core.params import positive_int
from som.governance import permissions, selectors, services
from som.governance.forms import (
    DocumentForm,
    ItemForm,
    MeetingForm,
    MinutesForm,
    MoveMeetingForm,
    SecondMeetingForm,
)
from som.governance.models import AgendaItem, Meeting
from som.governance.services import minutes as minutes_service
from som.governance.services import votes
from som.voting import selectors as voting_selectors
from som.voting.models import Poll


def _members(meeting: Meeting) -> Any:
    return selectors.voting_member_organisations(selectors.meeting_date(meeting))


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
        "documents": selectors.documents(meeting),
        "recipients": selectors.recipients(meeting),
        "item_form": item_form,
        "document_form": document_form,
        "second_form": second_form,
        "move_form": move_form,
        "can_second": selectors.has_items_for_a_second_meeting(meeting),
        "second_earliest": votes.second_meeting_earliest(meeting),
        **_electorate(meeting),
    }
    return render(request, "governance/prepare.html", context)


def _electorate(meeting: Meeting) -> dict[str, Any]:
    """Before a general assembly's convocation: who can vote on its day, and why it would be
    refused."""
    if not meeting.body.is_general_assembly or not meeting.is_draft:
        return {}
    check = selectors.electorate_check(selectors.meeting_date(meeting))
    return {"electorate": check, "electorate_problem": services.electorate_problem(check)}


def _moved_message(meeting: Meeting) -> str:
    if meeting.is_convened:
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


# Each action of the chair's page: (request, meeting, person, action) -> None; a message says
# what happened, a GovernanceError what was refused.
ChairAction = Callable[[HttpRequest, Meeting, Person, str], None]


def _start(request: HttpRequest, meeting: Meeting, person: Person, action: str) -> None:
    votes.start_meeting(meeting=meeting, by=person)
    messages.success(request, _("The meeting is open."))


def _close_meeting(request: HttpRequest, meeting: Meeting, person: Person, action: str) -> None:
    votes.close_meeting(meeting=meeting, by=person)
    messages.success(request, _("The meeting is closed. Generate the minutes."))


def _presence(request: HttpRequest, meeting: Meeting, person: Person, action: str) -> None:
    organisation = who = None
    if meeting.body.is_general_assembly:
        organisation = permissions.get_organisation(request.POST.get("who"))
    else:
        who = permissions.get_person(request.POST.get("who"))
    services.register_presence(
        meeting=meeting,
        organisation=organisation,
        person=who,
        present=action == "present",
        by=person,
    )


def _posted_item(request: HttpRequest, meeting: Meeting, person: Person) -> AgendaItem:
    return permissions.get_item_for_secretary(
        person, meeting, positive_int(request.POST.get("item"), 0)
    )


def _item_action(request: HttpRequest, meeting: Meeting, person: Person, action: str) -> None:
    service, done = _item_actions()[action]
    service(item=_posted_item(request, meeting, person), by=person)
    messages.success(request, done)


def _hands(request: HttpRequest, meeting: Meeting, person: Person, action: str) -> None:
    item = _posted_item(request, meeting, person)
    hands = {
        who: str(request.POST.get(key, ""))
        for key in request.POST
        if key.startswith("hand-") and (who := positive_int(key.removeprefix("hand-"))) is not None
    }
    count = votes.record_show_of_hands(item=item, hands=hands, by=person)
    messages.success(request, _("%(count)d votes recorded.") % {"count": count})


def _hearing(request: HttpRequest, meeting: Meeting, person: Person, action: str) -> None:
    item = _posted_item(request, meeting, person)
    votes.record_hearing(item=item, note=request.POST.get("note", ""), by=person)
    messages.success(request, _("The hearing is recorded."))


def _conflict(request: HttpRequest, meeting: Meeting, person: Person, action: str) -> None:
    item = _posted_item(request, meeting, person)
    declarer = permissions.get_person(request.POST.get("person"))
    votes.declare_conflict(
        item=item,
        person=declarer,
        declaration=request.POST.get("declaration", ""),
        by=person,
    )
    messages.success(request, _("The conflict of interest is recorded."))


def _unknown_item_action(
    request: HttpRequest, meeting: Meeting, person: Person, action: str
) -> None:
    _posted_item(request, meeting, person)  # an unknown item answers 404 before the action
    raise Http404


CHAIR_ACTIONS: dict[str, ChairAction] = {
    "start": _start,
    "close_meeting": _close_meeting,
    "present": _presence,
    "absent": _presence,
    "open": _item_action,
    "close": _item_action,
    "no_quorum": _item_action,
    "hands": _hands,
    "hearing": _hearing,
    "conflict": _conflict,
}


def _chair_post(request: HttpRequest, meeting: Meeting, person: Person) -> None:
    action = request.POST.get("action", "")
    CHAIR_ACTIONS.get(action, _unknown_item_action)(request, meeting, person, action)


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
    seats = selectors.chair_seats(meeting, the_roll)
    voted: set[int] = set()
    if open_item is not None and open_item.poll is not None:
        voted = selectors.public_voters(open_item.poll)
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
    found = selectors.minutes_of(meeting)
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
