from typing import Any

from som.accounts.models import Person
from som.finance.models import Invoice


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
