"""Meetings before they open: scheduling and moving them, the agenda and its items (with
candidates), and the meeting's documents."""

import datetime
import uuid
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, files
from som.governance import selectors
from som.governance.models import (
    AgendaItem,
    AgendaProposal,
    Body,
    Candidate,
    Meeting,
    MeetingDocument,
    MeetingRequest,
    MotionKind,
)
from som.governance.services._common import (
    GovernanceError,
    _date,
    _lock,
    _require_status,
    _when,
    hold_by_date,
    require_secretary,
)
from som.governance.services.convocation import (
    _check_notice,
    _check_notice_of_move,
    _mail_recipients,
)
from som.network.models import Organisation

# The platform's one upload limit (som.core.files). A document may be of any type, unlike a lab's
# upload (files.check takes PDF, JPEG and PNG only): only a PDF opens in the browser, anything
# else is downloaded (views/records.py).
MAX_DOCUMENT_BYTES = files.MAX_BYTES


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
    if meeting.is_convened:
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
    if meeting.is_convened:
        _mail_recipients(meeting, "governance/mail/meeting_moved", {"previous": _when(previous)})
    return meeting


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
    if meeting.is_convened:
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
    if meeting.is_convened:
        _mail_recipients(meeting, "governance/mail/agenda_addition", {"item": item.title})
    return item


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
        content_type=files.trusted_content_type(content_type, content[:16]),
        size=len(content),
        uploaded_by=by,
        uploaded_at=now or timezone.now(),
    )
    # The stored name is random: the file name the members see is `filename`.
    document.file.save(f"{uuid.uuid4().hex}", ContentFile(content), save=False)
    document.save()
    audit.record(actor=by, action="meeting.document_added", obj=meeting, changes={"title": title})
    return document
