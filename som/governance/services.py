"""Every write about bodies, mandates and meetings before the votes: scheduling, the agenda, the
convocation, members' requests and agenda proposals, documents, attendance and proxies.
What happens during the meeting (votes, quorum, second meeting) is in `votes.py`; the minutes
in `minutes.py`.
"""

import datetime
import uuid
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.accounts.models import Person
from som.core import audit, records
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.governance import selectors
from som.governance.models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    Body,
    Candidate,
    ConvocationRecipient,
    Mandate,
    Meeting,
    MeetingDocument,
    MeetingRequest,
    MotionKind,
    ProposalSignature,
    Proxy,
    RequestSignature,
    Statutes,
)
from som.membership.models import Membership
from som.membership.selectors import counting_on
from som.network.models import Organisation

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
UNIQUE_ROLES = (Mandate.Role.CHAIR, Mandate.Role.SECRETARY, Mandate.Role.TREASURER)


class GovernanceError(DomainError):
    """A governance rule said no. Codes: not_secretary, not_member, general_assembly_members,
    role_taken, in_the_past, too_late, hold_by, wrong_state, no_agenda, invalid_item,
    not_representative, gave_proxy, already_gave_proxy, holder_gave_proxy, proxy_limit,
    present, already_signed, too_large, not_received, electorate."""


def _day(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localdate(value), "DATE_FORMAT")


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def require_secretary(person: Person) -> None:
    if not selectors.is_secretary(person):
        raise GovernanceError(
            _("Only the secretary or the chair of the board, or the SOM team, can do this."),
            "not_secretary",
        )


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _require_status(meeting: Meeting, *statuses: str) -> None:
    if meeting.status not in statuses:
        raise GovernanceError(
            _("This cannot be done to a meeting that is %(status)s.")
            % {"status": meeting.get_status_display()},
            "wrong_state",
        )


# --- Bodies and mandates ------------------------------------------------------------------------


@transaction.atomic
def create_body(
    *,
    name: str,
    slug: str,
    kind: str,
    by: Person | None,
    powers: str = "",
    composition: str = "",
    meeting_frequency: str = "",
    active_from: datetime.date | None = None,
    active_until: datetime.date | None = None,
    position: int = 0,
) -> Body:
    body = Body(
        name=name,
        slug=slug,
        kind=kind,
        powers=powers,
        composition=composition,
        meeting_frequency=meeting_frequency,
        active_from=active_from,
        active_until=active_until,
        position=position,
    )
    body.full_clean()
    body.save()
    audit.record(actor=by, action="body.created", obj=body)
    return body


@transaction.atomic
def appoint(
    *,
    body: Body,
    person: Person,
    role: str,
    starts_on: datetime.date,
    by: Person | None,
    ends_on: datetime.date | None = None,
    seat: str = "",
    organisation: Organisation | None = None,
    elected_by: AgendaItem | None = None,
) -> Mandate:
    """A seat in a body. The general assembly has no appointed seats: its members are the
    voting member institutions."""
    if body.is_general_assembly:
        raise GovernanceError(
            _(
                "The members of the general assembly are the voting member institutions: they "
                "are not appointed."
            ),
            "general_assembly_members",
        )
    Body.objects.select_for_update().get(pk=body.pk)
    _check_role_free(body, role, starts_on, ends_on)
    mandate = Mandate(
        body=body,
        person=person,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        seat=seat,
        organisation=organisation,
        elected_by=elected_by,
    )
    mandate.full_clean()
    mandate.save()
    audit.record(actor=by, action="mandate.started", obj=mandate)
    return mandate


def _check_role_free(
    body: Body,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    besides: Mandate | None = None,
) -> None:
    """A chair, secretary or treasurer: one at a time in a body."""
    if role not in UNIQUE_ROLES:
        return
    overlapping = Mandate.objects.filter(body=body, role=role).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lt=ends_on)
    if besides is not None:
        overlapping = overlapping.exclude(pk=besides.pk)
    if overlapping.exists():
        raise GovernanceError(
            _("%(body)s already has a %(role)s in that period.")
            % {"body": body, "role": Mandate.Role(role).label},
            "role_taken",
        )


@transaction.atomic
def correct_mandate(*, mandate: Mandate, values: dict[str, Any], by: Person) -> Mandate:
    """The team corrects a mandate (a date, the seat, the role), with appoint's rules."""
    records.require_team(by)
    current = Mandate.objects.select_for_update().select_related("body").get(pk=mandate.pk)
    body = values.get("body", current.body)
    if body.is_general_assembly:
        raise GovernanceError(
            _(
                "The members of the general assembly are the voting member institutions: they "
                "are not appointed."
            ),
            "general_assembly_members",
        )
    Body.objects.select_for_update().get(pk=body.pk)
    _check_role_free(
        body,
        values.get("role", current.role),
        values.get("starts_on", current.starts_on),
        values.get("ends_on", current.ends_on),
        besides=current,
    )
    return records.save(obj=current, values=values, by=by)


