"""Every write about events: the team's events and their programme, registering (with the
waiting list), cancelling and promoting, reminders, check-in at the door and walk-ins."""

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend

from som.accounts.models import Person
from som.core import audit, page_cache, records, roles, rows
from som.core.changes import RowChanges
from som.core.errors import DomainError
from som.events import entry
from som.events.models import Event, ProgrammeItem, Registration, RegistrationWindow
from som.events.tasks import mail_registration_task
from som.finance import services as finance
from som.finance.models import Invoice
from som.network.models import Organisation, Speerpunt
from som.network.selectors import organisations_contacted_by, organisations_of


class RegistrationError(DomainError):
    pass


class CheckInError(DomainError):
    """`code` is one of already_checked_in, cancelled, waiting, wrong_event, unknown_ticket,
    outside_window."""

    def __init__(self, message: str, code: str, registration: Registration | None = None):
        super().__init__(message, code)
        self.registration = registration


def new_ticket_code() -> str:
    return secrets.token_urlsafe(18)


# --- Who may come, and on what basis --------------------------------------------------------------


def terms_for(event: Event, person: Person, *, lock: bool = False) -> entry.Terms:
    """What the person pays at the event and why (`som.events.entry`), or RegistrationError
    when they may not come."""
    try:
        return entry.terms_for(event, person, lock=lock)
    except entry.NotAdmitted as error:
        raise RegistrationError(error.message, error.code) from None


def _pays(registration: Registration) -> bool:
    """A registration whose basis costs money (the price, or the member price)."""
    return entry.amount_of(registration) > 0


def _check_window(event: Event, now: datetime.datetime) -> None:
    state = event.registration_window.state_at(now)
    if not event.is_published or state == RegistrationWindow.NONE:
        raise RegistrationError(_("This event takes no registrations here."), "no_registration")
    if state == RegistrationWindow.NOT_YET:
        raise RegistrationError(_("Registration has not opened yet."), "not_open_yet")
    if state == RegistrationWindow.CLOSED:
        raise RegistrationError(_("Registration is closed."), "closed")


def _places_taken(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.REGISTERED).count()


def _has_room(event: Event) -> bool:
    """Room for one more: the capacity plus the overbooking the team accepted (`Event.places`)."""
    places = event.places
    return places is None or _places_taken(event) < places


# --- Registering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Registered:
    """What `register_once` did: `created` False when the person was already registered or
    waiting, and `registration` is their existing one, ticket and all."""

    registration: Registration
    created: bool


def register(
    *,
    event: Event,
    person: Person,
    by: Person | None = None,
    walk_in: bool = False,
    now: datetime.datetime | None = None,
    shares_certificate: bool = False,
) -> Registration:
    """`register_once`'s registration: the new one, or the one the person already had."""
    return register_once(
        event=event,
        person=person,
        by=by,
        walk_in=walk_in,
        now=now,
        shares_certificate=shares_certificate,
    ).registration


