"""Payments: registered by hand, assigned by hand, or booked from a bank's CODA statement file;
a payment that completes an invoice pays it (and tells the app that asked for the invoice)."""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.core.roles import require_team
from som.finance import coda, settlement
from som.finance.errors import FinanceError
from som.finance.models import Invoice, Payment, StatementImport
from som.finance.payment_codes import found_in

# --- Payments -------------------------------------------------------------------------------------


def _settle(payment: Payment, by: Person | None) -> Payment:
    """Link a payment to its invoice (locked) and pay the invoice when the payments on it add up
    to exactly its amount. Under- and over-payments leave the invoice open, for the treasurer."""
    if payment.invoice is None:
        payment.match = Payment.Match.UNMATCHED
        payment.save()
        return payment
    invoice = Invoice.objects.select_for_update().get(pk=payment.invoice.pk)
    if not invoice.is_open:
        payment.match = Payment.Match.INVOICE_NOT_OPEN
        payment.save()
        return payment
    payment.save()
    received = invoice.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if received != invoice.amount:
        Payment.objects.filter(pk=payment.pk).update(match=Payment.Match.AMOUNT_DIFFERS)
        payment.match = Payment.Match.AMOUNT_DIFFERS
        return payment
    invoice.payments.update(match=Payment.Match.PAID)
    payment.match = Payment.Match.PAID
    invoice.status = Invoice.Status.PAID
    invoice.paid_on = payment.booked_on
    invoice.save(update_fields=["status", "paid_on"])
    audit.record(actor=by, action="invoice.paid", obj=invoice, changes={"payment": payment.pk})
    settlement.invoice_paid(invoice, by)
    return payment


@transaction.atomic
def register_payment(
    *,
    invoice: Invoice,
    amount: Decimal,
    booked_on: datetime.date,
    by: Person,
    note: str = "",
) -> Payment:
    """The treasurer enters a payment by hand (cash, a transfer seen in the bank's app)."""
    require_team(by, error=FinanceError)
    if amount <= 0:
        raise FinanceError(_("A payment must be more than zero."), "not_positive")
    payment = Payment(
        invoice=invoice,
        source=Payment.Source.MANUAL,
        amount=amount,
        booked_on=booked_on,
        registered_by=by,
        note=note.strip(),
        match=Payment.Match.UNMATCHED,
    )
    payment = _settle(payment, by)
    audit.record(
        actor=by, action="payment.registered", obj=invoice, changes={"amount": str(amount)}
    )
    return payment


@transaction.atomic
def assign_payment(*, payment: Payment, invoice: Invoice, by: Person) -> Payment:
    """Match by hand a payment that matched nothing (a typo in the communication, say)."""
    require_team(by, error=FinanceError)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.invoice_id is not None:
        raise FinanceError(_("This payment already belongs to an invoice."), "already_matched")
    payment.invoice = invoice
    payment = _settle(payment, by)
    audit.record(actor=by, action="payment.assigned", obj=invoice, changes={"payment": payment.pk})
    return payment


# --- Bank statements ------------------------------------------------------------------------------


@dataclass
class ImportReport:
    statement_import: StatementImport
    paid: list[Payment] = field(default_factory=list)
    amount_differs: list[Payment] = field(default_factory=list)
    unmatched: list[Payment] = field(default_factory=list)
    already_booked: int = 0
    debits_ignored: int = 0
    warnings: list[str] = field(default_factory=list)


def _movement_key(statement: coda.Statement, movement: coda.Movement) -> str:
    return ":".join(
        [
            statement.account,
            movement.value_date.isoformat(),
            # The bank's reference names a movement across statements; the detail number tells
            # the payments of one globalised movement apart.
            movement.bank_reference or movement.sequence[:4],
            movement.sequence[4:],
            str(movement.amount),
        ]
    )


@transaction.atomic
def import_statement_file(*, data: bytes, file_name: str, by: Person | None) -> ImportReport:
    """Book the credit movements of a CODA file. A faulty file raises CodaError and books
    nothing; the same file twice is refused; a movement seen in an earlier file is skipped.
    `by` is a team member, or None for the server's own run (the import_coda command without
    --by, which only whoever runs the server can start)."""
    if by is not None:
        require_team(by, error=FinanceError)
    statements = coda.parse(data)
    fingerprint = hashlib.sha256(data).hexdigest()
    _one_import_at_a_time()
    try:
        with transaction.atomic():
            statement_import = StatementImport.objects.create(
                file_name=file_name[:200],
                file_sha256=fingerprint,
                imported_by=by,
                statements=len(statements),
            )
    except IntegrityError:
        raise FinanceError(
            _("This file was imported before; nothing was booked twice."), "already_imported"
        ) from None
    report = ImportReport(statement_import=statement_import)
    for statement in statements:
        report.warnings.extend(statement.warnings)
        for movement in _bookable(statement):
            _book_movement(report, statement, movement, by)
    statement_import.movements = len(report.paid + report.amount_differs + report.unmatched)
    statement_import.save(update_fields=["movements"])
    audit.record(
        actor=by,
        action="statement.imported",
        obj=statement_import,
        changes={"paid": len(report.paid), "unmatched": len(report.unmatched)},
    )
    return report


# Any number, the same for every process: the key of the lock imports take turns on.
_IMPORT_LOCK = 0x534F4D_C0DA


def _one_import_at_a_time() -> None:
    """Two files with the same movements imported at the same moment (the team uploads while
    the nightly command runs): both would find the movement not yet booked, and the second
    insert would fail on the unique movement key. PostgreSQL: a lock held until the end of
    this transaction; what the first import booked is then visible to the second, which
    counts it as booked before. SQLite's IMMEDIATE transactions already take turns."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_IMPORT_LOCK])


def _bookable(statement: coda.Statement) -> list[coda.Movement]:
    """A globalised movement is one total followed by its details: the details are the
    individual payments (each with its own communication), so book those, not the total. A
    total without details is booked itself."""
    globalised = {m.sequence[:4] for m in statement.movements if m.is_detail}
    return [m for m in statement.movements if m.is_detail or m.sequence[:4] not in globalised]


def _book_movement(
    report: ImportReport, statement: coda.Statement, movement: coda.Movement, by: Person | None
) -> None:
    if not movement.is_credit:
        report.debits_ignored += 1
        return
    key = _movement_key(statement, movement)
    if Payment.objects.filter(movement_key=key).exists():
        report.already_booked += 1
        return
    reference = movement.structured_reference or found_in(movement.communication) or ""
    invoice = Invoice.objects.filter(structured_reference=reference).first() if reference else None
    try:
        # The unique movement key has the last word, should a payment ever be inserted outside
        # the lock: booked before, not an error.
        with transaction.atomic():
            payment = _settle(
                Payment(
                    invoice=invoice,
                    source=Payment.Source.CODA,
                    statement_import=report.statement_import,
                    movement_key=key,
                    amount=movement.amount,
                    currency=statement.currency or "EUR",
                    booked_on=movement.value_date,
                    structured_reference=reference,
                    communication=movement.communication[:300],
                    counterparty_name=movement.counterparty_name[:200],
                    counterparty_account=movement.counterparty_account[:40],
                    match=Payment.Match.UNMATCHED,
                ),
                by,
            )
    except IntegrityError:
        report.already_booked += 1
        return
    if payment.paid_its_invoice:
        report.paid.append(payment)
    elif payment.differs_from_invoice:
        report.amount_differs.append(payment)
    else:
        report.unmatched.append(payment)