@transaction.atomic
def update_body(*, body: Body, values: dict[str, Any], by: Person) -> Body:
    """The team corrects a body's name, powers, composition or dates; its kind stays."""
    if "kind" in values and values["kind"] != Body.objects.get(pk=body.pk).kind:
        raise GovernanceError(_("A body's kind does not change."), "kind_fixed")
    return records.save(obj=body, values=values, by=by)


def _require_no_meeting_at_work(**items: Any) -> None:
    """The rules of a meeting stay as they were when it was convened, until it closes."""
    at_work = Meeting.objects.filter(
        status__in=[Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS]
    )
    if items:
        at_work = at_work.filter(**{f"items__{k}": v for k, v in items.items()})
    meeting = at_work.first()
    if meeting is not None:
        raise GovernanceError(
            _("%(meeting)s is convened or in session under these rules: change them after it.")
            % {"meeting": meeting},
            "meeting_at_work",
        )


@transaction.atomic
def save_motion_kind(*, kind: MotionKind, values: dict[str, Any], by: Person) -> MotionKind:
    """The team adds a motion kind or changes its quorum, majority or notice (the statutes'
    rules), not while a meeting that votes on one is convened or in session."""
    if kind.pk:
        _require_no_meeting_at_work(motion_kind=kind)
    return records.save(obj=kind, values=values, by=by)


@transaction.atomic
def save_statutes(*, statutes: Statutes, values: dict[str, Any], by: Person) -> Statutes:
    """The statutes' numbers (proxies, deadlines, shares), not while a meeting is convened or in
    session."""
    if statutes.pk:
        _require_no_meeting_at_work()
    return records.save(obj=statutes, values=values, by=by)


@transaction.atomic
def end_mandate(*, mandate: Mandate, on: datetime.date, by: Person | None) -> Mandate:
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if on <= mandate.starts_on or (mandate.ends_on is not None and mandate.ends_on <= on):
        raise GovernanceError(_("The end date must fall within the mandate."), "in_the_past")
    mandate.ends_on = on
    mandate.save(update_fields=["ends_on"])
    audit.record(actor=by, action="mandate.ended", obj=mandate, changes={"ends_on": str(on)})
    return mandate


# --- Meetings and their agenda ------------------------------------------------------------------


@transaction.atomic
def schedule_meeting(
    *,
    body: Body,
    title: str,
    starts_at: datetime.datetime,
    by: Person,
    kind: str = Meeting.Kind.ORDINARY,
    place: str = "",
    online_url: str = "",
    invite_observers: bool = False,
    request: MeetingRequest | None = None,
    now: datetime.datetime | None = None,
) -> Meeting:
    require_secretary(by)
    now = now or timezone.now()
    if starts_at <= now:
        raise GovernanceError(_("A meeting is scheduled in the future."), "in_the_past")
    if not place.strip() and not online_url.strip():
        raise GovernanceError(_("Give a place, an online link, or both."), "invalid_item")
    if request is not None:
        if request.received_on is None:
            raise GovernanceError(
                _("This request does not have enough signatures yet."), "not_received"
            )
        hold_by = hold_by_date(request)
        if timezone.localdate(starts_at) > hold_by:
            raise GovernanceError(
                _(
                    "A meeting the members requested must be held by %(date)s (day %(days)d "
                    "after the request)."
                )
                % {"date": _date(hold_by), "days": selectors.statutes().request_hold_days},
                "hold_by",
            )
    meeting = Meeting(
        body=body,
        kind=kind,
        title=title,
        starts_at=starts_at,
        place=place,
        online_url=online_url,
        invite_observers=invite_observers,
        request=request,
        created_by=by,
    )
    meeting.full_clean()
    meeting.save()
    audit.record(actor=by, action="meeting.scheduled", obj=meeting)
    return meeting


def _next_position(meeting: Meeting) -> int:
    last = meeting.items.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


