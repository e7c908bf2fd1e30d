"""During the meeting: open and close it, hear a member, record conflicts of interest, open and
close each vote (through the voting engine), record a show of hands, establish a missed quorum
and convene the second meeting. Each function is one use case, in one transaction, audited.

A vote with a closing time closes then by itself (`close_due_vote`, registered with
som.voting.closers), as the secretary's close would."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.governance import electorate, rules, selectors
from som.governance.models import (
    AgendaItem,
    Attendance,
    Candidate,
    ConflictOfInterest,
    Mandate,
    Meeting,
    MotionKind,
)
from som.governance.services._common import (
    GovernanceError,
    _date,
    _lock,
    _require_status,
    require_secretary,
)
from som.governance.services.bodies import _appoint
from som.governance.services.meetings import _add_item
from som.membership import services as membership
from som.membership.errors import MembershipError
from som.voting import closers
from som.voting import selectors as voting_selectors
from som.voting import services as voting
from som.voting.models import Poll
from som.voting.services import OptionData

CHOICES = ("yes", "no", "abstain")


@transaction.atomic
def start_meeting(*, meeting: Meeting, by: Person, now: datetime.datetime | None = None) -> Meeting:
    require_secretary(by)
    meeting = _lock(meeting)
    _require_status(meeting, Meeting.Status.CONVENED)
    meeting.status = Meeting.Status.IN_PROGRESS
    meeting.started_at = now or timezone.now()
    meeting.save(update_fields=["status", "started_at", "updated_at"])
    audit.record(actor=by, action="meeting.started", obj=meeting)
    return meeting


@transaction.atomic
def close_meeting(*, meeting: Meeting, by: Person, now: datetime.datetime | None = None) -> Meeting:
    require_secretary(by)
    meeting = _lock(meeting)
    _require_status(meeting, Meeting.Status.IN_PROGRESS)
    if meeting.items.filter(poll__state=Poll.State.OPEN).exists():
        raise GovernanceError(_("Close the open vote first."), "vote_open")
    meeting.status = Meeting.Status.CLOSED
    meeting.closed_at = now or timezone.now()
    meeting.save(update_fields=["status", "closed_at", "updated_at"])
    meeting.items.filter(motion_kind__isnull=True).update(outcome=AgendaItem.Outcome.INFORMATION)
    audit.record(actor=by, action="meeting.closed", obj=meeting)
    return meeting


def _lock_item(item: AgendaItem) -> tuple[AgendaItem, Meeting]:
    meeting = _lock(item.meeting)
    item = AgendaItem.objects.select_related("motion_kind", "subject_organisation", "poll").get(
        pk=item.pk
    )
    return item, meeting


@transaction.atomic
def record_hearing(
    *, item: AgendaItem, note: str, by: Person, now: datetime.datetime | None = None
) -> AgendaItem:
    """The member named in an exclusion was invited and heard (or did not come): recorded
    before the vote, and written in the minutes."""
    require_secretary(by)
    item, meeting = _lock_item(item)
    _require_status(meeting, Meeting.Status.IN_PROGRESS)
    if item.subject_organisation is None:
        raise GovernanceError(_("This item names no member to hear."), "invalid_item")
    if not note.strip():
        raise GovernanceError(
            _("Write down what the member said (or that they did not come)."), "invalid_item"
        )
    item.heard_at = now or timezone.now()
    item.hearing_note = note.strip()
    item.save(update_fields=["heard_at", "hearing_note"])
    audit.record(actor=by, action="item.member_heard", obj=meeting, changes={"item": item.title})
    return item


@transaction.atomic
def declare_conflict(
    *,
    item: AgendaItem,
    person: Person,
    declaration: str,
    by: Person,
    now: datetime.datetime | None = None,
) -> ConflictOfInterest:
    """Declared before the vote (art. 9:8 WVV): it goes in the minutes and the person does not
    vote on the item; the electorate refuses them with this declaration as the reason."""
    item, meeting = _lock_item(item)
    if by != person:
        require_secretary(by)
    _require_status(meeting, Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)
    if item.poll is not None and item.poll.state != Poll.State.DRAFT:
        raise GovernanceError(
            _("A conflict of interest is declared before the vote."), "wrong_state"
        )
    if not declaration.strip():
        raise GovernanceError(_("Describe the conflict of interest."), "invalid_item")
    conflict, _created = ConflictOfInterest.objects.update_or_create(
        item=item,
        person=person,
        defaults={
            "declaration": declaration.strip(),
            "recorded_at": now or timezone.now(),
            "recorded_by": by,
        },
    )
    audit.record(
        actor=by,
        action="item.conflict_of_interest",
        obj=meeting,
        changes={"item": item.title, "person": str(person)},
    )
    return conflict


def _quorum(item: AgendaItem, meeting: Meeting) -> rules.QuorumState:
    state = selectors.quorum_of(item, selectors.roll(meeting))
    assert state is not None
    return state


@transaction.atomic
def open_vote(*, item: AgendaItem, by: Person, now: datetime.datetime | None = None) -> Poll:
    """Open the vote on a motion: refused without the quorum (unless waived at a second
    meeting), while another vote is open, or for an exclusion before the member was heard."""
    require_secretary(by)
    item, meeting = _lock_item(item)
    _require_status(meeting, Meeting.Status.IN_PROGRESS)
    kind = item.motion_kind
    if kind is None:
        raise GovernanceError(_("This item has no vote."), "invalid_item")
    if item.outcome != AgendaItem.Outcome.PENDING:
        raise GovernanceError(_("This item has been decided."), "wrong_state")
    if item.poll is not None:
        raise GovernanceError(_("The vote on this item has been opened already."), "wrong_state")
    if meeting.items.filter(poll__state=Poll.State.OPEN).exists():
        raise GovernanceError(_("Close the open vote first."), "vote_open")
    if kind.effect == MotionKind.Effect.EXCLUDE_MEMBER and item.heard_at is None:
        raise GovernanceError(
            _("Hear the member (or record that they did not come) before the vote."),
            "not_heard",
        )
    quorum = _quorum(item, meeting)
    if not quorum.met:
        raise GovernanceError(
            _(
                "The quorum is not met: %(present)d of %(members)d members present or "
                "represented, %(required)d needed. Establish that the quorum is missing: a "
                "second meeting can then decide."
            )
            % {
                "present": quorum.present,
                "members": quorum.members,
                "required": quorum.needed,
            },
            "no_quorum",
        )
    poll = voting.create_poll(
        title=item.title,
        question=item.motion or item.title,
        method=Poll.Method.ELECTION if kind.is_election else Poll.Method.YES_NO_ABSTAIN,
        secrecy=Poll.Secrecy.SECRET if kind.secret else Poll.Secrecy.NAMED,
        max_choices=item.seats if kind.is_election else None,
        options=[
            OptionData(str(candidate.person), reference=f"person:{candidate.person.pk}")
            for candidate in item.candidates.select_related("person")
        ]
        if kind.is_election
        else (),
        electorate_kind=electorate.KIND,
        electorate_reference=electorate.reference_of(item),
        by=by,
        authorised_by="governance.secretary",
    )
    voting.open_poll(poll=poll, by=by, now=now, authorised_by="governance.secretary")
    item.poll = poll
    item.decision = {"quorum": _quorum_data(quorum)}
    item.save(update_fields=["poll", "decision"])
    audit.record(actor=by, action="item.vote_opened", obj=meeting, changes={"item": item.title})
    return poll


def _quorum_data(quorum: rules.QuorumState) -> dict[str, Any]:
    return {
        "members": quorum.members,
        "present": quorum.present,
        "required": quorum.needed,
        "applies": quorum.applies,
        "met": quorum.met,
        "waived": quorum.waived,
    }


@transaction.atomic
def record_show_of_hands(
    *,
    item: AgendaItem,
    hands: Mapping[int, str],
    by: Person,
    now: datetime.datetime | None = None,
) -> int:
    """The secretary enters the show of hands: per present member (organisation id, or person id
    in a board meeting) `yes`, `no` or `abstain`. Members who already voted on their phone keep
    their vote. Only for a named vote."""
    require_secretary(by)
    item, meeting = _lock_item(item)
    poll = item.poll
    if poll is None or poll.state != Poll.State.OPEN:
        raise GovernanceError(_("The vote is not open."), "wrong_state")
    if poll.is_secret:
        raise GovernanceError(_("A secret vote cannot be taken by a show of hands."), "secret")
    options = dict(poll.options.values_list("reference", "pk"))
    present = meeting.attendances.filter(status=Attendance.Status.PRESENT).select_related("person")
    key = "organisation_id" if meeting.body.is_general_assembly else "person_id"
    voters = {getattr(attendance, key): attendance.person for attendance in present}
    votes = []
    for who, choice in hands.items():
        if choice not in CHOICES:
            continue
        voter = voters.get(who)
        if voter is None:
            raise GovernanceError(_("Only present members vote."), "not_member")
        if not voting_selectors.has_voted(poll, voter):
            votes.append((voter, [options[choice]]))
    return voting.record_show_of_hands(
        poll=poll, votes=votes, by=by, now=now, authorised_by="governance.secretary"
    )


@transaction.atomic
def close_vote(*, item: AgendaItem, by: Person, now: datetime.datetime | None = None) -> AgendaItem:
    """Close the vote, publish its result and apply the motion kind's rule. An adopted
    exclusion excludes the member from the register; an election gives the elected their board
    mandate."""
    require_secretary(by)
    item, meeting = _lock_item(item)
    poll = item.poll
    if poll is None or poll.state != Poll.State.OPEN:
        raise GovernanceError(_("The vote is not open."), "wrong_state")
    return _close_vote(item, meeting, poll, by=by, now=now or timezone.now())


def close_due_vote(poll: Poll, now: datetime.datetime) -> bool:
    """Registered with som.voting.closers: a motion's vote past its closing time closes as the
    secretary's close does (result published, the motion kind's rule applied). Locks the
    meeting, then the poll, in the order the secretary's close does. False when it was closed
    meanwhile."""
    found = AgendaItem.objects.filter(poll_id=poll.pk).select_related("meeting").first()
    if found is None:  # a poll of this kind made by hand, outside a meeting
        return closers.close_plainly(poll, now)
    item, meeting = _lock_item(found)
    locked = closers.lock_if_due(poll.pk, now)
    if locked is None:
        return False
    _close_vote(item, meeting, locked, by=None, now=now)
    return True


def _close_vote(
    item: AgendaItem, meeting: Meeting, poll: Poll, *, by: Person | None, now: datetime.datetime
) -> AgendaItem:
    result = voting.close_poll(poll=poll, by=by, now=now, authorised_by="governance.secretary")
    voting.publish_result(poll=poll, by=by, now=now, authorised_by="governance.secretary")
    kind = item.motion_kind
    assert kind is not None
    rule = rules.Rule.of(kind)
    quorum = item.decision.get("quorum", {})
    quorum_met = bool(quorum.get("met", True))
    data = result.data
    decision: dict[str, Any] = {
        "quorum": quorum,
        "rule": rules.explain(rule, waived=bool(quorum.get("waived"))),
        "turnout": data["turnout"],
    }
    if kind.is_election:
        labels = {option["id"]: option for option in data["options"]}
        decision |= {
            "candidates": [{"name": o["label"], "votes": o["votes"]} for o in data["options"]],
            "elected": [labels[pk]["label"] for pk in data.get("elected", [])],
            "tied": [labels[pk]["label"] for pk in data.get("tied", [])],
        }
        outcome = AgendaItem.Outcome.TIED if data.get("tied") else AgendaItem.Outcome.ADOPTED
        if not quorum_met:
            outcome = AgendaItem.Outcome.NO_QUORUM
        if outcome == AgendaItem.Outcome.ADOPTED:
            _elect(item, meeting, [labels[pk]["reference"] for pk in data["elected"]], by)
    else:
        counted = rules.decide(
            rule,
            quorum_met=quorum_met,
            yes=data.get("yes", 0),
            no=data.get("no", 0),
            abstain=data.get("abstain", 0),
        )
        decision |= counted.as_data()
        outcome = AgendaItem.Outcome.ADOPTED if counted.adopted else AgendaItem.Outcome.REJECTED
        if (
            outcome == AgendaItem.Outcome.ADOPTED
            and kind.effect == MotionKind.Effect.EXCLUDE_MEMBER
        ):
            _exclude(item, meeting, by)
    item.outcome = outcome
    item.decision = decision
    item.decided_at = now
    item.save(update_fields=["outcome", "decision", "decided_at"])
    audit.record(
        actor=by,
        action="item.decided",
        obj=meeting,
        changes={"item": item.title, "outcome": outcome},
    )
    return item


def _exclude(item: AgendaItem, meeting: Meeting, by: Person | None) -> None:
    organisation = item.subject_organisation
    assert organisation is not None
    on = selectors.meeting_date(meeting)
    found = selectors.voting_memberships(on).filter(organisation=organisation).first()
    if found is None:
        raise GovernanceError(
            _("%(organisation)s is no longer a voting member.") % {"organisation": organisation},
            "not_member",
        )
    try:
        membership.exclude(
            membership=found,
            decision_date=on,
            decision=_("Excluded by the general assembly of %(date)s: %(motion)s")
            % {"date": _date(on), "motion": item.motion or item.title},
            by=by,
        )
    except MembershipError as error:
        raise GovernanceError(error.message, error.code) from None


def _elect(item: AgendaItem, meeting: Meeting, references: list[str], by: Person | None) -> None:
    board = selectors.board()
    if board is None:
        return
    on = selectors.meeting_date(meeting)
    ids = [int(reference.removeprefix("person:")) for reference in references]
    for candidate in Candidate.objects.filter(item=item, person_id__in=ids).select_related(
        "person"
    ):
        _appoint(
            body=board,
            person=candidate.person,
            role=Mandate.Role.MEMBER,
            starts_on=on,
            seat=_("elected by the general assembly"),
            elected_by=item,
            by=by,
        )


@transaction.atomic
def record_no_quorum(
    *, item: AgendaItem, by: Person, now: datetime.datetime | None = None
) -> AgendaItem:
    """The secretary establishes that the quorum for this motion is missing: the item is not
    decided, and a second meeting can decide it whatever the attendance."""
    require_secretary(by)
    item, meeting = _lock_item(item)
    _require_status(meeting, Meeting.Status.IN_PROGRESS)
    if item.motion_kind is None or item.outcome != AgendaItem.Outcome.PENDING or item.poll:
        raise GovernanceError(_("This item is not waiting for a vote."), "wrong_state")
    quorum = _quorum(item, meeting)
    if quorum.met:
        raise GovernanceError(_("The quorum is met: open the vote."), "quorum_met")
    item.outcome = AgendaItem.Outcome.NO_QUORUM
    item.decided_at = now or timezone.now()
    item.decision = {
        "quorum": _quorum_data(quorum),
        "rule": rules.explain(rules.Rule.of(item.motion_kind)),
    }
    item.save(update_fields=["outcome", "decided_at", "decision"])
    audit.record(actor=by, action="item.no_quorum", obj=meeting, changes={"item": item.title})
    return item


def second_meeting_earliest(meeting: Meeting) -> datetime.date:
    days = selectors.statutes().second_meeting_min_days
    return selectors.meeting_date(meeting) + datetime.timedelta(days=days)


@transaction.atomic
def convene_second_meeting(
    *,
    meeting: Meeting,
    starts_at: datetime.datetime,
    by: Person,
    place: str = "",
    online_url: str = "",
    now: datetime.datetime | None = None,
) -> Meeting:
    """A second meeting for the motions that missed their quorum, not earlier than 15 days
    after the first: there the quorum does not apply. It still needs its convocation."""
    require_secretary(by)
    meeting = _lock(meeting)
    missed = list(
        meeting.items.filter(
            outcome=AgendaItem.Outcome.NO_QUORUM,
            motion_kind__second_meeting_without_quorum=True,
            carried_over_to__isnull=True,
        ).select_related("motion_kind", "subject_organisation")
    )
    if not missed:
        raise GovernanceError(
            _("No motion of this meeting missed a quorum that a second meeting can waive."),
            "no_missed_quorum",
        )
    earliest = second_meeting_earliest(meeting)
    if timezone.localdate(starts_at) < earliest:
        raise GovernanceError(
            _(
                "The second meeting may not be held within %(days)d days of the first: on "
                "%(date)s at the earliest."
            )
            % {"days": selectors.statutes().second_meeting_min_days, "date": _date(earliest)},
            "too_early",
        )
    if starts_at <= (now or timezone.now()):
        raise GovernanceError(_("A meeting is scheduled in the future."), "in_the_past")
    second = Meeting(
        body=meeting.body,
        kind=meeting.kind,
        title=_("%(title)s (second meeting)") % {"title": meeting.title},
        starts_at=starts_at,
        place=place or meeting.place,
        online_url=online_url or meeting.online_url,
        invite_observers=meeting.invite_observers,
        second_meeting_of=meeting,
        created_by=by,
    )
    second.full_clean()
    second.save()
    for item in missed:
        _add_item(
            meeting=second,
            title=item.title,
            by=by,
            motion_kind=item.motion_kind,
            motion=item.motion,
            description=item.description,
            subject_organisation=item.subject_organisation,
            seats=item.seats,
            candidates=[c.person for c in item.candidates.select_related("person")],
            carried_over_from=item,
            now=now,
        )
    audit.record(actor=by, action="meeting.second_convened", obj=second)
    return second
