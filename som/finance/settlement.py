"""What happens when an invoice is paid is up to the app that asked for the invoice.

Finance sits below membership and events, so it cannot call them; each of them registers, in its
AppConfig.ready(), the one function to run when one of its invoices is paid."""

from collections.abc import Callable
from typing import Any

from som.finance.models import Invoice

OnPaid = Callable[[Invoice, Any], None]
_on_paid: dict[str, OnPaid] = {}


def register(purpose: str, on_paid: OnPaid) -> None:
    _on_paid[purpose] = on_paid


def invoice_paid(invoice: Invoice, by: Any) -> None:
    handler = _on_paid.get(invoice.purpose)
    if handler is not None:
        handler(invoice, by)
