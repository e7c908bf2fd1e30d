"""Budgets and the expenses booked against them (a lab's budget is one of them).

    create_budget     (the caller checks who: labs, for the team or the board's confirmation)
    change_granted    team   a new amount, never below what is approved or waiting
    submit_expense    (the caller checks who: labs lets a lab's leads)   refused beyond what is left
    approve_expense   team   checked again against what is left then
    reject_expense    team   with a reason

What is left = granted - approved - waiting for approval. Every write locks the budget's row first,
so two expenses submitted or approved at once can never together spend more than is left.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.core.errors import DomainError
from som.core.money import euros
from som.core.roles import require_team
from som.finance.models import Budget, Expense

CENT = Decimal("0.01")


class BudgetError(DomainError):
    """Codes: not_team, not_positive, over_budget, below_spent, not_submitted, reason_required."""


@dataclass(frozen=True)
class BudgetSummary:
    granted: Decimal
    approved: Decimal
    waiting: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.granted - self.approved - self.waiting


def summary_of(budget: Budget) -> BudgetSummary:
    """One query: the granted amount with the approved and waiting totals."""
    totals = Expense.objects.filter(budget_id=budget.pk).aggregate(
        approved=Sum("amount", filter=Q(status=Expense.Status.APPROVED)),
        waiting=Sum("amount", filter=Q(status=Expense.Status.SUBMITTED)),
    )
    return BudgetSummary(
        granted=budget.granted,
        approved=Decimal(totals["approved"] or 0).quantize(CENT),
        waiting=Decimal(totals["waiting"] or 0).quantize(CENT),
    )


def _locked(budget: Budget) -> Budget:
    return Budget.objects.select_for_update().get(pk=budget.pk)


def _amount(value: Decimal) -> Decimal:
    amount = Decimal(value).quantize(CENT)
    if amount <= 0:
        raise BudgetError(_("The amount must be more than zero."), "not_positive")
    return amount


@transaction.atomic
def create_budget(*, name: str, granted: Decimal, by: Person | None) -> Budget:
    """Labs creates a lab's budget with the lab (the caller checks that `by` may)."""
    granted = Decimal(granted).quantize(CENT)
    if granted < 0:
        raise BudgetError(_("The granted budget cannot be negative."), "not_positive")
    budget = Budget(name=name[:200], granted=granted)
    budget.full_clean()
    budget.save()
    audit.record(actor=by, action="budget.created", obj=budget, changes={"granted": str(granted)})
    return budget


@transaction.atomic
def change_granted(*, budget: Budget, granted: Decimal, by: Person) -> Budget:
    require_team(by, error=BudgetError)
    budget = _locked(budget)
    granted = Decimal(granted).quantize(CENT)
    committed = summary_of(budget)
    if granted < committed.approved + committed.waiting:
        raise BudgetError(
            _(
                "The budget cannot be lower than what is approved or waiting for approval: "
                "%(amount)s."
            )
            % {"amount": euros(committed.approved + committed.waiting)},
            "below_spent",
        )
    before = budget.granted
    budget.granted = granted
    budget.save(update_fields=["granted"])
    audit.record(
        actor=by,
        action="budget.granted_changed",
        obj=budget,
        changes={"granted": [str(before), str(granted)]},
    )
    return budget


def _refuse_beyond(left: Decimal) -> BudgetError:
    return BudgetError(
        _("This expense is more than what is left of the budget: %(left)s remains.")
        % {"left": euros(max(left, Decimal(0)))},
        "over_budget",
    )


@transaction.atomic
def submit_expense(
    *,
    budget: Budget,
    spent_on: datetime.date,
    amount: Decimal,
    description: str,
    by: Person,
    receipt: UploadedFile | None = None,
) -> Expense:
    """Book an expense, waiting for the team's approval; refused when it is more than is left.
    Who may submit is the caller's rule (labs: the lab's leads)."""
    budget = _locked(budget)
    amount = _amount(amount)
    description = description.strip()
    if not description:
        raise BudgetError(_("Say what the expense was for."), "description_required")
    left = summary_of(budget).remaining
    if amount > left:
        raise _refuse_beyond(left)
    expense = Expense(
        budget=budget,
        spent_on=spent_on,
        amount=amount,
        description=description[:300],
        submitted_by=by,
        receipt_name=(receipt.name or "")[:200] if receipt else "",
    )
    if receipt is not None:
        expense.receipt.save(receipt.name or "receipt", receipt, save=False)
    expense.full_clean()
    expense.save()
    audit.record(
        actor=by,
        action="expense.submitted",
        obj=expense,
        changes={"budget": budget.pk, "amount": str(amount), "left": str(left - amount)},
    )
    return expense


def _locked_submitted(expense: Expense) -> tuple[Budget, Expense]:
    budget = _locked(expense.budget)
    expense = Expense.objects.select_for_update().get(pk=expense.pk)
    if expense.status != Expense.Status.SUBMITTED:
        raise BudgetError(_("This expense has already been decided."), "not_submitted")
    return budget, expense


@transaction.atomic
def approve_expense(*, expense: Expense, by: Person) -> Expense:
    """Checked again under the lock: the granted amount may have changed since submission."""
    require_team(by, error=BudgetError)
    budget, expense = _locked_submitted(expense)
    totals = summary_of(budget)
    left = totals.granted - totals.approved
    if expense.amount > left:
        raise _refuse_beyond(left)
    expense.status = Expense.Status.APPROVED
    expense.decided_by = by
    expense.decided_at = timezone.now()
    expense.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(actor=by, action="expense.approved", obj=expense)
    return expense


@transaction.atomic
def reject_expense(*, expense: Expense, reason: str, by: Person) -> Expense:
    require_team(by, error=BudgetError)
    reason = reason.strip()
    if not reason:
        raise BudgetError(
            _("Say why the expense is rejected: the leads receive the reason."), "reason_required"
        )
    _budget, expense = _locked_submitted(expense)
    expense.status = Expense.Status.REJECTED
    expense.reason = reason
    expense.decided_by = by
    expense.decided_at = timezone.now()
    expense.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit.record(actor=by, action="expense.rejected", obj=expense, changes={"reason": reason})
    return expense
