"""What happens when an invoice is paid is up to the app that asked for the invoice.

Finance sits below membership and events, so it cannot call them; each of them registers, in its
AppConfig.ready(), the one function to run when one of its invoices is paid."""

from collections.abc import Callable
from typing import Any

from som.core import hooks
from som.finance.models import Invoice

OnPaid = Callable[[Invoice, Any], None]
_on_paid: dict[str, OnPaid] = {}
# Every purpose of an invoice has the app that asked for it: a paid invoice without its handler
# would be paid and nothing else (a membership never activated).


def _handlers_of(purpose: str) -> Callable[[], list[str]]:
    return lambda: [registered for registered in _on_paid if registered == purpose]


for _purpose, _app in (
    (Invoice.Purpose.MEMBERSHIP, "MembershipConfig.ready"),
    (Invoice.Purpose.EVENT, "EventsConfig.ready"),
):
    hooks.expect(
        f"som.finance.settlement: on paid, {_purpose}", _handlers_of(_purpose), filled_by=_app
    )


def register(purpose: str, on_paid: OnPaid) -> None:
    _on_paid[purpose] = on_paid


def invoice_paid(invoice: Invoice, by: Any) -> None:
    handler = _on_paid.get(invoice.purpose)
    if handler is not None:
        handler(invoice, by)
