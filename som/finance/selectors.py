"""Shared reads in finance: the team's invoice list and the payments that need attention."""

from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from som.core.params import ascii_digits
from som.finance.models import Invoice, Payment, StatementImport

# Sums carry two decimals on every database (SQLite's SUM drops them; the field's converter puts
# them back), so amounts are shown and prefilled as "60.00", not "60".
MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=12, decimal_places=2)
NEEDS_ATTENTION = [
    Payment.Match.UNMATCHED,
    Payment.Match.AMOUNT_DIFFERS,
    Payment.Match.INVOICE_NOT_OPEN,
]


def invoice_years() -> list[int]:
    """The years that have invoices, newest first (the choices of the list's year filter)."""
    return list(Invoice.objects.order_by("-year").values_list("year", flat=True).distinct())


def invoice_numbered(number: str) -> Invoice | None:
    return Invoice.objects.filter(number=number).first()


def invoices(
    *, status: str = "", purpose: str = "", year: int | None = None, q: str = ""
) -> QuerySet[Invoice]:
    """The invoice list, newest first, each with `received` (all paid on it) and `outstanding`
    (what is still to pay). `q` finds a number, a holder or a structured communication, which
    people copy with its +++ and slashes."""
    found = (
        Invoice.objects.annotate(
            received=Coalesce(Sum("payments__amount"), Value(0), output_field=MONEY)
        )
        .annotate(outstanding=F("amount") - F("received"))
        .order_by("-issued_on", "-year", "-sequence")
    )
    if status:
        found = found.filter(status=status)
    if purpose:
        found = found.filter(purpose=purpose)
    if year:
        found = found.filter(year=year)
    if query := q.strip():
        digits = ascii_digits(query)
        match = (
            Q(number__icontains=query)
            | Q(holder_name__icontains=query)
            | Q(holder_email__icontains=query)
        )
        if len(digits) >= 3:
            match |= Q(structured_reference__contains=digits)
        found = found.filter(match)
    return found


def _with_invoice_received(payments: QuerySet[Payment]) -> QuerySet[Payment]:
    """Each payment with `invoice_received`, all that was paid on its invoice (None without an
    invoice), so a page can say whether the invoice is under- or overpaid."""
    received = (
        Payment.objects.filter(invoice_id=OuterRef("invoice_id"))
        .order_by()
        .values("invoice_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return payments.select_related("invoice").annotate(
        invoice_received=Subquery(received, output_field=MONEY)
    )


def payments_needing_attention() -> QuerySet[Payment]:
    return _with_invoice_received(Payment.objects.filter(match__in=NEEDS_ATTENTION)).order_by(
        "-booked_on", "-pk"
    )


def payments_with_invoice_received(payments: list[Payment]) -> list[Payment]:
    """The same payments, in the same order, read again with `invoice_received`."""
    by_pk = _with_invoice_received(Payment.objects.filter(pk__in=[p.pk for p in payments]))
    found = {payment.pk: payment for payment in by_pk}
    return [found[payment.pk] for payment in payments]


def recent_imports(count: int) -> QuerySet[StatementImport]:
    return StatementImport.objects.select_related("imported_by")[:count]
