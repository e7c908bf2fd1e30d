"""The reconfirmation mail's one-tap link on a phone (issue 20): it opens without a login, shows
one big button, and the tap confirms the place; "Release my place" frees it for the waiting
list, whose first person gets the place offered."""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from som.events import services
from som.events.links import place_token
from som.events.models import Event, Registration
from som.events.services import reconfirmation
from som.events.tests.factories import make_event
from som.network.tests.factories import make_person

pytestmark = pytest.mark.browser


@pytest.fixture
def asked(db: Any) -> list[Registration]:
    """A full study day in five days: two places, asked two days ago; one person waiting."""
    starts = timezone.now() + datetime.timedelta(days=5)
    event = make_event(
        kind=Event.Kind.COMMUNITY,
        title="Intervisiedag",
        capacity=2,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
    )
    registrations = [services.register(event=event, person=make_person()) for _ in range(3)]
    for number, registration in enumerate(registrations):
        Registration.objects.filter(pk=registration.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=10, minutes=-number)
        )
    assert reconfirmation.ask_reconfirmation() == 2
    return registrations


def _place_url(registration: Registration, query: str = "") -> str:
    with translation.override("nl"):
        return reverse("events:place", kwargs={"token": place_token(registration)}) + query


def test_the_one_tap_link_on_a_phone_confirms_the_place(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    asked: list[Registration],
) -> None:
    registration = asked[0]
    phone.goto(live_server.url + _place_url(registration))
    button = phone.get_by_role("button", name="Ik kom")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] >= 48  # one big button
    screenshot(phone, "reconfirm-phone")
    axe(phone)
    button.click()
    expect(phone.locator(".notice--success")).to_contain_text("bevestigd")
    registration.refresh_from_db()
    assert registration.reconfirmed_at is not None and registration.status == "registered"
    screenshot(phone, "reconfirm-done-phone")


def test_release_my_place_on_a_phone_offers_it_to_the_first_waiting(
    phone: Page,
    live_server: Any,
    screenshot: Callable[[Page, str], Path],
    asked: list[Registration],
) -> None:
    holder, _other, waiting = asked
    phone.goto(live_server.url + _place_url(holder, "?do=release"))
    phone.get_by_role("button", name="Mijn plaats vrijgeven").click()
    expect(phone.locator(".notice--success")).to_be_visible()
    screenshot(phone, "reconfirm-released-phone")
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == "cancelled"
    assert waiting.status == "registered" and waiting.offer_expires_at is not None
    phone.goto(live_server.url + _place_url(waiting))
    expect(phone.get_by_role("button", name="Ja, ik neem de plaats")).to_be_visible()
    screenshot(phone, "offer-phone")
