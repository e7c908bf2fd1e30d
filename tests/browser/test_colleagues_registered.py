"""Issue 20: a school's contact person sees on the event's page which colleagues are registered
or waiting, and cancels for one of them, on a phone and on a laptop."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.events import services
from som.events.models import Registration
from som.events.tests.factories import make_event
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_person
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def test_a_contact_sees_the_colleagues_registered_and_cancels_for_one(
    phone: Page,
    laptop: Page,
    live_server: Any,
    school: Any,
    school_contact: Person,
    teacher: Person,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    event = make_event(title="Netwerkdag Leuven", capacity=1)
    colleague = make_person(email="collega@delinde.be", full_name="Cas Collega")
    affiliate(colleague, school, Affiliation.Role.STAFF)
    services.register(event=event, person=teacher)
    services.register(event=event, person=colleague)  # the waiting list
    with translation.override("en"):
        page_url = reverse("events:detail", kwargs={"slug": event.slug})

    log_in(laptop, school_contact, live_server.url)
    laptop.goto(page_url)
    box = laptop.locator(".card", has=laptop.locator("#colleagues-registered-title"))
    expect(box).to_contain_text("Lotte Leraar")
    expect(box).to_contain_text("Cas Collega")
    expect(box).to_contain_text("on the waiting list")
    axe(laptop)
    screenshot(laptop, "colleagues-registered-laptop")

    log_in(phone, school_contact, live_server.url)
    phone.goto(page_url)
    screenshot(phone, "colleagues-registered-phone")
    phone.get_by_role("button", name="Cancel for Lotte Leraar").click()
    expect(phone.get_by_text("The registration of Lotte Leraar")).to_be_visible()
    assert Registration.objects.get(event=event, person=teacher).status == "cancelled"
    # The place went to the waiting list: Cas is registered (or offered the place) now.
    assert Registration.objects.get(event=event, person=colleague).status == "registered"
    expect(phone.locator("#colleagues-registered-title")).to_be_visible()
    screenshot(phone, "colleagues-registered-phone-after")
