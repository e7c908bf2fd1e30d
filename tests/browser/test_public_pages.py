"""The public pages in a real browser: on a phone, in both languages, accessible, and usable
without JavaScript."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    ("/", "nl"),
    ("/over-som/", "nl"),
    ("/word-lid/", "nl"),
    ("/contact/", "nl"),
    ("/en/", "en"),
    ("/en/about-som/", "en"),
    ("/en/become-a-member/", "en"),
    ("/en/contact/", "en"),
    ("/accounts/login/", "nl"),
]


@pytest.mark.parametrize(("path", "language"), PUBLIC_PAGES)
def test_public_page_works_on_a_phone(
    phone: Page,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    path: str,
    language: str,
) -> None:
    response = phone.goto(path)

    assert response is not None
    assert response.status == 200, f"{path} answered {response.status}"
    assert phone.get_attribute("html", "lang") == language
    screenshot(phone, f"phone{path}")
    axe(phone)


@pytest.mark.parametrize("path", ["/word-lid/", "/en/become-a-member/"])
def test_join_page_shows_the_tariffs_from_the_database(phone: Page, path: str) -> None:
    response = phone.goto(path)

    assert response is not None
    assert response.status == 200, f"{path} answered {response.status}"
    text = phone.locator("main").inner_text()
    # \s also matches the no-break space a translation may put between sign and amount.
    assert re.search(r"€\s*100\b", text), "the standard tariff (€ 100) is missing"
    assert re.search(r"€\s*50\b", text), "the reduced tariff (€ 50) is missing"


def test_home_page_works_without_javascript(no_js: Page) -> None:
    response = no_js.goto("/")

    assert response is not None
    assert response.status == 200
    expect(no_js.locator("main h1").first).to_be_visible()


def test_contact_form_works_without_javascript(
    no_js: Page, mailoutbox: list, screenshot: Callable[[Page, str], Path]
) -> None:
    no_js.goto("/contact/")

    form = no_js.locator("main form[method=post]")
    form.locator("[name=name]").fill("Lotte Leraar")
    form.locator("[name=email]").fill("leraar@delinde.be")
    form.locator("[name=subject]").fill("Netwerkdag")
    form.locator("[name=message]").fill("Kunnen we met ons hele team komen?")
    form.locator("[type=submit]").click()

    with translation.override("nl"):
        thanks = translation.gettext("Thank you! We will answer you soon.")
    expect(no_js.locator(".messages")).to_contain_text(thanks)
    screenshot(no_js, "contact-sent-without-js")
    assert [settings.SOM_TEAM_EMAIL] in [message.to for message in mailoutbox]
