"""A newcomer on a phone follows /demo/ (issue 16, section 6): from the teacher's mails to the
ticket of today's network day, the team checks the teacher in at the door with it, the teacher
votes, on the demo as `load_demo` builds it (about two minutes); and somebody finishes a login
by code with the code from the mailbox."""

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.accounts.services import create_person
from som.demo.selection import TEACHER
from tests.browser.conftest import PHONE
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(settings: Any, live_server: Any) -> None:
    settings.SOM_ENV = "demo"
    settings.EMAIL_BACKEND = "som.demo.mailbox.EmailBackend"
    settings.SITE_URL = live_server.url  # the links in the mails lead here
    call_command("load_demo", "--no-logins", stdout=io.StringIO())


def _card(page: Page, key: str) -> Any:
    return page.locator(f"li[aria-labelledby=persona-{key}]")


def _step_links(page: Page, key: str, step: int) -> Any:
    return _card(page, key).locator(".demo-steps > li").nth(step).locator(".demo-steps__links a")


def test_the_teacher_gets_in_with_the_ticket_from_the_mailbox_and_votes(
    demo: None,
    phone: Page,
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    phone.goto("/demo/")
    expect(phone.locator("h1")).to_be_visible()
    expect(phone.locator(".demo-persona")).to_have_count(7)
    axe(phone)
    screenshot(phone, "demo-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The teacher's mails: the ticket for today's network day, its link to the ticket page.
    _card(phone, "teacher").locator("a[href*='/demo/mail/?to=']").click()
    phone.locator("a.demo-mails__subject", has_text="SOM-netwerkdag").first.click()
    expect(phone.locator(".demo-mail__attachments img")).to_be_visible()
    axe(phone)
    screenshot(phone, "demo-mail-ticket-phone")
    phone.locator(f".demo-mail__body a[href^='{live_server.url}']").first.click()
    match = re.search(r"/ticket/([^/]+)/", phone.url)
    assert match, phone.url
    code = match.group(1)

    # The team member at the door, from the team's card on /demo/.
    door = new_page(PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    log_in(door, Person.objects.get(email="team@som-leuven.demo"), live_server.url)
    door.goto("/demo/")
    _step_links(door, "team", 0).first.click()  # "The door"
    door.locator("#door-ticket-form input[name=ticket_code]").fill(code)
    door.locator(".door-ticket__submit").click()
    answer = door.locator("#door-answer .door-answer")
    expect(answer).to_have_attribute("data-code", "checked_in")
    expect(answer).to_contain_text("Youssef El Amrani")

    # The teacher votes, from the teacher's card.
    log_in(phone, Person.objects.get(email=TEACHER), live_server.url)
    phone.goto("/demo/")
    _step_links(phone, "teacher", 0).nth(1).click()  # "The ballot"
    phone.locator("input[type=checkbox]").first.check()
    phone.locator(".ballot-submit").click()
    expect(phone.locator("#ballot-receipt")).not_to_be_empty()


@pytest.fixture
def demo_mailbox(settings: Any) -> None:
    """The demo's settings without its data: the mailbox is all this test needs."""
    settings.SOM_ENV = "demo"
    settings.EMAIL_BACKEND = "som.demo.mailbox.EmailBackend"


def test_a_login_by_code_is_finished_with_the_code_from_the_mailbox(
    demo_mailbox: None, phone: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    create_person(email="trekker@ucll.demo", full_name="Lien Wouters", email_verified=True)
    phone.goto("/accounts/login/code/")
    phone.locator("input[name=email]").fill("trekker@ucll.demo")
    phone.locator("form button[type=submit]").first.click()
    expect(phone.locator("input[name=code]")).to_be_visible()

    mailbox = phone.context.new_page()
    mailbox.goto("/demo/")
    mailbox.locator(".demo-banner a[href='/demo/mail/']").click()
    mailbox.locator("a.demo-mails__subject").first.click()
    body = mailbox.locator(".demo-mail__body").inner_text()
    screenshot(mailbox, "demo-mail-login-code-phone")
    found = re.search(r"^\s*([A-Z0-9]{4,}(?:-[A-Z0-9]+)*)\s*$", body, re.MULTILINE)
    assert found, body

    phone.locator("input[name=code]").fill(found.group(1))
    phone.locator("form button[type=submit]").first.click()
    expect(
        phone.locator("a[href*='/accounts/logout/'], form[action*='/accounts/logout/']").first
    ).to_be_attached()
