"""What a person sees when a limit says no: the site's own page for a spent rate limit, the wait
after failed logins, and the contact form's refusal; on a phone and a laptop, in Dutch and
English, accessible."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from som.accounts.models import Person

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"


def _try_to_log_in(page: Page, email: str, password: str, english: bool = False) -> None:
    page.get_by_label("Email" if english else "E-mail").fill(email)
    page.get_by_label("Password" if english else "Wachtwoord").fill(password)
    page.get_by_role("button", name="Sign In" if english else "Aanmelden").click()


def _spend_the_login_limit(page: Page, settings: Any, english: bool) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    page.goto(f"{'/en' if english else ''}/accounts/login/")
    _try_to_log_in(page, "iemand@example.org", "wrong", english)
    _try_to_log_in(page, "iemand@example.org", "wrong", english)


def test_a_spent_login_limit_shows_the_sites_page_on_a_phone_in_dutch(
    phone: Page,
    settings: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    _spend_the_login_limit(phone, settings, english=False)
    expect(phone.get_by_role("heading", name="Te veel pogingen op korte tijd")).to_be_visible()
    expect(phone.locator(".site-header")).to_be_visible()
    axe(phone)
    screenshot(phone, "429-phone-nl")


def test_a_spent_login_limit_shows_the_sites_page_on_a_laptop_in_english(
    laptop: Page,
    settings: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    _spend_the_login_limit(laptop, settings, english=True)
    expect(laptop.get_by_role("heading", name="Too many attempts in a short time")).to_be_visible()
    expect(laptop.locator(".site-header")).to_be_visible()
    axe(laptop)
    screenshot(laptop, "429-laptop-en")


def test_failed_logins_say_how_long_to_wait(
    phone: Page,
    teacher: Person,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    phone.goto("/accounts/login/")
    for _ in range(5):
        _try_to_log_in(phone, teacher.email, "wrong")
    _try_to_log_in(phone, teacher.email, PASSWORD)
    expect(phone.get_by_text("Te veel mislukte aanmeldingen voor dit account")).to_be_visible()
    axe(phone)
    screenshot(phone, "login-wait-phone-nl")


def test_the_contact_form_says_when_to_try_again_and_keeps_the_message(
    phone: Page,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    for n in range(6):
        phone.goto("/contact/")
        phone.get_by_label("Je naam").fill("Ann")
        phone.get_by_label("Je e-mailadres").fill("ann@example.org")
        phone.get_by_label("Onderwerp").fill("Lidmaatschap")
        phone.get_by_label("Je bericht").fill(f"Bericht {n}")
        phone.get_by_role("button", name="Bericht versturen").click()
    expect(phone.get_by_text("probeer het over een uur opnieuw")).to_be_visible()
    expect(phone.get_by_label("Je bericht")).to_have_value("Bericht 5")
    axe(phone)
    screenshot(phone, "contact-limit-phone-nl")
