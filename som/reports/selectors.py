import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from som.events.models import Event
from som.finance.models import Expense, Invoice, Payment
from som.governance.models import Meeting
from som.labs import selectors as labs_selectors
from som.labs.models import Call, Proposal, YearEntry
from som.membership.models import Application
from som.network.selectors import pending_claims

# Calls the team still has work on; a confirmed call is done.
CALLS_AT_WORK = (Call.Status.OPEN, Call.Status.SCREENING, Call.Status.VOTING, Call.Status.DECIDED)
MEETINGS_AHEAD = (Meeting.Status.DRAFT, Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)


@dataclass(frozen=True)
class TeamTodo:
    pending_applications: int
    pending_claims: int
    open_invoices: int
    overdue_invoices: int
    payments_to_match: int
    expenses_to_approve: int
    upcoming_events: list[Event]
    # Labs: the calls at work (with `to_screen`: submitted proposals waiting for screening).
    calls: list[Call]
    proposals_to_screen: int
    # Governance: meetings in preparation, convened or in session.
    meetings: list[Meeting]
    today: datetime.date | None = None

    @property
    def votes_to_run(self) -> list[Call]:
        """Calls whose selection vote runs now, or could start: their network day has come."""
        return [
            call
            for call in self.calls
            if call.status == Call.Status.VOTING
            or (
                call.status in (Call.Status.OPEN, Call.Status.SCREENING)
                and call.network_day is not None
                and self.today is not None
                and timezone.localdate(call.network_day.starts_at) <= self.today
            )
        ]

    @property
    def waiting_for_the_board(self) -> list[Call]:
        return [call for call in self.calls if call.status == Call.Status.DECIDED]


def team_todo() -> TeamTodo:
    """What waits for the team: a fixed number of queries, whatever the number of rows."""
    today = timezone.localdate()
    now = timezone.now()
    open_invoices = Invoice.objects.filter(status=Invoice.Status.OPEN)
    calls: list[Call] = list(
        Call.objects.filter(status__in=CALLS_AT_WORK)
        .select_related("network_day")
        .annotate(
            to_screen=Count(
                "proposals",
                filter=Q(proposals__status=Proposal.Status.SUBMITTED, deadline__lt=now),
            )
        )
        .order_by("deadline", "pk")
    )
    return TeamTodo(
        pending_applications=Application.objects.filter(status=Application.Status.PENDING).count(),
        pending_claims=pending_claims().count(),
        open_invoices=open_invoices.count(),
        overdue_invoices=open_invoices.filter(due_on__lt=today).count(),
        payments_to_match=Payment.objects.filter(
            invoice__isnull=True, match=Payment.Match.UNMATCHED
        ).count(),
        expenses_to_approve=Expense.objects.filter(status=Expense.Status.SUBMITTED).count(),
        upcoming_events=list(
            Event.objects.filter(starts_at__gte=now)
            .prefetch_related("calls")
            .order_by("starts_at")[:5]
        ),
        calls=calls,
        proposals_to_screen=sum(call.to_screen for call in calls),  # type: ignore[attr-defined]
        meetings=list(
            Meeting.objects.filter(status__in=MEETINGS_AHEAD)
            .select_related("body")
            .order_by("starts_at")
        ),
        today=today,
    )


@dataclass(frozen=True)
class AnnualReport:
    """The labs' part of the annual report of a school year: its approved entries, and how many
    still wait for approval."""

    years: list[str]  # every school year with an entry, newest first
    year: str  # the one asked for, else the newest ("" when there is none)
    entries: list[YearEntry]
    waiting: int


def annual_report(year: str) -> AnnualReport:
    years = labs_selectors.school_years_with_entries()
    if year not in years:
        year = years[0] if years else ""
    return AnnualReport(
        years=years,
        year=year,
        entries=list(labs_selectors.approved_year_entries(year)) if year else [],
        waiting=labs_selectors.waiting_year_entries(year).count() if year else 0,
    )