def _check_item(
    meeting: Meeting,
    motion_kind: MotionKind | None,
    subject_organisation: Organisation | None,
    seats: int | None,
) -> None:
    if motion_kind is None:
        return
    if motion_kind.effect == MotionKind.Effect.EXCLUDE_MEMBER:
        if subject_organisation is None:
            raise GovernanceError(_("An exclusion names the member on the agenda."), "invalid_item")
        if not selectors.is_voting_member(subject_organisation, timezone.localdate()):
            raise GovernanceError(
                _("%(organisation)s is not a voting member.")
                % {"organisation": subject_organisation},
                "invalid_item",
            )
    if motion_kind.is_election and not seats:
        raise GovernanceError(_("An election needs the number of seats."), "invalid_item")


def _notice_days(meeting: Meeting, kinds: Sequence[MotionKind | None]) -> int:
    """The legal notice applies to the general assembly: the longest of its motions' kinds."""
    if not meeting.body.is_general_assembly:
        return 0
    return max([kind.min_notice_days for kind in kinds if kind is not None] + [0])


def notice_deadline(meeting: Meeting, days: int) -> datetime.date:
    return selectors.meeting_date(meeting) - datetime.timedelta(days=days)


@transaction.atomic
def add_agenda_item(
    *,
    meeting: Meeting,
    title: str,
    by: Person,
    motion_kind: MotionKind | None = None,
    motion: str = "",
    description: str = "",
    subject_organisation: Organisation | None = None,
    seats: int | None = None,
    candidates: Sequence[Person] = (),
    now: datetime.datetime | None = None,
) -> AgendaItem:
    """An item, with a motion of a kind (or none, for information). After the convocation an
    item may still be added while its notice allows; the recipients then get the addition."""
    require_secretary(by)
    return _add_item(
        meeting=meeting,
        title=title,
        by=by,
        motion_kind=motion_kind,
        motion=motion,
        description=description,
        subject_organisation=subject_organisation,
        seats=seats,
        candidates=candidates,
        now=now,
    )


def _add_item(
    *,
    meeting: Meeting,
    title: str,
    by: Person | None,
    motion_kind: MotionKind | None,
    motion: str = "",
    description: str = "",
    subject_organisation: Organisation | None = None,
    seats: int | None = None,
    candidates: Sequence[Person] = (),
    proposal: AgendaProposal | None = None,
    carried_over_from: AgendaItem | None = None,
    now: datetime.datetime | None = None,
) -> AgendaItem:
    meeting = _lock(meeting)
    _require_status(meeting, Meeting.Status.DRAFT, Meeting.Status.CONVENED)
    if not title.strip():
        raise GovernanceError(_("Give the item a title."), "invalid_item")
    _check_item(meeting, motion_kind, subject_organisation, seats)
    if meeting.status == Meeting.Status.CONVENED:
        _check_notice(meeting, [motion_kind], now or timezone.now())
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        title=title,
        description=description,
        motion_kind=motion_kind,
        motion=motion,
        subject_organisation=subject_organisation,
        seats=seats if motion_kind is not None and motion_kind.is_election else None,
        proposal=proposal,
        carried_over_from=carried_over_from,
    )
    Candidate.objects.bulk_create(
        Candidate(item=item, person=person, position=n) for n, person in enumerate(candidates, 1)
    )
    audit.record(actor=by, action="meeting.item_added", obj=meeting, changes={"item": title})
    if meeting.status == Meeting.Status.CONVENED:
        _mail_recipients(meeting, "governance/mail/agenda_addition", {"item": item.title})
    return item


# --- The convocation ----------------------------------------------------------------------------


def _check_notice(
    meeting: Meeting, kinds: Sequence[MotionKind | None], now: datetime.datetime
) -> None:
    days = _notice_days(meeting, kinds)
    deadline = notice_deadline(meeting, days)
    if timezone.localdate(now) > deadline:
        raise GovernanceError(
            _(
                "Too late: for this agenda the convocation had to go by %(date)s, at least "
                "%(days)d days before the meeting of %(meeting_date)s. Move the meeting to a "
                "later date."
            )
            % {"date": _date(deadline), "days": days, "meeting_date": _day(meeting.starts_at)},
            "too_late",
        )


# A general assembly's electorate "much smaller" than last year's members: less than this share.
ELECTORATE_FLOOR = Fraction(1, 2)


