"""The finance services the team does check `by` themselves (som.core.roles): a second entrance
(the admin, the API, a command) cannot skip the rule. A refusal changes nothing."""

import datetime
from decimal import Decimal

import pytest

from som.core.models import AuditEntry
from som.finance import services
from som.finance.models import Budget, Expense, Invoice, Payment, StatementImport
from som.finance.services import budgets
from som.finance.services.budgets import BudgetError
from som.finance.testing import coda_file

DAY = datetime.date(2026, 12, 7)


def _invoice(team_member, school):
    return services.issue_invoice(
        purpose=Invoice.Purpose.OTHER,
        subject_id=None,
        holder=services.Holder(name=school.name, email="contact@delinde.be", organisation=school),
        description="Test",
        amount=Decimal("100.00"),
        by=team_member,
    )


def _refused(error, code="not_team"):
    assert error.value.code == code


def test_a_payment_by_hand_is_for_the_team(team_member, teacher, school):
    invoice = _invoice(team_member, school)
    with pytest.raises(services.FinanceError) as error:
        services.register_payment(invoice=invoice, amount=invoice.amount, booked_on=DAY, by=teacher)
    _refused(error)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.OPEN and not Payment.objects.exists()


def test_assigning_a_payment_is_for_the_team(team_member, teacher, school):
    invoice = _invoice(team_member, school)
    data = coda_file([("gift", Decimal("100.00"))])
    [payment] = services.import_statement_file(data=data, file_name="a", by=team_member).unmatched
    with pytest.raises(services.FinanceError) as error:
        services.assign_payment(payment=payment, invoice=invoice, by=teacher)
    _refused(error)
    payment.refresh_from_db()
    invoice.refresh_from_db()
    assert payment.invoice_id is None and invoice.status == Invoice.Status.OPEN


def test_importing_a_bank_statement_is_for_the_team(team_member, teacher, school):
    invoice = _invoice(team_member, school)
    data = coda_file([(invoice.structured_reference, invoice.amount)])
    with pytest.raises(services.FinanceError) as error:
        services.import_statement_file(data=data, file_name="a.cod", by=teacher)
    _refused(error)
    assert not StatementImport.objects.exists() and not Payment.objects.exists()


def _budget_with_expense(team_member, teacher):
    budget = budgets.create_budget(name="Lab", granted=Decimal(500), by=team_member)
    expense = budgets.submit_expense(
        budget=budget, spent_on=DAY, amount=Decimal(100), description="Zaal", by=teacher
    )
    return budget, expense


def test_the_granted_budget_is_changed_by_the_team_only(team_member, teacher):
    budget, _expense = _budget_with_expense(team_member, teacher)
    with pytest.raises(BudgetError) as error:
        budgets.change_granted(budget=budget, granted=Decimal(900), by=teacher)
    _refused(error)
    assert Budget.objects.get(pk=budget.pk).granted == Decimal(500)


def test_expenses_are_decided_by_the_team_only(team_member, teacher):
    _budget, expense = _budget_with_expense(team_member, teacher)
    entries = AuditEntry.objects.count()
    with pytest.raises(BudgetError) as error:
        budgets.approve_expense(expense=expense, by=teacher)
    _refused(error)
    with pytest.raises(BudgetError) as error:
        budgets.reject_expense(expense=expense, reason="Nee.", by=teacher)
    _refused(error)
    assert Expense.objects.get(pk=expense.pk).status == Expense.Status.SUBMITTED
    assert AuditEntry.objects.count() == entries
