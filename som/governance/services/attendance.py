"""Who comes: the representative confirms, the secretary signs members in and out, and a member
gives (or withdraws) a written proxy to another."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.accounts.models import Person
from som.core import audit
from som.governance import selectors
from som.governance.models import (
    Attendance,
    Meeting,
    Proxy,
)
from som.governance.services._common import (
    GovernanceError,
    _lock,
    _require_status,
    _require_voter,
    require_secretary,
)
from som.governance.services.convocation import mail_people
from som.network.models import Organisation


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
    _check_giver_and_holder(meeting, giver, holder, on)
    _check_proxy_limit(meeting, holder)
    proxy = Proxy.objects.create(
        meeting=meeting,
        giver=giver,
        holder=holder,
        given_by=by,
        given_at=now,
        **_wording(meeting, giver, holder, statement.strip()),
    )
    audit.record(actor=by, action="proxy.given", obj=meeting, changes={"proxy": str(proxy)})
    _mail_proxy_given(proxy, by, on)
    return proxy


def _wording(
    meeting: Meeting, giver: Organisation, holder: Organisation, own: str
) -> dict[str, Any]:
    """The member's own text, or the standard wording's code with its values (written in the
    reader's language by `Proxy.statement`)."""
    if own:
        return {"wording": Proxy.Wording.OWN, "own_text": own}
    values = {
        "giver": str(giver),
        "holder": str(holder),
        "meeting": meeting.title,
        "date": timezone.localdate(meeting.starts_at).isoformat(),
    }
    return {"wording": Proxy.Wording.STANDARD, "wording_values": values}


def _check_giver_and_holder(
    meeting: Meeting, giver: Organisation, holder: Organisation, on: datetime.date
) -> None:
    """Two different voting members; the giver is not signed in as present and has given no
    proxy yet; the holder has not given its own vote away."""
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


def _check_proxy_limit(meeting: Meeting, holder: Organisation) -> None:
    """A holder holds at most the statutes' number of proxies (the meeting row is locked)."""
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


def _mail_proxy_given(proxy: Proxy, by: Person, on: datetime.date) -> None:
    """The person who gave the proxy and the holder's representative get the written proxy."""
    holder_voter = next(
        (s.voter for s in selectors.general_assembly_seats(on) if s.organisation == proxy.holder),
        None,
    )
    for person in (by, holder_voter):
        if person is None:
            continue
        with translation.override(person.language or "nl"):
            statement = proxy.statement
        mail_people(
            proxy.meeting,
            [person],
            "governance/mail/proxy_given",
            {"giver": str(proxy.giver), "holder": str(proxy.holder), "statement": statement},
        )


@transaction.atomic
def revoke_proxy(*, proxy: Proxy, by: Person, now: datetime.datetime | None = None) -> Proxy:
    now = now or timezone.now()
    meeting = _lock(proxy.meeting)
    proxy = Proxy.objects.select_for_update().select_related("giver").get(pk=proxy.pk)
    if proxy.revoked_at is not None:
        return proxy
    if not selectors.is_secretary(by):
        _require_voter(by, proxy.giver, selectors.meeting_date(meeting))
    if meeting.is_closed:
        raise GovernanceError(_("The meeting is over."), "wrong_state")
    proxy.revoked_at = now
    proxy.save(update_fields=["revoked_at"])
    audit.record(actor=by, action="proxy.revoked", obj=meeting, changes={"proxy": str(proxy)})
    return proxy
