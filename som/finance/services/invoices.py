"""Issuing, cancelling, mailing and reminding invoices.

issue_invoice    the app that sells (membership, events) or the team; the caller checks who
cancel_invoice   the team, or the app whose sale is undone (the caller checks who)
mail_invoice     queued with the caller's transaction
mark_reminded    the membership year's reminder run
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend

from som.accounts.models import Person
from som.core import audit
from som.finance.errors import FinanceError
from som.finance.models import Invoice, InvoiceSequence
from som.finance.payment_codes import structured_reference
from som.finance.tasks import mail_invoice_task
from som.network.models import Organisation


@dataclass(frozen=True)
class Holder:
    """Who an invoice is addressed to: an organisation, or a person paying for themselves."""

    name: str
    email: str
    address: str = ""
    organisation: Organisation | None = None
    person: Person | None = None


def _next_sequence(year: int) -> int:
    """Take the next number of the year under a row lock: concurrent invoices wait, never skip."""
    InvoiceSequence.objects.get_or_create(year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


@transaction.atomic
def issue_invoice(
    *,
    purpose: str,
    subject_id: int | None,
    holder: Holder,
    description: str,
    amount: Decimal,
    by: Person | None,
    issued_on: datetime.date | None = None,
) -> Invoice:
    if amount < 0:
        raise FinanceError(_("An invoice cannot be negative."), "negative_amount")
    issued_on = issued_on or timezone.localdate()
    year = issued_on.year
    sequence = _next_sequence(year)
    invoice = Invoice.objects.create(
        number=f"{year}-{sequence:04d}",
        year=year,
        sequence=sequence,
        purpose=purpose,
        subject_id=subject_id,
        organisation=holder.organisation,
        person=holder.person,
        holder_name=holder.name,
        holder_address=holder.address,
        holder_email=holder.email,
        description=description,
        amount=amount,
        structured_reference=structured_reference(year, sequence),
        issued_on=issued_on,
        due_on=issued_on + datetime.timedelta(days=settings.SOM_PAYMENT_TERM_DAYS),
    )
    audit.record(actor=by, action="invoice.issued", obj=invoice, changes={"amount": str(amount)})
    return invoice


@transaction.atomic
def cancel_invoice(*, invoice: Invoice, reason: str, by: Person | None) -> Invoice:
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not invoice.is_open:
        raise FinanceError(_("Only an open invoice can be cancelled."), "not_open")
    if not reason.strip():
        raise FinanceError(_("Say why the invoice is cancelled."), "reason_required")
    invoice.status = Invoice.Status.CANCELLED
    invoice.cancelled_reason = reason.strip()
    invoice.save(update_fields=["status", "cancelled_reason"])
    audit.record(actor=by, action="invoice.cancelled", obj=invoice, changes={"reason": reason})
    return invoice


def mail_invoice(*, invoice: Invoice, language: str, reminder: bool = False) -> None:
    """Mail the invoice with its PDF. With the database task backend (production's) the task's
    row is written in the caller's transaction, so an invoice never commits without its mail (a
    crash between the commit and a later enqueue lost it). A backend that runs the task at once
    (development, the tests) runs it after the commit, so nothing is mailed about an invoice
    rolled back."""
    invoice_id = invoice.pk

    def enqueue() -> None:
        mail_invoice_task.enqueue(invoice_id=invoice_id, language=language, reminder=reminder)

    if isinstance(mail_invoice_task.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def mark_reminded(*, invoice: Invoice, on: datetime.date) -> Invoice:
    invoice.reminders_sent += 1
    invoice.last_reminder_on = on
    invoice.save(update_fields=["reminders_sent", "last_reminder_on"])
    audit.record(
        actor=None,
        action="invoice.reminded",
        obj=invoice,
        changes={"reminder": invoice.reminders_sent},
    )
    return invoice
