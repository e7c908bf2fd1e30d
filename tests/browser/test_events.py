"""Network days in a real browser: registering on a phone, the waiting list moving up, the mail's
cancel link, the ticket offline, and the accessibility of the calendar, event and ticket pages."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.events import services
from som.events.links import cancel_token
from som.events.models import Event, ProgrammeItem, Registration
from som.events.tests.factories import make_event
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(f"events:{name}", kwargs=kwargs)


def network_day(**overrides: Any) -> Event:
    event = make_event(**overrides)
    ProgrammeItem.objects.create(
        event=event,
        kind=ProgrammeItem.Kind.KEYNOTE,
        title="Samen onderwijs maken",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
        room="Aula",
        speakers="Prof. Peeters",
    )
    return event


def test_a_teacher_registers_on_a_phone_in_two_clicks(
    phone: Page, live_server: Any, teacher: Person, axe: Callable[[Page], None]
) -> None:
    event = network_day()
    log_in(phone, teacher, live_server.url)
    phone.goto(url("detail", slug=event.slug))
    expect(phone.get_by_role("heading", level=1)).to_have_text(event.title)
    axe(phone)

    phone.get_by_role("link", name="Register", exact=True).click()
    phone.get_by_role("button", name="Confirm my registration").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("You are registered")
    assert Registration.objects.get(event=event, person=teacher).status == "registered"
    phone.get_by_role("link", name="Show my ticket").click()
    expect(phone.locator(".ticket__qr svg")).to_be_visible()


def test_the_waiting_list_moves_up_when_someone_cancels(
    phone: Page, laptop: Page, live_server: Any, teacher: Person, expert: Person
) -> None:
    event = network_day(capacity=1)
    services.register(event=event, person=teacher)
    services.register(event=event, person=expert)
    log_in(phone, expert, live_server.url)
    phone.goto(url("detail", slug=event.slug))
    expect(phone.get_by_text("You are on the waiting list (number 1)")).to_be_visible()

    log_in(laptop, teacher, live_server.url)
    laptop.goto(url("mine"))
    laptop.get_by_role("link", name=f"Cancel {event.title}").click()
    laptop.get_by_role("button", name="Yes, cancel my registration").click()
    expect(laptop.get_by_text("is cancelled")).to_be_visible()

    phone.reload()
    expect(phone.get_by_text("You are registered.")).to_be_visible()
    expect(phone.get_by_role("link", name="Show my ticket")).to_be_visible()


def test_the_mail_link_cancels_only_when_the_button_is_pressed(
    phone: Page, teacher: Person
) -> None:
    registration = services.register(event=network_day(), person=teacher)
    phone.goto(url("cancel_link", token=cancel_token(registration)))
    button = phone.get_by_role("button", name="I can't come after all")
    expect(button).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == "registered"  # opening the link changes nothing

    button.click()
    expect(phone.get_by_text("Your registration is cancelled")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_the_ticket_opens_offline_once_loaded(
    phone: Page, teacher: Person, axe: Callable[[Page], None]
) -> None:
    event = network_day()
    registration = services.register(event=event, person=teacher)
    phone.goto(url("ticket", code=registration.ticket_code))
    expect(phone.locator("html[data-ticket-saved='true']")).to_have_count(1)
    axe(phone)

    phone.context.set_offline(True)
    try:
        response = phone.reload()
        expect(phone.get_by_role("heading", level=1)).to_have_text(event.title)
        expect(phone.locator(".ticket__qr svg")).to_be_visible()
        expect(phone.get_by_text("You are offline")).to_be_visible()
        assert response is not None and response.headers.get("x-som-offline") == "1"
    finally:
        phone.context.set_offline(False)


@pytest.mark.parametrize("query", ["", "?view=month"])
def test_the_calendar_is_accessible_and_fits_a_phone(
    phone: Page, axe: Callable[[Page], None], query: str
) -> None:
    network_day(title="SOM-netwerkdag voorjaar")
    now = timezone.now()  # started a minute ago: in this month's view whatever the hour
    make_event(
        title="Vandaag nog",
        starts_at=now - datetime.timedelta(minutes=1),
        ends_at=now + datetime.timedelta(hours=1),
    )
    phone.goto(url("calendar") + query)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Calendar")
    # Around midnight the event spans two days and the month shows it on both.
    expect(phone.get_by_role("link", name="Vandaag nog").first).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the calendar is {width}px wide on a 390px phone"
    axe(phone)