@transaction.atomic
def register_once(
    *,
    event: Event,
    person: Person,
    by: Person | None = None,
    walk_in: bool = False,
    now: datetime.datetime | None = None,
    shares_certificate: bool = False,
) -> Registered:
    """Register a person (`by` someone else: their school's contact, or the team at the door).
    `shares_certificate`: the person accepted the registration page's terms, which let their
    organisation's contact person download their attendance certificate.

    The event row is locked, so two people never get the last place; a full event puts new
    registrations on the waiting list, behind those already waiting: places given meanwhile
    (whatever screen gave them) go to the waiting list first. Registering again is answered with
    the existing registration (its ticket), changing nothing; a cancelled registration is
    revived at the back of the waiting list, with its ticket code (an old ticket at the door says
    what became of it) and a new invoice when its old one was cancelled. A walk-in is checked in
    at once, so only while the doors are open; a walk-in already registered is refused (the door
    checks the ticket in instead)."""
    by = by or person
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = now or timezone.now()
    if walk_in:
        reason = doors_closed_reason(event, now)
        if reason:
            raise RegistrationError(reason, "outside_window")
    else:
        _check_window(event, now)
    _check_registrar(person=person, by=by)
    terms = terms_for(event, person, lock=True)
    existing = Registration.objects.select_for_update().filter(event=event, person=person).first()
    if existing is not None and existing.status != Registration.Status.CANCELLED:
        if walk_in:
            raise RegistrationError(
                _("%(person)s is already registered for this event.") % {"person": person},
                "already_registered",
            )
        return Registered(registration=existing, created=False)
    if not walk_in and event.starts_at > timezone.now():
        promote_from_waiting_list(event=event)  # the waiting list before a newcomer
    status = (
        Registration.Status.REGISTERED
        if walk_in or _has_room(event)
        else (Registration.Status.WAITING)
    )
    registration = existing or Registration(event=event, person=person)
    if existing is not None:
        _revive(registration)
    registration.status = status
    registration.basis = terms.basis
    registration.basis_code = terms.code
    registration.basis_params = terms.stored_params()
    registration.organisation = _organisation_for(person)
    registration.registered_by = by
    registration.is_walk_in = walk_in
    registration.certificate_shared = shares_certificate
    registration.cancelled_at = None
    # A revived registration starts afresh in the no-show loop (`services.reconfirmation`).
    registration.cancel_reason = ""
    registration.promoted_at = None
    registration.offer_expires_at = None
    registration.reconfirm_asked_at = None
    registration.reconfirm_warned_at = None
    registration.reconfirmed_at = None
    registration.ticket_code = registration.ticket_code or new_ticket_code()
    if walk_in:
        registration.checked_in_at = now
        registration.checked_in_by = by
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise RegistrationError(
            _("%(person)s is already registered for this event.") % {"person": person},
            "already_registered",
        ) from None
    audit.record(actor=by, action=f"registration.{status}", obj=registration)
    if status == Registration.Status.REGISTERED:  # the waiting list pays once promoted
        _invoice_if_due(registration, by)
    _send_confirmation(registration)
    page_cache.invalidate()  # the event's free places changed
    return Registered(registration=registration, created=True)


def _revive(registration: Registration) -> None:
    """A cancelled registration made again: at the back of the waiting list (its order is by
    `created_at`), and without the invoice that was cancelled with it (a paid one is kept)."""
    registration.created_at = timezone.now()
    if registration.invoice_id is not None and (
        Invoice.objects.filter(pk=registration.invoice_id, status=Invoice.Status.CANCELLED).exists()
    ):
        registration.invoice_id = None


def _invoice_if_due(registration: Registration, by: Person | None) -> None:
    """The invoice of a place that costs money, once: not for the waiting list, and not again
    while the registration has one that is open or paid."""
    if _pays(registration) and registration.invoice_id is None:
        _invoice(registration, by)


@dataclass(frozen=True)
class ColleagueOutcome:
    """One ticked colleague: registered (or waiting), or the reason why not."""

    person: Person
    registration: Registration | None = None
    refusal: str = ""
    already: bool = False  # was registered (or waiting) before: `registration` is that one


def register_colleagues(
    *, event: Event, people: Sequence[Person], by: Person
) -> list[ColleagueOutcome]:
    """A contact person registers several colleagues at once. Each is registered on their own
    (as `register` with `by`), so one colleague who may not come keeps nobody else out; each gets
    their own mail, which says who registered them."""
    outcomes = []
    for person in people:
        try:
            done = register_once(event=event, person=person, by=by)
        except RegistrationError as error:
            outcomes.append(ColleagueOutcome(person=person, refusal=error.message))
        else:
            outcomes.append(
                ColleagueOutcome(
                    person=person, registration=done.registration, already=not done.created
                )
            )
    return outcomes


