"""A lab's budget: expenses entered by its leads, approved or rejected by the team, never beyond
what is left (also when two arrive at once: the race test runs on PostgreSQL)."""

# ruff: noqa: F811

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from som.core.testing import in_threads, needs_postgres
from som.finance.models import Budget, Expense
from som.finance.services import budgets
from som.finance.services.budgets import BudgetError
from som.labs.services import labs as lab_services
from som.labs.services import work
from som.labs.services.labs import LabError
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _in_english,
    _media,
    call,
    confirmed,
    granted,
    lab_data,
    members,
    network_day,
    pdf,
    proposal,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)

DAY = datetime.date(2026, 10, 12)


def spend(lab, by, amount, description="Broodjes voor de labosessie", **extra):
    return work.submit_lab_expense(
        lab=lab, spent_on=DAY, amount=Decimal(amount), description=description, by=by, **extra
    )


def test_a_lead_submits_an_expense_with_a_receipt_and_the_remaining_budget_shrinks(
    running_lab, teacher
):
    granted(running_lab, "1000")
    expense = spend(running_lab, teacher, "187.50", receipt=pdf("kasticket.pdf"))
    assert expense.status == Expense.Status.SUBMITTED
    assert expense.receipt.name.startswith(f"private/receipts/{running_lab.budget_id}/")
    summary = budgets.summary_of(running_lab.budget)
    assert (summary.waiting, summary.remaining) == (Decimal("187.50"), Decimal("812.50"))


def test_an_expense_beyond_what_is_left_is_refused_with_the_amount_left(running_lab, teacher):
    granted(running_lab, "500")
    spend(running_lab, teacher, "187.50")
    with pytest.raises(BudgetError) as error:
        spend(running_lab, teacher, "400")
    assert error.value.code == "over_budget"
    assert "€\xa0312.50 remains" in error.value.message
    with translation.override("nl"), pytest.raises(BudgetError) as error:
        spend(running_lab, teacher, "400")
    assert "€\xa0312,50" in error.value.message
    assert Expense.objects.count() == 1


def test_members_and_the_team_do_not_enter_expenses(running_lab, lab_lead, team_member):
    for person in (lab_lead, team_member):
        with pytest.raises(LabError):
            spend(running_lab, person, "10")


def test_the_team_approves_and_the_approval_checks_the_budget_again(
    running_lab, teacher, team_member
):
    granted(running_lab, "500")
    first = spend(running_lab, teacher, "300")
    second = spend(running_lab, teacher, "200")
    work.approve_lab_expense(lab=running_lab, expense=first, by=team_member)
    # The team lowers the budget meanwhile: the second no longer fits.
    Budget.objects.filter(pk=running_lab.budget_id).update(granted=Decimal("400"))
    with pytest.raises(BudgetError) as error:
        work.approve_lab_expense(lab=running_lab, expense=second, by=team_member)
    assert "€\xa0100.00" in error.value.message
    first.refresh_from_db()
    assert (first.status, first.decided_by) == (Expense.Status.APPROVED, team_member)


def test_a_lead_does_not_approve(running_lab, teacher):
    expense = spend(running_lab, teacher, "10")
    with pytest.raises(LabError):
        work.approve_lab_expense(lab=running_lab, expense=expense, by=teacher)


def test_a_rejection_needs_a_reason_and_is_mailed_to_the_leads(
    running_lab, teacher, team_member, django_capture_on_commit_callbacks
):
    expense = spend(running_lab, teacher, "10")
    with pytest.raises(BudgetError):
        work.reject_lab_expense(lab=running_lab, expense=expense, reason="", by=team_member)
    with django_capture_on_commit_callbacks(execute=True):
        work.reject_lab_expense(
            lab=running_lab, expense=expense, reason="Geen kasticket.", by=team_member
        )
    assert mail.outbox[-1].to == [teacher.email]
    assert "Geen kasticket." in mail.outbox[-1].body
    with pytest.raises(BudgetError) as error:
        work.approve_lab_expense(lab=running_lab, expense=expense, by=team_member)
    assert error.value.code == "not_submitted"
    assert budgets.summary_of(running_lab.budget).remaining == running_lab.budget.granted


def test_the_budget_is_not_lowered_below_what_is_committed(running_lab, teacher, team_member):
    granted(running_lab, "500")
    spend(running_lab, teacher, "300")
    with pytest.raises(BudgetError) as error:
        lab_services.change_budget(lab=running_lab, granted=Decimal(200), by=team_member)
    assert error.value.code == "below_spent"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_expenses_at_once_never_spend_more_than_is_left(
    members, team_member, teacher, lab_lead
):
    """Each of two leads submits EUR 300 of the EUR 500 left at the same moment: one is refused."""
    needs_postgres()
    lab = lab_services.create_lab(data=lab_data(), granted=Decimal(500), by=team_member)
    lab_services.invite_member(lab=lab, email=teacher.email, by=team_member, as_lead=True)
    lab_services.invite_member(lab=lab, email=lab_lead.email, by=team_member, as_lead=True)
    for person in (teacher, lab_lead):
        invitation = lab.members.get(person=person)
        lab_services.accept_lab_invitation(member=invitation, person=person)
    leads = [teacher, lab_lead]

    errors = in_threads(2, lambda i: spend(lab, leads[i], "300"))
    assert len(errors) == 1 and isinstance(errors[0], BudgetError)
    assert Expense.objects.filter(budget=lab.budget).count() == 1
    assert budgets.summary_of(lab.budget).remaining == Decimal(200)