def electorate_problem(check: selectors.ElectorateCheck) -> str | None:
    """Why a general assembly on `check.on` cannot be convened with its electorate, or None.

    Refused when nobody can vote, or fewer than half of last year's members: most likely the
    new year's renewals were not sent (a renewal counts from its year's first day, paid or
    not), and a convocation then reaches the board alone."""
    if check.members and check.members >= ELECTORATE_FLOOR * check.last_year_members:
        return None
    day = _date(check.on)
    if check.members == 0:
        problem = _("No member can vote at a general assembly on %(date)s.") % {"date": day}
    else:
        problem = ngettext(
            "Only %(count)d member can vote at a general assembly on %(date)s, against "
            "%(last)d at the end of %(year)s.",
            "Only %(count)d members can vote at a general assembly on %(date)s, against "
            "%(last)d at the end of %(year)s.",
            check.members,
        ) % {
            "count": check.members,
            "date": day,
            "last": check.last_year_members,
            "year": check.last_year,
        }
    if check.not_renewed:
        advice = ngettext(
            "%(count)d member of %(year)s has no membership for that day yet. The SOM team "
            "sends the renewal invoices first (Memberships, Membership years); then send the "
            "convocation.",
            "%(count)d members of %(year)s have no membership for that day yet. The SOM team "
            "sends the renewal invoices first (Memberships, Membership years); then send the "
            "convocation.",
            check.not_renewed,
        ) % {"count": check.not_renewed, "year": check.last_year}
    else:
        advice = _(
            "The convocation would reach the board alone. Check the memberships, or move the "
            "meeting to a day with members."
        )
    return f"{problem} {advice}"


def convocation_recipients(
    meeting: Meeting, on: datetime.date
) -> list[tuple[Person, str, Organisation | None]]:
    """Who gets the convocation: for the general assembly the voting members' representatives,
    the board members and (if set) the lab members as observers; for the board its members.
    `on` is the meeting's day: the members whose membership counts then, as known now (a
    renewal counts from the first day of its year, so a meeting in January is covered)."""
    chosen: dict[int, tuple[Person, str, Organisation | None]] = {}
    if meeting.body.is_general_assembly:
        for seat in selectors.general_assembly_seats(on):
            if seat.voter is not None:
                chosen.setdefault(
                    seat.voter.pk, (seat.voter, ConvocationRecipient.Role.MEMBER, seat.organisation)
                )
    for mandate in selectors.board_mandates(on):
        chosen.setdefault(
            mandate.person.pk, (mandate.person, ConvocationRecipient.Role.BOARD, None)
        )
    if meeting.body.is_general_assembly and meeting.invite_observers:
        lab_members = Membership.objects.filter(
            counting_on(on), membership_type__gives_vote=False, person__isnull=False
        ).select_related("person")
        for membership in lab_members:
            assert membership.person is not None
            chosen.setdefault(
                membership.person.pk, (membership.person, ConvocationRecipient.Role.OBSERVER, None)
            )
    return [entry for entry in chosen.values() if entry[0].is_active]


@transaction.atomic
def send_convocation(
    *, meeting: Meeting, by: Person, now: datetime.datetime | None = None
) -> list[ConvocationRecipient]:
    """Mail the convocation with the agenda to every recipient and record when and to whom it
    went. Refused when it is too late for the motions on the agenda, and for a general assembly
    whose electorate on the meeting's day is empty or less than half of last year's members."""
    require_secretary(by)
    now = now or timezone.now()
    meeting = _lock(meeting)
    _require_status(meeting, Meeting.Status.DRAFT)
    items = list(meeting.items.select_related("motion_kind"))
    if not items:
        raise GovernanceError(_("Write the agenda first."), "no_agenda")
    _check_notice(meeting, [item.motion_kind for item in items], now)
    if meeting.body.is_general_assembly:
        problem = electorate_problem(selectors.electorate_check(selectors.meeting_date(meeting)))
        if problem:
            raise GovernanceError(problem, "electorate")
    recipients = [
        ConvocationRecipient(
            meeting=meeting,
            person=person,
            organisation=organisation,
            role=role,
            email=person.email,
            sent_at=now,
        )
        for person, role, organisation in convocation_recipients(
            meeting, selectors.meeting_date(meeting)
        )
    ]
    ConvocationRecipient.objects.bulk_create(recipients)
    meeting.status = Meeting.Status.CONVENED
    meeting.convened_at = now
    meeting.save(update_fields=["status", "convened_at", "updated_at"])
    audit.record(
        actor=by, action="meeting.convened", obj=meeting, changes={"recipients": len(recipients)}
    )
    _mail_recipients(meeting, "governance/mail/convocation", {})
    return recipients