def _check_registrar(*, person: Person, by: Person) -> None:
    """People register themselves; a contact person registers colleagues of their own
    organisation; the team registers anybody."""
    if by.pk == person.pk or roles.is_team(by):
        return
    colleagues = organisations_of(person).filter(pk__in=organisations_contacted_by(by).values("pk"))
    if not colleagues.exists():
        raise RegistrationError(
            _("You can only register colleagues of your own organisation."), "not_colleague"
        )


def _organisation_for(person: Person) -> Organisation | None:
    return organisations_of(person).order_by("name").first()


def _invoice(registration: Registration, by: Person | None) -> None:
    event = registration.event
    invoice = finance.issue_invoice(
        purpose=Invoice.Purpose.EVENT,
        subject_id=registration.pk,
        holder=finance.Holder(
            name=str(registration.person),
            email=registration.person.email,
            person=registration.person,
        ),
        description=_("Participation in %(event)s on %(date)s")
        % {"event": event.title, "date": timezone.localdate(event.starts_at).isoformat()},
        amount=entry.amount_of(registration),
        by=by,
    )
    registration.invoice_id = invoice.pk
    registration.save(update_fields=["invoice_id", "updated_at"])
    finance.mail_invoice(invoice=invoice, language=registration.person.language)


def on_invoice_paid(invoice: Invoice, by: Person | None) -> None:
    """Registered with finance.settlement; a paid event invoice needs nothing more: the place
    was kept from the start. The audit entry shows it was paid."""
    registration = Registration.objects.filter(pk=invoice.subject_id or 0).first()
    if registration is not None:
        audit.record(actor=by, action="registration.paid", obj=registration)


# --- Cancelling and the waiting list --------------------------------------------------------------


def cancel_refusal(registration: Registration, now: datetime.datetime | None = None) -> str:
    """Why the registration can no longer be cancelled ("" when it can), for the pages that
    offer the button (the mail's link stays valid 120 days)."""
    if registration.checked_in_at is not None:
        return _("You were already checked in.")
    if registration.event.starts_at <= (now or timezone.now()):
        return _("%(event)s has already started: a registration can no longer be cancelled.") % {
            "event": registration.event.title
        }
    return ""


def _cancel_reason(registration: Registration, by: Person | None) -> str:
    """Who cancelled, when the caller does not say: the person (or their mail's link, `by`
    None), the team, or the contact person of their organisation (nobody else may)."""
    if by is None or by.pk == registration.person_id:
        return Registration.CancelReason.PERSON
    if roles.is_team(by):
        return Registration.CancelReason.TEAM
    colleague = organisations_of(registration.person).filter(
        pk__in=organisations_contacted_by(by).values("pk")
    )
    if not colleague.exists():
        raise RegistrationError(
            _("You can only cancel registrations of colleagues of your own organisation."),
            "not_colleague",
        )
    return Registration.CancelReason.CONTACT


@transaction.atomic
def cancel(
    *,
    registration: Registration,
    by: Person | None,
    reason: str = "",
    now: datetime.datetime | None = None,
    mail: bool = True,
) -> Registration:
    """Free the place; the first on the waiting list moves up and is mailed, exactly once.
    `by` None: the mail's signed link (the person) or the platform itself with a `reason`.
    `reason` is a `Registration.CancelReason` (kept with the registration); without one it is
    worked out from `by` (PERSON, TEAM, CONTACT: a contact person cancels only colleagues of
    their own organisation). PERSON, CONTACT and TEAM get the "cancelled" mail; the no-show
    loop's reasons their own; `mail` False: none (the person asked to be erased). Refused once
    the event has started (`started`): its invoice stays.
    """
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    reason = reason or _cancel_reason(registration, by)
    if registration.status == Registration.Status.CANCELLED:
        raise RegistrationError(_("This registration was already cancelled."), "already_cancelled")
    if registration.checked_in_at is not None:
        raise RegistrationError(_("You were already checked in."), "checked_in")
    registration.event = event
    refusal = cancel_refusal(registration, now)
    if refusal:
        raise RegistrationError(refusal, "started")
    freed_a_place = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.cancel_reason = reason
    registration.offer_expires_at = None
    registration.save(
        update_fields=["status", "cancelled_at", "cancel_reason", "offer_expires_at", "updated_at"]
    )
    audit.record(actor=by, action="registration.cancelled", obj=registration)
    if mail:
        _send_cancellation(registration, reason)
    if registration.invoice_id is not None:
        invoice = Invoice.objects.filter(pk=registration.invoice_id, status="open").first()
        if invoice is not None:
            finance.cancel_invoice(invoice=invoice, reason=_("Registration cancelled."), by=by)
    if freed_a_place and event.starts_at > timezone.now():
        promote_from_waiting_list(event=event)
    page_cache.invalidate()  # the event's free places changed
    return registration


