"""Attendance certificates (nascholingsattest): issued once per checked-in registration, by the
person themself, the team (one or all of an event's attendees) or, for staff who consented with
the registration terms, their organisation's contact person.

What a certificate states is copied onto it when issued (name, event, date, hours, organiser),
so the public check page (`/attest/<code>/`) confirms exactly what the PDF says, whatever
changes later. One certificate per registration: the registration row is locked while issuing,
and the one-to-one constraint stands behind it."""

import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, roles
from som.core.errors import DomainError
from som.events.models import Certificate, Event, ProgrammeItem, Registration
from som.events.selectors import certificates as reads
from som.network.models import Organisation
from som.network.selectors import organisations_contacted_by

# Crockford's base32: digits and capitals without I, L, O and U, so nothing reads as another.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 bits: ABCD-EFGH-JK
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class CertificateError(DomainError):
    """`code` is one of not_attended, not_started, not_allowed."""


# --- The code -------------------------------------------------------------------------------------


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalised_code(typed: str) -> str:
    """The code as stored, from what somebody typed or scanned: any case, with or without the
    dashes or spaces, O for 0 and I or L for 1 (Crockford's reading)."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_TYPOS)
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# --- Hours from the programme ---------------------------------------------------------------------

Span = tuple[datetime.datetime, datetime.datetime]


def _merged(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _seconds_outside(span: Span, holes: list[Span]) -> float:
    start, end = span
    covered = sum(
        (min(end, hole_end) - max(start, hole_start)).total_seconds()
        for hole_start, hole_end in holes
        if hole_start < end and hole_end > start
    )
    return (end - start).total_seconds() - covered


def hours_of(*, event: Span, sessions: Iterable[Span], breaks: Iterable[Span]) -> Decimal:
    """The hours a certificate states: the time covered by the programme's items except breaks
    (parallel sessions count once: a person is in one room at a time), or the event's own
    duration without a programme; minus the breaks; rounded to the nearest half hour."""
    covered = _merged(sessions) or [event]
    holes = _merged(breaks)
    seconds = sum(_seconds_outside(span, holes) for span in covered)
    half_hours = (Decimal(max(seconds, 0)) / 1800).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return half_hours / 2


def hours_for(event: Event) -> Decimal:
    items = list(event.programme.all())
    return hours_of(
        event=(event.starts_at, event.ends_at),
        sessions=[
            (item.starts_at, item.ends_at)
            for item in items
            if item.kind != ProgrammeItem.Kind.BREAK
        ],
        breaks=[
            (item.starts_at, item.ends_at)
            for item in items
            if item.kind == ProgrammeItem.Kind.BREAK
        ],
    )


def organiser_of(event: Event) -> str:
    return event.organiser.name if event.organiser else str(settings.SOM_NETWORK_NAME)


# --- Who may issue --------------------------------------------------------------------------------


def may_issue(registration: Registration, by: Person) -> bool:
    """The person themself, the team, or the contact person of the organisation the person came
    for, when the person shared their certificate with it (the registration terms)."""
    if not (by.is_authenticated and by.is_active):
        return False
    if roles.is_team(by) or registration.person_id == by.pk:
        return True
    return (
        registration.certificate_shared
        and registration.organisation_id is not None
        and organisations_contacted_by(by).filter(pk=registration.organisation_id).exists()
    )


def _check_attended(registration: Registration, now: datetime.datetime) -> None:
    if not registration.has_place or registration.checked_in_at is None:
        raise CertificateError(
            _("Only people checked in at the event get a certificate."), "not_attended"
        )
    if registration.event.starts_at > now:
        raise CertificateError(
            _("The certificate can be issued once the event has started."), "not_started"
        )


# --- Issuing --------------------------------------------------------------------------------------


@transaction.atomic
def issue_certificate(
    *, registration: Registration, by: Person, now: datetime.datetime | None = None
) -> Certificate:
    """The registration's certificate: issued on the first call, the same one afterwards (also
    when two calls race: the registration row is locked)."""
    now = now or timezone.now()
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event__organiser", "person")
        .get(pk=registration.pk)
    )
    if not may_issue(registration, by):
        raise CertificateError(_("You cannot get this certificate."), "not_allowed")
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    _check_attended(registration, now)
    event = registration.event
    certificate = Certificate(
        registration=registration,
        person_name=registration.person.full_name or str(registration.person),
        event_title=event.title,
        event_date=timezone.localdate(event.starts_at),
        hours=hours_for(event),
        organiser=organiser_of(event),
        issued_by=by,
    )
    for _attempt in range(5):  # a code taken already: 1 in 10^15 per certificate
        certificate.code = new_code()
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            if Certificate.objects.filter(registration=registration).exists():
                raise  # the lock makes this impossible; never hide a second row
            continue
        audit.record(actor=by, action="certificate.issued", obj=certificate)
        return certificate
    raise RuntimeError("no free certificate code after 5 tries")


@dataclass(frozen=True)
class Issued:
    """What a bulk issue did: certificates made now, and those that existed already."""

    certificates: list[Certificate]
    new: int
    existing: int


def _issue_all(registrations: Iterable[Registration], by: Person, now: datetime.datetime) -> Issued:
    certificates, new = [], 0
    for registration in registrations:
        had_one = hasattr(registration, "certificate")
        certificates.append(issue_certificate(registration=registration, by=by, now=now))
        new += 0 if had_one else 1
    return Issued(certificates=certificates, new=new, existing=len(certificates) - new)


def issue_for_event(*, event: Event, by: Person, now: datetime.datetime | None = None) -> Issued:
    """The team issues the certificates of everybody checked in at an event that has started."""
    now = now or timezone.now()
    if not roles.is_team(by):
        raise CertificateError(
            _("Only the SOM team can issue certificates in bulk."), "not_allowed"
        )
    if event.starts_at > now:
        raise CertificateError(
            _("The certificate can be issued once the event has started."), "not_started"
        )
    return _issue_all(reads.attended_at(event), by, now)


def issue_for_staff(
    *,
    organisation: Organisation,
    school_year: int,
    by: Person,
    now: datetime.datetime | None = None,
) -> Issued:
    """A contact person (or the team) issues the certificates of the organisation's staff who
    consented, for the events of a school year that have started."""
    now = now or timezone.now()
    if not (
        roles.is_team(by) or organisations_contacted_by(by).filter(pk=organisation.pk).exists()
    ):
        raise CertificateError(
            _("Only the contact person of the organisation can do this."), "not_allowed"
        )
    return _issue_all(reads.shared_by_staff(organisation, school_year, now=now), by, now)