@transaction.atomic
def move_meeting(
    *,
    meeting: Meeting,
    starts_at: datetime.datetime,
    by: Person,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Move a meeting to another date and time before it opens. A convened meeting keeps its
    convocation: the new date must leave the notice its agenda needs, counted from today, and
    everybody convened is told the new date with the agenda. A meeting the members requested
    stays within its hold-by date; a second meeting not earlier than the statutes allow."""
    require_secretary(by)
    now = now or timezone.now()
    meeting = _lock(meeting)
    _require_status(meeting, Meeting.Status.DRAFT, Meeting.Status.CONVENED)
    if starts_at <= now:
        raise GovernanceError(_("A meeting is scheduled in the future."), "in_the_past")
    if starts_at == meeting.starts_at:
        raise GovernanceError(_("The meeting is already at that date and time."), "unchanged")
    previous = meeting.starts_at
    meeting.starts_at = starts_at
    if meeting.status == Meeting.Status.CONVENED:
        _check_notice_of_move(meeting, now)
    _check_request_and_second_meeting(meeting)
    meeting.full_clean()
    meeting.save(update_fields=["starts_at", "updated_at"])
    audit.record(
        actor=by,
        action="meeting.moved",
        obj=meeting,
        changes={"from": previous.isoformat(), "to": starts_at.isoformat()},
    )
    if meeting.status == Meeting.Status.CONVENED:
        _mail_recipients(meeting, "governance/mail/meeting_moved", {"previous": _when(previous)})
    return meeting


def _when(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _check_notice_of_move(meeting: Meeting, now: datetime.datetime) -> None:
    """A convened meeting moved: the recipients learn the new date today, so today counts as
    the day of the convocation."""
    days = _notice_days(
        meeting, [item.motion_kind for item in meeting.items.select_related("motion_kind")]
    )
    earliest = timezone.localdate(now) + datetime.timedelta(days=days)
    if selectors.meeting_date(meeting) < earliest:
        raise GovernanceError(
            _(
                "Too early: the members must be told at least %(days)d days before the "
                "meeting with this agenda, so it can move to %(date)s at the earliest."
            )
            % {"days": days, "date": _date(earliest)},
            "too_late",
        )


def _check_request_and_second_meeting(meeting: Meeting) -> None:
    day = selectors.meeting_date(meeting)
    if meeting.request is not None and meeting.request.received_on is not None:
        hold_by = hold_by_date(meeting.request)
        if day > hold_by:
            raise GovernanceError(
                _("A meeting the members requested must be held by %(date)s.")
                % {"date": _date(hold_by)},
                "hold_by",
            )
    first = meeting.second_meeting_of
    if first is not None:
        days = selectors.statutes().second_meeting_min_days
        earliest = selectors.meeting_date(first) + datetime.timedelta(days=days)
        if day < earliest:
            raise GovernanceError(
                _(
                    "The second meeting may not be held within %(days)d days of the first: on "
                    "%(date)s at the earliest."
                )
                % {"days": days, "date": _date(earliest)},
                "too_early",
            )


def mail_people(
    meeting: Meeting, people: Sequence[Person], template: str, extra: dict[str, str]
) -> None:
    """A mail about the meeting to each person, in their language."""
    for person in people:
        with translation.override(person.language or "nl"):
            context = {
                "name": person.get_short_name(),
                "title": meeting.title,
                "when": formats.date_format(
                    timezone.localtime(meeting.starts_at), "DATETIME_FORMAT"
                ),
                "url": settings.SITE_URL.rstrip("/")
                + reverse("governance:meeting", kwargs={"pk": meeting.pk}),
            } | extra
        send_mail_on_commit(
            to=[person.email], template=template, context=context, language=person.language
        )


def _mail_recipients(meeting: Meeting, template: str, extra: dict[str, str]) -> None:
    items = list(meeting.items.select_related("motion_kind").order_by("position"))
    for recipient in meeting.recipients.select_related("person"):
        person = recipient.person
        with translation.override(person.language or "nl"):
            context = {
                "name": person.get_short_name(),
                "title": meeting.title,
                "body": meeting.body.name,
                "kind": str(meeting.get_kind_display()),
                "when": formats.date_format(
                    timezone.localtime(meeting.starts_at), "DATETIME_FORMAT"
                ),
                "place": meeting.place,
                "online_url": meeting.online_url,
                "role": str(recipient.get_role_display()),
                "agenda": [
                    {
                        "position": item.position,
                        "title": item.title,
                        "motion": item.motion,
                        "kind": item.motion_kind.display_name if item.motion_kind else "",
                    }
                    for item in items
                ],
                "url": settings.SITE_URL.rstrip("/")
                + reverse("governance:meeting", kwargs={"pk": meeting.pk}),
                "second_meeting": meeting.is_second_meeting,
            } | extra
        send_mail_on_commit(
            to=[recipient.email], template=template, context=context, language=person.language
        )


# --- Members ask: a meeting, an agenda item ------------------------------------------------------


def _require_voter(person: Person, organisation: Organisation, on: datetime.date) -> None:
    if organisation not in selectors.represented_organisations(person, on):
        raise GovernanceError(
            _("Only the representative of %(organisation)s can do this for it.")
            % {"organisation": organisation},
            "not_representative",
        )


def convene_by_date(request: MeetingRequest, statutes: Statutes | None = None) -> datetime.date:
    """The board convenes a requested meeting by this day (21 days after the request)."""
    assert request.received_on is not None
    days = (statutes or selectors.statutes()).request_convene_days
    return request.received_on + datetime.timedelta(days=days)


def hold_by_date(request: MeetingRequest, statutes: Statutes | None = None) -> datetime.date:
    """A requested meeting is held by this day (the 40th after the request)."""
    assert request.received_on is not None
    days = (statutes or selectors.statutes()).request_hold_days
    return request.received_on + datetime.timedelta(days=days)


@transaction.atomic
def request_meeting(
    *, reason: str, organisation: Organisation, by: Person, now: datetime.datetime | None = None
) -> MeetingRequest:
    """A member asks for a general assembly; other members co-sign until 1/5 have signed."""
    now = now or timezone.now()
    _require_voter(by, organisation, timezone.localdate(now))
    if not reason.strip():
        raise GovernanceError(_("Say what the meeting should decide."), "invalid_item")
    request = MeetingRequest.objects.create(reason=reason, created_by=by)
    audit.record(actor=by, action="meeting_request.created", obj=request)
    return _sign_request(request, organisation, by, now)


@transaction.atomic
def sign_meeting_request(
    *,
    request: MeetingRequest,
    organisation: Organisation,
    by: Person,
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    now = now or timezone.now()
    _require_voter(by, organisation, timezone.localdate(now))
    return _sign_request(request, organisation, by, now)


def _signature(
    model: type[RequestSignature] | type[ProposalSignature],
    organisation: Organisation,
    **fields: Any,
) -> None:
    """One signature per member (a unique constraint): a second one is refused, not doubled."""
    try:
        with transaction.atomic():
            model.objects.create(organisation=organisation, **fields)
    except IntegrityError:
        raise GovernanceError(
            _("%(organisation)s has already signed.") % {"organisation": organisation},
            "already_signed",
        ) from None


def _sign_request(
    request: MeetingRequest, organisation: Organisation, by: Person, now: datetime.datetime
) -> MeetingRequest:
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    _signature(RequestSignature, organisation, request=request, person=by, signed_at=now)
    audit.record(actor=by, action="meeting_request.signed", obj=request)
    today = timezone.localdate(now)
    if request.received_on is None and request_signed_enough(request, today):
        request.received_on = today
        request.save(update_fields=["received_on", "updated_at"])
        audit.record(actor=by, action="meeting_request.received", obj=request)
    return request


def _signing_members(organisation_ids: Sequence[int], on: datetime.date) -> int:
    return (
        selectors.voting_memberships(on)
        .filter(organisation_id__in=organisation_ids)
        .values("organisation_id")
        .distinct()
        .count()
    )


def request_signed_enough(request: MeetingRequest, on: datetime.date) -> bool:
    needed = selectors.signatures_needed(
        selectors.statutes().request_share, selectors.member_count(on)
    )
    signed = list(request.signatures.values_list("organisation_id", flat=True))
    return _signing_members(signed, on) >= needed


@transaction.atomic
def propose_agenda_item(
    *,
    meeting: Meeting,
    title: str,
    motion: str,
    motion_kind: MotionKind,
    organisation: Organisation,
    by: Person,
    now: datetime.datetime | None = None,
) -> AgendaProposal:
    """A member proposes an item; once 1/20 of the members have signed it goes on the agenda."""
    now = now or timezone.now()
    _require_voter(by, organisation, timezone.localdate(now))
    _require_status(meeting, Meeting.Status.DRAFT, Meeting.Status.CONVENED)
    if not title.strip() or not motion.strip():
        raise GovernanceError(_("Give a title and the proposed decision."), "invalid_item")
    proposal = AgendaProposal.objects.create(
        meeting=meeting, title=title, motion=motion, motion_kind=motion_kind, created_by=by
    )
    audit.record(actor=by, action="agenda_proposal.created", obj=proposal)
    return _sign_proposal(proposal, organisation, by, now)


@transaction.atomic
def sign_agenda_proposal(
    *,
    proposal: AgendaProposal,
    organisation: Organisation,
    by: Person,
    now: datetime.datetime | None = None,
) -> AgendaProposal:
    now = now or timezone.now()
    _require_voter(by, organisation, timezone.localdate(now))
    return _sign_proposal(proposal, organisation, by, now)


def _sign_proposal(
    proposal: AgendaProposal, organisation: Organisation, by: Person, now: datetime.datetime
) -> AgendaProposal:
    proposal = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
    _signature(ProposalSignature, organisation, proposal=proposal, person=by, signed_at=now)
    audit.record(actor=by, action="agenda_proposal.signed", obj=proposal)
    today = timezone.localdate(now)
    needed = selectors.signatures_needed(
        selectors.statutes().proposal_share, selectors.member_count(today)
    )
    signed = list(proposal.signatures.values_list("organisation_id", flat=True))
    if not hasattr(proposal, "item") and _signing_members(signed, today) >= needed:
        _add_item(
            meeting=proposal.meeting,
            title=proposal.title,
            by=by,
            motion_kind=proposal.motion_kind,
            motion=proposal.motion,
            description=_("Proposed by %(n)d members.") % {"n": len(signed)},
            proposal=proposal,
            now=now,
        )
    return proposal


# --- Documents ----------------------------------------------------------------------------------


@transaction.atomic
def add_document(
    *,
    meeting: Meeting,
    title: str,
    filename: str,
    content_type: str,
    content: bytes,
    by: Person,
    now: datetime.datetime | None = None,
) -> MeetingDocument:
    require_secretary(by)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise GovernanceError(_("A document can be at most 10 MB."), "too_large")
    if not content:
        raise GovernanceError(_("The file is empty."), "invalid_item")
    document = MeetingDocument(
        meeting=meeting,
        title=title.strip() or filename,
        filename=filename,
        content_type=content_type or "application/octet-stream",
        size=len(content),
        uploaded_by=by,
        uploaded_at=now or timezone.now(),
    )
    # The stored name is random: the file name the members see is `filename`.
    document.file.save(f"{uuid.uuid4().hex}", ContentFile(content), save=False)
    document.save()
    audit.record(actor=by, action="meeting.document_added", obj=meeting, changes={"title": title})
    return document


# --- Attendance and proxies ---------------------------------------------------------------------


@transaction.atomic
def confirm_attendance(
    *,
    meeting: Meeting,
    organisation: Organisation,
    by: Person,
    attending: bool = True,
    now: datetime.datetime | None = None,
) -> Attendance:
    """The representative says whether the member will attend."""
    now = now or timezone.now()
    meeting = _lock(meeting)
    _require_status(meeting, Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)
    _require_voter(by, organisation, selectors.meeting_date(meeting))
    status = Attendance.Status.CONFIRMED if attending else Attendance.Status.DECLINED
    attendance, created = Attendance.objects.get_or_create(
        meeting=meeting,
        organisation=organisation,
        defaults={"person": by, "status": status, "confirmed_at": now},
    )
    if not created and attendance.status != Attendance.Status.PRESENT:
        attendance.status = status
        attendance.person = by
        attendance.confirmed_at = now
        attendance.save(update_fields=["status", "person", "confirmed_at"])
    audit.record(
        actor=by, action=f"attendance.{status}", obj=meeting, changes={"member": str(organisation)}
    )
    return attendance


@transaction.atomic
def register_presence(
    *,
    meeting: Meeting,
    by: Person,
    present: bool = True,
    organisation: Organisation | None = None,
    person: Person | None = None,
    now: datetime.datetime | None = None,
) -> Attendance:
    """The secretary signs a member (general assembly) or a board member (board) in or out."""
    require_secretary(by)
    now = now or timezone.now()
    meeting = _lock(meeting)
    _require_status(meeting, Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)
    on = selectors.meeting_date(meeting)
    if meeting.body.is_general_assembly:
        if organisation is None:
            raise GovernanceError(_("Choose the member."), "invalid_item")
        seat = next(
            (s for s in selectors.general_assembly_seats(on) if s.organisation == organisation),
            None,
        )
        if seat is None or seat.voter is None:
            raise GovernanceError(
                _("%(organisation)s is not a voting member with a representative.")
                % {"organisation": organisation},
                "not_member",
            )
        proxy = active_proxy_of(meeting, organisation)
        if present and proxy is not None:
            raise GovernanceError(
                _("%(giver)s gave a proxy to %(holder)s: withdraw it first.")
                % {"giver": organisation, "holder": proxy.holder},
                "gave_proxy",
            )
        key: dict[str, object] = {"organisation": organisation}
        voter = seat.voter
    else:
        if person is None or not selectors.board_mandates(on).filter(person=person).exists():
            raise GovernanceError(_("Only board members attend a board meeting."), "not_member")
        key = {"person": person, "organisation": None}
        voter = person
    status = Attendance.Status.PRESENT if present else Attendance.Status.DECLINED
    attendance, _created = Attendance.objects.get_or_create(
        meeting=meeting, **key, defaults={"person": voter, "status": status}
    )
    attendance.person = voter
    attendance.status = status
    attendance.present_at = now if present else None
    attendance.save(update_fields=["person", "status", "present_at"])
    audit.record(
        actor=by,
        action="attendance.present" if present else "attendance.absent",
        obj=meeting,
        changes={"who": str(organisation or person)},
    )
    return attendance


def active_proxy_of(meeting: Meeting, giver: Organisation) -> Proxy | None:
    return (
        Proxy.objects.filter(meeting=meeting, giver=giver, revoked_at__isnull=True)
        .select_related("holder")
        .first()
    )


@transaction.atomic
def give_proxy(
    *,
    meeting: Meeting,
    giver: Organisation,
    holder: Organisation,
    by: Person,
    statement: str = "",
    now: datetime.datetime | None = None,
) -> Proxy:
    """A written proxy from one voting member to another. The meeting row is locked, so two
    members giving a proxy to the same holder at once never take it past the statutes' limit."""
    now = now or timezone.now()
    meeting = _lock(meeting)
    _require_status(meeting, Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)
    if not meeting.body.is_general_assembly:
        raise GovernanceError(_("Proxies are for the general assembly."), "invalid_item")
    on = selectors.meeting_date(meeting)
    _require_voter(by, giver, on)
    if giver == holder:
        raise GovernanceError(_("Choose another member than your own."), "invalid_item")
    if not selectors.is_voting_member(holder, on):
        raise GovernanceError(
            _("%(organisation)s is not a voting member.") % {"organisation": holder},
            "not_member",
        )
    if meeting.attendances.filter(organisation=giver, status=Attendance.Status.PRESENT).exists():
        raise GovernanceError(
            _("%(organisation)s is signed in as present: it votes itself.")
            % {"organisation": giver},
            "present",
        )
    existing = active_proxy_of(meeting, giver)
    if existing is not None:
        raise GovernanceError(
            _("%(giver)s has already given a proxy to %(holder)s.")
            % {"giver": giver, "holder": existing.holder},
            "already_gave_proxy",
        )
    if active_proxy_of(meeting, holder) is not None:
        raise GovernanceError(
            _("%(holder)s has given its own vote by proxy and cannot hold one.")
            % {"holder": holder},
            "holder_gave_proxy",
        )
    limit = selectors.statutes().max_proxies_per_holder
    held = meeting.proxies.filter(holder=holder, revoked_at__isnull=True).count()
    if held >= limit:
        raise GovernanceError(
            ngettext(
                "%(holder)s already holds %(count)d proxy, the most the statutes allow.",
                "%(holder)s already holds %(count)d proxies, the most the statutes allow.",
                held,
            )
            % {"holder": holder, "count": held},
            "proxy_limit",
        )
    proxy = Proxy.objects.create(
        meeting=meeting,
        giver=giver,
        holder=holder,
        given_by=by,
        statement=statement.strip()
        or _(
            "%(giver)s gives %(holder)s proxy to represent it and vote for it at %(meeting)s "
            "of %(date)s."
        )
        % {
            "giver": giver,
            "holder": holder,
            "meeting": meeting.title,
            "date": _day(meeting.starts_at),
        },
        given_at=now,
    )
    audit.record(actor=by, action="proxy.given", obj=meeting, changes={"proxy": str(proxy)})
    holder_voter = next(
        (s.voter for s in selectors.general_assembly_seats(on) if s.organisation == holder), None
    )
    mail_people(
        meeting,
        [person for person in (by, holder_voter) if person is not None],
        "governance/mail/proxy_given",
        {"giver": str(giver), "holder": str(holder), "statement": proxy.statement},
    )
    return proxy


@transaction.atomic
def revoke_proxy(*, proxy: Proxy, by: Person, now: datetime.datetime | None = None) -> Proxy:
    now = now or timezone.now()
    meeting = _lock(proxy.meeting)
    proxy = Proxy.objects.select_for_update().select_related("giver").get(pk=proxy.pk)
    if proxy.revoked_at is not None:
        return proxy
    if not selectors.is_secretary(by):
        _require_voter(by, proxy.giver, selectors.meeting_date(meeting))
    if meeting.status == Meeting.Status.CLOSED:
        raise GovernanceError(_("The meeting is over."), "wrong_state")
    proxy.revoked_at = now
    proxy.save(update_fields=["revoked_at"])
    audit.record(actor=by, action="proxy.revoked", obj=meeting, changes={"proxy": str(proxy)})
    return proxy
