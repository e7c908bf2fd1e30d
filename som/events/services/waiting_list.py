"""The waiting list: places taken and left, moving people up (an offer held for their
confirmation, or the place at once), and what a place given brings (the ticket, the invoice)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.events import entry
from som.events.models import Event, Registration
from som.events.services.mails import _enqueue_mail, _send_confirmation
from som.finance import services as finance
from som.finance.models import Invoice


def _pays(registration: Registration) -> bool:
    """A registration whose basis costs money (the price, or the member price)."""
    return entry.amount_of(registration) > 0


def _places_taken(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.REGISTERED).count()


def _has_room(event: Event) -> bool:
    """Room for one more: the capacity plus the overbooking the team accepted (`Event.places`)."""
    places = event.places
    return places is None or _places_taken(event) < places


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