def promote_from_waiting_list(
    *, event: Event, now: datetime.datetime | None = None
) -> list[Registration]:
    """Move people up, in their order, while there is room (the caller holds the event's lock).
    The place is offered, held for the person's confirmation (`offer_expires_at`, see
    `reconfirmation.offer_hold`), or given at once when the event is close."""
    from som.events.services import reconfirmation  # it builds on this module

    now = now or timezone.now()
    hold = reconfirmation.offer_hold(event, now)
    promoted = []
    while _has_room(event):
        first = (
            Registration.objects.select_for_update()
            .filter(event=event, status=Registration.Status.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if first is None:
            break
        first.status = Registration.Status.REGISTERED
        first.promoted_at = now
        first.offer_expires_at = now + hold if hold else None
        first.save(update_fields=["status", "promoted_at", "offer_expires_at", "updated_at"])
        if hold:
            audit.record(actor=None, action="registration.offered", obj=first)
            _enqueue_mail(first, "offer")
        else:
            audit.record(actor=None, action="registration.promoted", obj=first)
            on_place_given(first, None)
        promoted.append(first)
    return promoted


def on_place_given(registration: Registration, by: Person | None) -> None:
    """A place from the waiting list is theirs (at once, or when they confirm the offer): the
    ticket by mail, and the invoice of a paid event."""
    if _pays(registration) and registration.invoice_id is None:
        _invoice(registration, by)
    _send_confirmation(registration, promoted=True)


# --- Mails ----------------------------------------------------------------------------------------


def _send_confirmation(registration: Registration, *, promoted: bool = False) -> None:
    if not registration.is_walk_in:
        _enqueue_mail(registration, "promoted" if promoted else registration.status)


# The mail that confirms a cancellation, by its reason: a place released by the no-show loop
# (`services.reconfirmation`) is told kindly, with the way back to the waiting list.
_CANCEL_MAILS: dict[str, str] = {
    Registration.CancelReason.PERSON: "cancelled",
    Registration.CancelReason.CONTACT: "cancelled",
    Registration.CancelReason.TEAM: "cancelled",
    Registration.CancelReason.NOT_RECONFIRMED: "released",
    Registration.CancelReason.OFFER_EXPIRED: "offer_expired",
}


def _send_cancellation(registration: Registration, reason: str) -> None:
    kind = _CANCEL_MAILS.get(reason)
    if kind is not None and not registration.is_walk_in:
        _enqueue_mail(registration, kind)


def _enqueue_mail(registration: Registration, kind: str) -> None:
    """Queue the mail with the registration: with the database task backend (production's) the
    task's row is written in the same transaction, so a registration never commits without its
    mail, nor a mail without its registration (a transactional outbox). A backend that runs the
    task at once (development, the tests) runs it after the commit, so nothing is mailed about
    a registration rolled back."""
    registration_id, language = registration.pk, registration.person.language

    def enqueue() -> None:
        mail_registration_task.enqueue(
            registration_id=registration_id, kind=kind, language=language
        )

    if isinstance(mail_registration_task.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Two days before an event, remind everybody registered (once), with the cancel link."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        offer_expires_at__isnull=True,  # an offered place is not theirs yet
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(days=2),
    ).select_related("person")
    count = 0
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not updated:
                continue
            _enqueue_mail(registration, "reminder")
            count += 1
    return count


# --- Check-in -------------------------------------------------------------------------------------


# What check_in loads: the answer (name, organisation, basis, time) and the audit entry's text.
_CHECK_IN_FIELDS = (
    "event_id",
    "person_id",
    "status",
    "basis",
    "organisation_id",
    "ticket_code",
    "checked_in_at",
    "checked_in_by_id",
    "person__full_name",
    "person__email",
    "organisation__name",
)


def doors_closed_reason(event: Event, now: datetime.datetime) -> str:
    """Why nobody can be checked in at `event` at `now`, or "" while its doors are open: from
    `doors_open_minutes` before the start until the end. Being checked in makes a person a
    voter at a network day, so it happens there and then, not days before or after."""
    if now < event.doors_open_at:
        opens = timezone.localtime(event.doors_open_at)
        time = time_format(opens, "H:i")
        if opens.date() == timezone.localtime(now).date():
            return _("Check-in opens at %(time)s.") % {"time": time}
        return _("Check-in opens on %(date)s at %(time)s.") % {
            "date": date_format(opens, "j F Y"),
            "time": time,
        }
    if now > event.ends_at:
        ended = timezone.localtime(event.ends_at)
        return _("Check-in closed when the event ended, on %(date)s at %(time)s.") % {
            "date": date_format(ended, "j F Y"),
            "time": time_format(ended, "H:i"),
        }
    return ""


def _check_doors_open(
    event: Event, now: datetime.datetime, registration: Registration | None = None
) -> None:
    reason = doors_closed_reason(event, now)
    if reason:
        raise CheckInError(reason, "outside_window", registration)


@transaction.atomic
def check_in(
    *, event: Event | None, ticket_code: str, by: Person, now: datetime.datetime | None = None
) -> Registration:
    """Check a ticket in at the door of `event` (None: the ticket's own event), while that
    event's doors are open (`outside_window` otherwise). Two phones scanning at once: one of
    them checks the ticket in, the other hears "already checked in". `now` is for the demo's
    history and the tests.

    The door's hot path (PERFORMANCE.md G8) is one conditional UPDATE that claims the ticket
    and returns what the answer shows, and the audit INSERT. When the UPDATE matches nothing,
    `_check_in_by_lock` works out why (or checks in a ticket whose state changed meanwhile).
    The registration comes back with `person`, `organisation` and `event` loaded. `event`
    needs `starts_at`, `ends_at` and `doors_open_minutes` loaded."""
    code = ticket_code.strip()
    now = now or timezone.now()
    if event is not None:
        _check_doors_open(event, now)
    registration = _claim_ticket(event, code, now, by)
    if registration is None:
        return _check_in_by_lock(event, code, now, by)
    audit.record(actor=by, action="registration.checked_in", obj=registration)
    return registration


# Raw SQL on the hot path: building the ORM's queries costs more than running them (about 0.8 ms
# against 0.05 ms on the door's server), and every round trip to PostgreSQL counts. The
# database's row lock orders two concurrent UPDATEs of one ticket: the second one re-reads the
# row, finds checked_in_at set, matches nothing. RETURNING brings what the answer shows, through
# subqueries (SQLite's RETURNING may not name the tables of an UPDATE ... FROM).
_REGISTRATIONS = Registration._meta.db_table
_PEOPLE, _EVENTS = Person._meta.db_table, Event._meta.db_table
_ORGANISATIONS = Organisation._meta.db_table
_CLAIM_SQL = f"""
    UPDATE {_REGISTRATIONS}
       SET checked_in_at = %s, checked_in_by_id = %s, updated_at = %s
     WHERE ticket_code = %s AND status = %s AND checked_in_at IS NULL {{event_clause}}
    RETURNING id, event_id, person_id, organisation_id, basis,
      (SELECT p.full_name FROM {_PEOPLE} p WHERE p.id = {_REGISTRATIONS}.person_id),
      (SELECT p.email FROM {_PEOPLE} p WHERE p.id = {_REGISTRATIONS}.person_id),
      (SELECT o.name FROM {_ORGANISATIONS} o WHERE o.id = {_REGISTRATIONS}.organisation_id),
      (SELECT e.title FROM {_EVENTS} e WHERE e.id = {_REGISTRATIONS}.event_id),
      (SELECT e.slug FROM {_EVENTS} e WHERE e.id = {_REGISTRATIONS}.event_id)"""

# Without an event at hand, the UPDATE itself keeps to the ticket's event's window (no extra
# round trip); it must say what Event.doors_are_open says. SQLite keeps UTC text, compared to
# the second.
_DOORS_OPEN_SQL = {
    "postgresql": f"""AND EXISTS (SELECT 1 FROM {_EVENTS} e WHERE e.id = {_REGISTRATIONS}.event_id
      AND e.starts_at - e.doors_open_minutes * interval '1 minute' <= %s AND e.ends_at >= %s)""",
    "sqlite": f"""AND EXISTS (SELECT 1 FROM {_EVENTS} e WHERE e.id = {_REGISTRATIONS}.event_id
      AND datetime(e.starts_at, '-' || e.doors_open_minutes || ' minutes') <= datetime(%s)
      AND datetime(e.ends_at) >= datetime(%s))""",
}


def _claim_ticket(
    event: Event | None, code: str, now: datetime.datetime, by: Person
) -> Registration | None:
    """Check the ticket in if it is registered, not yet in, and (with `event`) for that event;
    None when it is not."""
    stamp = connection.ops.adapt_datetimefield_value(now)
    params: list[Any] = [stamp, by.pk, stamp, code, Registration.Status.REGISTERED]
    if event is not None:
        event_clause, params = "AND event_id = %s", [*params, event.pk]
    else:  # the window of the ticket's own event
        event_clause, params = _DOORS_OPEN_SQL[connection.vendor], [*params, stamp, stamp]
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_SQL.format(event_clause=event_clause), params)
        row = cursor.fetchone()
    if row is None:
        return None
    pk, event_id, person_id, organisation_id, basis, full_name, email, org_name, title, slug = row
    registration = rows.instance(
        Registration,
        id=pk,
        event_id=event_id,
        person_id=person_id,
        organisation_id=organisation_id,
        basis=basis,
        status=Registration.Status.REGISTERED,
        ticket_code=code,
        checked_in_at=now,
        checked_in_by_id=by.pk,
    )
    registration.person = rows.instance(Person, id=person_id, full_name=full_name, email=email)
    registration.event = event or rows.instance(Event, id=event_id, title=title, slug=slug)
    if organisation_id is not None:
        registration.organisation = rows.instance(Organisation, id=organisation_id, name=org_name)
    return registration


def _check_in_by_lock(
    event: Event | None, code: str, now: datetime.datetime, by: Person
) -> Registration:
    """The slow path: lock the registration by its code and say why it cannot come in."""
    registrations = Registration.objects.select_for_update(of=("self",)).select_related(
        "person", "organisation"
    )
    fields: tuple[str, ...] = _CHECK_IN_FIELDS
    if event is None:
        registrations = registrations.select_related("event")
        fields = (
            *fields,
            "event__title",
            "event__starts_at",
            "event__ends_at",
            "event__doors_open_minutes",
        )
    try:
        registration = registrations.only(*fields).get(ticket_code=code)
    except Registration.DoesNotExist:
        raise CheckInError(_("Unknown ticket."), "unknown_ticket") from None
    if event is not None:
        if registration.event_id != event.pk:
            raise CheckInError(
                _("This ticket is for another event: %(event)s.") % {"event": registration.event},
                "wrong_event",
                registration,
            )
        registration.event = event
    else:
        _check_doors_open(registration.event, now, registration)
    if registration.status == Registration.Status.CANCELLED:
        raise CheckInError(_("This registration was cancelled."), "cancelled", registration)
    if registration.status == Registration.Status.WAITING:
        raise CheckInError(
            _("This person is on the waiting list, not registered."), "waiting", registration
        )
    if registration.checked_in_at is not None:
        raise CheckInError(
            _("Already checked in at %(time)s.")
            % {"time": timezone.localtime(registration.checked_in_at).strftime("%H:%M")},
            "already_checked_in",
            registration,
        )
    # Promoted from the waiting list between the UPDATE and this lock: it may come in now.
    registration.checked_in_at = now
    registration.checked_in_by = by
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    audit.record(actor=by, action="registration.checked_in", obj=registration)
    return registration


def walk_in(
    *, event: Event, person: Person, by: Person, now: datetime.datetime | None = None
) -> Registration:
    """Somebody who did not register comes in at the door: registered and checked in at once,
    while the doors are open."""
    roles.require_team(
        by, error=RegistrationError, message=_("Only the team registers people at the door.")
    )
    return register(event=event, person=person, by=by, walk_in=True, now=now)


# --- The team's events (the back office) ----------------------------------------------------------


@transaction.atomic
def create_event(
    *,
    values: dict[str, Any],
    by: Person,
    speerpunten: Sequence[Speerpunt] = (),
    programme: Sequence[ProgrammeItem] = (),
) -> Event:
    """A new event (the team), with its speerpunten and programme."""
    roles.require_team(by)
    event = Event(**values)
    event.full_clean()
    event.save()
    event.speerpunten.set(speerpunten)
    _save_programme(event, RowChanges(added=list(programme)))
    audit.record(
        actor=by,
        action="event.created",
        obj=event,
        changes=audit.diff({}, records.values_of(event)),
    )
    page_cache.invalidate()
    return event


@transaction.atomic
def update_event(
    *,
    event: Event,
    values: dict[str, Any],
    by: Person,
    speerpunten: Sequence[Speerpunt] | None = None,
    programme: RowChanges[ProgrammeItem] | None = None,
) -> Event:
    """Change an event (the team). With more places (or no limit any more) the waiting list
    moves up in its order and those who get a place are mailed; fewer places take nobody's
    place away."""
    roles.require_team(by)
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = records.values_of(event)
    for name, value in values.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    if speerpunten is not None:
        event.speerpunten.set(speerpunten)
    changes = audit.diff(before, records.values_of(event))
    if programme:
        changes["programme"] = _save_programme(event, programme)
    if changes:
        audit.record(actor=by, action="event.updated", obj=event, changes=changes)
    if event.starts_at > timezone.now():
        promote_from_waiting_list(event=event)
    page_cache.invalidate()
    return event


@transaction.atomic
def delete_event(*, event: Event, by: Person) -> None:
    """Only an event nobody registered for (a mistake): otherwise unpublish it."""
    roles.require_team(by)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.registrations.exists():
        raise RegistrationError(
            _("People registered for this event: unpublish it instead of deleting it."),
            "has_registrations",
        )
    audit.record(actor=by, action="event.deleted", obj=event, changes={"title": event.title})
    event.delete()
    page_cache.invalidate()


def _save_programme(event: Event, rows: RowChanges[ProgrammeItem]) -> dict[str, list[str]]:
    """Write the programme's added, changed and deleted items; what the audit entry says."""
    said: dict[str, list[str]] = {"added": [], "changed": [], "deleted": []}
    for item in rows.deleted:
        if item.event_id == event.pk:
            said["deleted"].append(item.title)
            item.delete()
    for item, _names in rows.changed:
        said["changed"].append(item.title)
    for item in rows.added:
        item.event = event
        said["added"].append(item.title)
    for item in [*rows.added, *(item for item, _names in rows.changed)]:
        if item.event_id != event.pk:
            continue
        item.full_clean()
        item.save()
    return {key: titles for key, titles in said.items() if titles}
