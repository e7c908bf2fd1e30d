"""The convocation: the notice an agenda needs, who is convened (and whether the general
assembly's electorate allows it), sending it, and the mails about a meeting to its people."""

import datetime
from collections.abc import Sequence
from fractions import Fraction

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.accounts.models import Person
from som.core import audit
from som.core.mail import send_mail_on_commit
from som.governance import selectors
from som.governance.models import (
    ConvocationRecipient,
    Meeting,
    MotionKind,
)
from som.governance.services._common import (
    GovernanceError,
    _date,
    _day,
    _lock,
    _require_status,
    require_secretary,
)
from som.membership.models import Membership
from som.membership.selectors import counting_on
from som.network.models import Organisation


def _notice_days(meeting: Meeting, kinds: Sequence[MotionKind | None]) -> int:
    """The legal notice applies to the general assembly: the longest of its motions' kinds."""
    if not meeting.body.is_general_assembly:
        return 0
    return max([kind.min_notice_days for kind in kinds if kind is not None] + [0])


def notice_deadline(meeting: Meeting, days: int) -> datetime.date:
    return selectors.meeting_date(meeting) - datetime.timedelta(days=days)


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
