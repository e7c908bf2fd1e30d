"""Check-in at the door on a phone: found by name, a green answer; the same person again on a
second phone, a red one. And the same without JavaScript, by ticket code."""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.events import services
from som.events.models import Event, Registration
from som.events.tests.factories import make_event
from tests.browser.conftest import PHONE
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def event(team_member: Person) -> Event:
    """Starting in half an hour: registration still open, the doors already open."""
    starts = timezone.now() + datetime.timedelta(minutes=30)
    return make_event(
        title="Open SOM-raad",
        capacity=50,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
    )


@pytest.fixture
def registration(event: Event, teacher: Person) -> Registration:
    return services.register(event=event, person=teacher)


def _url(name: str, **kwargs: Any) -> str:
    """The Dutch address: the browser asks for Dutch (nl-BE), the default language."""
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs)


def _door(event: Event) -> str:
    return _url("events:door", pk=event.pk)


def _search(page: Page, event: Event, name: str) -> None:
    page.goto(_door(event))
    page.get_by_role("searchbox").fill(name)
    page.locator("form.door-search button[type=submit]").click()
    expect(page.locator(".door-results")).to_contain_text("Lotte Leraar")


def test_check_in_by_name_on_two_phones_gives_green_then_red(
    phone: Page,
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    event: Event,
    registration: Registration,
    team_member: Person,
) -> None:
    second_phone = new_page(PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    for page in (phone, second_phone):
        log_in(page, team_member, live_server.url)
        _search(page, event, "lotte")
    axe(phone)

    phone.locator(".door-results").get_by_role("button", name="Lotte Leraar").click()
    answer = phone.locator("#door-answer .door-answer")
    expect(answer).to_have_attribute("data-code", "checked_in")
    expect(answer).to_have_class("door-answer door-answer--ok")
    expect(answer).to_contain_text("Lotte Leraar")
    expect(answer).to_contain_text("Basisschool De Linde")
    expect(phone.locator("#door-checked-in")).to_have_text("1")
    expect(phone.get_by_role("button", name="Lotte Leraar")).to_have_count(0)
    screenshot(phone, "door-green")
    axe(phone)

    # The second phone still shows the button: the server says she is already in.
    second_phone.locator(".door-results").get_by_role("button", name="Lotte Leraar").click()
    red = second_phone.locator("#door-answer .door-answer")
    expect(red).to_have_attribute("data-code", "already_checked_in")
    expect(red).to_have_class("door-answer door-answer--no")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    expect(red).to_contain_text(timezone.localtime(registration.checked_in_at).strftime("%H:%M"))
    screenshot(second_phone, "door-red")
    axe(second_phone)


def test_check_in_by_ticket_code_without_javascript(
    no_js: Page, live_server: Any, event: Event, registration: Registration, team_member: Person
) -> None:
    log_in(no_js, team_member, live_server.url)
    no_js.goto(_door(event))
    expect(no_js.locator("#door-scan-toggle")).to_be_hidden()  # no camera without the script
    for expected in ("checked_in", "already_checked_in"):
        no_js.locator("input[name=ticket_code]").fill(registration.ticket_code)
        no_js.locator("#door-ticket-form button[type=submit]").click()
        expect(no_js.locator("#door-answer .door-answer")).to_have_attribute("data-code", expected)
    expect(no_js.locator("#door-checked-in")).to_have_text("1")


def test_the_attendance_pages_are_accessible(
    laptop: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    event: Event,
    registration: Registration,
    team_member: Person,
) -> None:
    services.check_in(event=event, ticket_code=registration.ticket_code, by=team_member)
    log_in(laptop, team_member, live_server.url)
    for path, name in (
        (_url("events:attendance"), "attendance"),
        (_url("events:attendance_event", pk=event.pk), "attendance-event"),
    ):
        response = laptop.goto(path)
        assert response is not None and response.status == 200
        screenshot(laptop, name)
        axe(laptop)
