from typing import Any

from django.db.models import Q

from som.accounts.models import Person
from som.core import personal_data
from som.finance.models import Invoice, Payment


def export(person: Person) -> dict[str, Any]:
    """Invoices addressed to the person themselves (an organisation's invoices are its own)."""
    return {
        "invoices": [
            {
                "number": invoice.number,
                "description": invoice.description,
                "amount": str(invoice.amount),
                "status": invoice.status,
                "issued_on": invoice.issued_on.isoformat(),
                "paid_on": invoice.paid_on.isoformat() if invoice.paid_on else None,
            }
            for invoice in Invoice.objects.filter(person=person).order_by("year", "sequence")
        ]
    }


def _matching_address(person: Person) -> Q:
    condition = Q(pk__in=[])
    for address in personal_data.addresses_of(person):
        condition |= Q(holder_email__iexact=address)
    return condition


def erase(person: Person) -> None:
    """An invoice keeps its buyer (the law); the address it was mailed to is not part of it."""
    Invoice.objects.filter(_matching_address(person)).update(
        holder_email=personal_data.erased_email(person)
    )


def keeps(person: Person) -> list[dict[str, str]]:
    """Invoices with the person's name: Belgian accounting law keeps them seven years."""
    invoices = Invoice.objects.filter(Q(person=person) | Q(holder_name__iexact=person.full_name))
    payments = Payment.objects.filter(counterparty_name__iexact=person.full_name)
    return [
        {"record": "invoice", "reference": invoice.number}
        for invoice in invoices.order_by("year", "sequence")
    ] + [
        {"record": "payment", "reference": payment.booked_on.isoformat()}
        for payment in payments.order_by("booked_on", "pk")
    ]
