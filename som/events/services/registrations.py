"""Registering (yourself, colleagues, at the door) and cancelling: who may come and on what
terms, the registration window, the invoice of a paid place."""

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, page_cache, roles
from som.core.errors import DomainError
from som.events import entry
from som.events.models import Event, Registration, RegistrationWindow
from som.events.services.check_in import doors_closed_reason
from som.events.services.mails import _send_cancellation, _send_confirmation
from som.events.services.waiting_list import _has_room, _invoice, _pays, promote_from_waiting_list
from som.finance import services as finance
from som.finance.models import Invoice
from som.network.models import Organisation
from som.network.selectors import organisations_contacted_by, organisations_of


class RegistrationError(DomainError):
    pass


def new_ticket_code() -> str:
    return secrets.token_urlsafe(18)


def terms_for(event: Event, person: Person, *, lock: bool = False) -> entry.Terms:
    """What the person pays at the event and why (`som.events.entry`), or RegistrationError
    when they may not come."""
    try:
        return entry.terms_for(event, person, lock=lock)
    except entry.NotAdmitted as error:
        raise RegistrationError(error.message, error.code) from None


def _check_window(event: Event, now: datetime.datetime) -> None:
    state = event.registration_window.state_at(now)
    if not event.is_published or state == RegistrationWindow.NONE:
        raise RegistrationError(_("This event takes no registrations here."), "no_registration")
    if state == RegistrationWindow.NOT_YET:
        raise RegistrationError(_("Registration has not opened yet."), "not_open_yet")
    if state == RegistrationWindow.CLOSED:
        raise RegistrationError(_("Registration is closed."), "closed")


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
    if existing is not None and not existing.is_cancelled:
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


def on_invoice_paid(invoice: Invoice, by: Person | None) -> None:
    """Registered with finance.settlement; a paid event invoice needs nothing more: the place
    was kept from the start. The audit entry shows it was paid."""
    registration = Registration.objects.filter(pk=invoice.subject_id or 0).first()
    if registration is not None:
        audit.record(actor=by, action="registration.paid", obj=registration)


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
    if registration.is_cancelled:
        raise RegistrationError(_("This registration was already cancelled."), "already_cancelled")
    if registration.checked_in_at is not None:
        raise RegistrationError(_("You were already checked in."), "checked_in")
    registration.event = event
    refusal = cancel_refusal(registration, now)
    if refusal:
        raise RegistrationError(refusal, "started")
    freed_a_place = registration.has_place
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


def walk_in(
    *, event: Event, person: Person, by: Person, now: datetime.datetime | None = None
) -> Registration:
    """Somebody who did not register comes in at the door: registered and checked in at once,
    while the doors are open."""
    roles.require_team(
        by, error=RegistrationError, message=_("Only the team registers people at the door.")
    )
    return register(event=event, person=person, by=by, walk_in=True, now=now)
