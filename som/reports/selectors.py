from dataclasses import dataclass

from django.utils import timezone

from som.events.models import Event
from som.finance.models import Invoice, Payment
from som.membership.models import Application
from som.network.selectors import pending_claims


@dataclass(frozen=True)
class TeamTodo:
    pending_applications: int
    pending_claims: int
    open_invoices: int
    overdue_invoices: int
    payments_to_match: int
    upcoming_events: list[Event]


def team_todo() -> TeamTodo:
    today = timezone.localdate()
    open_invoices = Invoice.objects.filter(status=Invoice.Status.OPEN)
    return TeamTodo(
        pending_applications=Application.objects.filter(status=Application.Status.PENDING).count(),
        pending_claims=pending_claims().count(),
        open_invoices=open_invoices.count(),
        overdue_invoices=open_invoices.filter(due_on__lt=today).count(),
        payments_to_match=Payment.objects.filter(
            invoice__isnull=True, match=Payment.Match.UNMATCHED
        ).count(),
        upcoming_events=list(
            Event.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at")[:5]
        ),
    )
