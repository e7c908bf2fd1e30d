"""A membership as people live it, in the browser: the school's contact applies on a phone, the
team approves, the treasurer uploads the bank's CODA file, and the membership is active."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.finance.models import Invoice
from som.finance.testing import coda_file
from som.membership.models import Membership
from som.network.models import Organisation
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs)


def test_apply_approve_pay_by_bank_file_and_the_membership_is_active(
    phone: Page,
    laptop: Page,
    live_server: Any,
    school_contact: Person,
    school: Organisation,
    team_member: Person,
    this_year: Any,
    axe: Any,
    tmp_path: Path,
) -> None:
    # The contact applies on a phone.
    log_in(phone, school_contact, live_server.url)
    phone.goto(_url("membership:apply"))
    axe(phone)
    phone.locator("input[name=membership_type][value=general]").check()
    phone.locator("input[name=tariff]").first.check()
    phone.locator(f"input[name=organisation][value='{school.pk}']").check()
    phone.locator("form button[type=submit]").last.click()
    expect(phone.locator("main")).to_contain_text(school.name)
    assert Membership.objects.count() == 0

    # The team approves on a laptop: the invoice goes out.
    log_in(laptop, team_member, live_server.url)
    laptop.goto(_url("membership:applications"))
    laptop.get_by_role("button", name="Goedkeuren").first.click()
    invoice = Invoice.objects.get()
    assert invoice.amount == Decimal("100.00")

    # The treasurer uploads the bank statement that pays it.
    statement = tmp_path / "uittreksel.cod"
    statement.write_bytes(coda_file([(invoice.structured_reference, invoice.amount)]))
    laptop.goto(_url("finance:payments"))
    laptop.locator("input[type=file]").set_input_files(str(statement))
    laptop.get_by_role("button", name="Inlezen").click()
    expect(laptop.locator("main")).to_contain_text(invoice.number)

    # The contact sees the membership active.
    phone.goto(_url("membership:mine"))
    expect(phone.locator("main")).to_contain_text("Actief")
    axe(phone)
    assert Membership.objects.get().status == Membership.Status.ACTIVE
