"""A partner proposes an item for the calendar on a phone (with its poster), the team accepts it
on a laptop, and the calendar shows it, "van <partner>", with its image and alt text."""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.events.models import Event
from som.network.models import Organisation
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs)


def _poster(path: Path) -> Path:
    picture = Image.new("RGB", (900, 500), (27, 94, 120))
    picture.paste((232, 141, 52), (500, 100, 800, 400))
    picture.save(path, "JPEG")
    return path


def test_a_partner_proposes_on_a_phone_and_the_team_accepts(
    phone: Page,
    laptop: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    teacher: Person,
    school: Organisation,
    team_member: Person,
    tmp_path: Path,
    settings: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # The partner, on a phone: from the calendar to the form.
    log_in(phone, teacher, live_server.url)
    phone.goto(_url("events:calendar"))
    phone.get_by_role("link", name="Stel het voor").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Een item voor de kalender voorstellen"
    )
    day = timezone.localdate() + datetime.timedelta(days=21)
    phone.locator("#id_title").fill("Open lesdag wiskunde")
    phone.locator("#id_day").fill(day.isoformat())
    phone.locator("#id_starts").fill("14:00")
    phone.locator("#id_ends").fill("16:30")
    phone.locator("#id_venue_name").fill("Basisschool De Linde")
    phone.locator("#id_external_url").fill("https://delinde.example/open-lesdag")
    phone.locator("#id_target_audience").fill("Leraren wiskunde lager onderwijs")
    phone.locator("#id_image").set_input_files(str(_poster(tmp_path / "affiche.jpg")))
    phone.locator("#id_image_alt").fill("Affiche van de open lesdag")
    screenshot(phone, "partner-propose-form-390")
    axe(phone)
    phone.get_by_role("button", name="Aan het team voorstellen").click()
    expect(phone.locator("#mine-title")).to_be_visible()
    expect(phone.get_by_text("Open lesdag wiskunde", exact=True)).to_be_visible()
    expect(phone.get_by_text("wacht op het team").first).to_be_visible()
    screenshot(phone, "partner-proposed-390")
    event = Event.objects.get(title="Open lesdag wiskunde")
    assert event.review == Event.Review.SUBMITTED and not event.is_published

    # The team, on a laptop: the list, then accept.
    log_in(laptop, team_member, live_server.url)
    laptop.goto(_url("reports:team_home"))
    laptop.get_by_role("link", name="Items van partners voor de kalender").first.click()
    expect(laptop.get_by_role("heading", name="Open lesdag wiskunde")).to_be_visible()
    screenshot(laptop, "partner-items-team-1280")
    axe(laptop)
    laptop.get_by_role("button", name="Aanvaarden").first.click()
    expect(laptop.get_by_text("Open lesdag wiskunde staat in de kalender.")).to_be_visible()
    event.refresh_from_db()
    assert event.is_published

    # The calendar shows it, on both.
    for page, width in ((laptop, 1280), (phone, 390)):
        page.goto(_url("events:calendar"))
        card = page.locator(".event-card", has_text="Open lesdag wiskunde")
        expect(card).to_contain_text("van Basisschool De Linde")
        image = card.get_by_role("img", name="Affiche van de open lesdag")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.naturalWidth") > 0
        screenshot(page, f"partner-item-calendar-{width}")
    axe(phone)
    phone.locator(".event-card", has_text="Open lesdag wiskunde").get_by_role("link").first.click()
    expect(phone.get_by_text("van Basisschool De Linde")).to_be_visible()
    screenshot(phone, "partner-item-page-390")
