"""The consent register in the browser: a team member records a child's consent on a phone (the
parent's name asked for first), finds it in the register, and revokes it after the confirmation
step on a laptop; no horizontal scrolling, no axe violation, the page in Dutch."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.network.models import Consent
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _fits(page: Page) -> None:
    viewport = page.viewport_size
    assert viewport is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_the_team_records_a_childs_consent_and_revokes_it(
    phone: Page, laptop: Page, live_server: Any, team_member: Person, axe: Any
) -> None:
    log_in(phone, team_member, live_server.url)
    phone.goto(reverse("reports:team_home"))
    phone.get_by_role("link", name="Toestemmingsregister (foto's en citaten)").click()
    expect(phone.get_by_role("heading", name="Toestemmingsregister", level=1)).to_be_visible()
    phone.get_by_role("link", name="Toestemming registreren").click()
    phone.get_by_label("Wie in beeld komt of geciteerd wordt").fill("Lena (10 jaar)")
    phone.get_by_label("Jonger dan 13").check()
    phone.get_by_label("jaarverslag").check()
    phone.get_by_role("button", name="Vastleggen").click()
    expect(phone.get_by_text("vul de naam in van de ouder of voogd")).to_be_visible()
    assert not Consent.objects.exists()
    _fits(phone)
    axe(phone)
    phone.get_by_label("Gegeven door (ouder of voogd)").fill("Mieke Peeters")
    phone.get_by_role("button", name="Vastleggen").click()
    expect(phone.get_by_role("heading", name="Lena (10 jaar)", level=1)).to_be_visible()
    expect(phone.get_by_text("Mieke Peeters").first).to_be_visible()
    _fits(phone)
    axe(phone)

    consent = Consent.objects.get()
    assert consent.is_minor and consent.website and consent.annual_report

    log_in(laptop, team_member, live_server.url)
    laptop.goto(reverse("publishing:consents") + "?q=lena")
    expect(laptop.get_by_role("link", name="Lena (10 jaar)")).to_be_visible()
    axe(laptop)
    laptop.get_by_role("link", name="Lena (10 jaar)").click()
    laptop.get_by_role("link", name="Deze toestemming intrekken").click()
    consent.refresh_from_db()
    assert consent.revoked_at is None  # the page only asks
    laptop.get_by_label("Wie trekt ze in").fill("Mieke Peeters")
    axe(laptop)
    laptop.get_by_role("button", name="Intrekken").click()
    expect(laptop.get_by_text("is ingetrokken").first).to_be_visible()
    consent.refresh_from_db()
    assert consent.revoked_at is not None and consent.revoked_by_name == "Mieke Peeters"
    _fits(laptop)
