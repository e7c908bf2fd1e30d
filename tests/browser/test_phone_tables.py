"""Tables on a phone (390x844, issue 16): no important column hides in a sideways scroll. Each
table below becomes a pile of cards (.table--stack in som.css); every listed cell must be
visible and inside the screen's width: the invoice's structured communication, due date and PDF;
the selection result's "selected"; the lab group's roles and actions; an expense's status."""
# ruff: noqa: F811

import datetime
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from som.accounts.models import Person
from som.events.tests.factories import make_event
from som.finance.payment_codes import formatted
from som.labs.services import selection, work
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _media,
    call,
    confirmed,
    members,
    network_day,
    proposal,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)
from som.labs.tests.test_selection import PROPOSALS, attend, make_call, vote
from som.membership.tests.factories import approved_membership, invoice_of
from som.network.tests.factories import make_person
from tests.browser.conftest import PHONE
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def assert_on_screen(cell: Locator) -> None:
    """Visible, and its whole width inside the phone's: not scrolled off to the right."""
    expect(cell).to_be_visible()
    box = cell.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (
        f"{cell} runs off the screen: {box}"
    )


def assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"


def test_the_contact_sees_the_invoices_reference_due_date_and_pdf(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    school_contact: Person,
    team_member: Person,
    school: Any,
    general: Any,
    this_year: Any,
) -> None:
    membership = approved_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    invoice = invoice_of(membership)
    log_in(phone, school_contact, live_server.url)
    phone.goto(_url("membership:mine"))
    row = phone.locator("tr", has=phone.locator(f"#invoice-{invoice.pk}"))
    assert_on_screen(row.get_by_text(formatted(invoice.structured_reference)))
    with translation.override("en"):
        due = invoice.due_on.strftime("%d/%m/%Y")
    assert_on_screen(row.get_by_text(due))
    assert_on_screen(row.get_by_role("link", name="Download"))
    assert_on_screen(row.locator("td[data-label='Due on']"))
    assert_no_sideways_scroll(phone)
    axe(phone)
    screenshot(phone, "phone-invoices")


def test_the_lab_group_shows_roles_and_actions_and_the_expenses_their_status(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    running_lab: Any,
    teacher: Person,
) -> None:
    work.submit_lab_expense(
        lab=running_lab,
        spent_on=datetime.date(2026, 11, 12),
        amount=Decimal("86.40"),
        description="Broodjes en koffie voor de labosessie in de Romaanse Poort",
        by=teacher,
    )
    log_in(phone, teacher, live_server.url)
    phone.goto(_url("labs:group", slug=running_lab.slug))
    group = phone.locator("table", has=phone.locator("caption", has_text="Members of the lab"))
    for row in group.locator("tbody tr").all():
        assert_on_screen(row.locator("td[data-label='Role']"))
    assert_on_screen(group.get_by_role("button", name="Leave the group"))
    for button in group.get_by_role("button", name="from the group").all():
        assert_on_screen(button)
    assert_no_sideways_scroll(phone)
    axe(phone)
    screenshot(phone, "phone-lab-group")

    phone.goto(_url("labs:budget", slug=running_lab.slug))
    expense = phone.locator("tr", has_text="Broodjes en koffie")
    assert_on_screen(expense.locator("td[data-label='Status']").get_by_text("waiting for approval"))
    assert_on_screen(expense.locator("td[data-label='Amount']"))
    assert_no_sideways_scroll(phone)
    axe(phone)
    screenshot(phone, "phone-lab-budget")


def test_the_selection_result_says_selected_or_not_for_each_proposal(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    team_member: Person,
    lab_lead: Person,
) -> None:
    day = make_event(title="SOM-netwerkdag voorjaar")
    chosen = make_call(day, lab_lead, PROPOSALS)
    voters = [make_person(full_name=f"Kiezer {i}") for i in range(3)]
    attend(day, voters)
    selection.start_selection_vote(call=chosen, by=team_member)
    chosen.refresh_from_db()
    for voter in voters:
        vote(chosen, voter, ["Taalrijke klas", "Ouders als partners"])
    selection.close_selection_vote(call=chosen, by=team_member)
    log_in(phone, team_member, live_server.url)
    phone.goto(_url("labs:selection_result", call_id=chosen.pk))
    table = phone.locator(".outcome-table")
    for title in ("Taalrijke klas", "Ouders als partners"):
        row = table.locator("tr", has_text=title)
        assert_on_screen(row.locator(".outcome-verdict--selected"))
        expect(row.locator(".outcome-verdict")).to_have_text("selected")
    assert_on_screen(table.locator("tr", has_text="Welbevinden").get_by_text("not selected"))
    assert_no_sideways_scroll(phone)
    axe(phone)
    screenshot(phone, "phone-selection-result")
