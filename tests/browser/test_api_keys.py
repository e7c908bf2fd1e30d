"""Mijn SOM's API keys on a phone and a laptop, in Dutch and English: a teacher clicks from Mijn
SOM to the page, makes a key for the calendar (shown once), and revokes it. Axe checks each
state; the screenshots go to $SOM_SCREENSHOTS."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from som.accounts.models import ApiToken, Person
from som.accounts.services import create_api_token, person_for_token
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def test_a_teacher_makes_a_key_from_my_som_and_revokes_it_on_a_phone(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    teacher: Person,
) -> None:
    create_api_token(person=teacher, name="Oud script", scopes=["read", "vote"])
    log_in(phone, teacher, live_server.url)
    phone.goto("/mijn-som/")
    phone.get_by_role("link", name="API-sleutels").click()
    expect(phone.get_by_role("heading", name="API-sleutels", level=1)).to_be_visible()
    axe(phone)
    screenshot(phone, "api-keys-nl-390-list")

    phone.get_by_label("Waarvoor dient de sleutel?").fill("Kalender van onze school")
    phone.get_by_label("90 dagen").check()
    phone.get_by_role("button", name="De sleutel maken").click()
    key = phone.get_by_label("De sleutel", exact=True)
    expect(key).to_be_visible()
    secret = key.input_value()
    assert person_for_token(secret) == teacher
    made = ApiToken.objects.get(name="Kalender van onze school")
    assert made.scope_list == ["read"]
    axe(phone)
    screenshot(phone, "api-keys-nl-390-made")

    phone.goto("/mijn-account/api-sleutels/")
    expect(phone.get_by_label("De sleutel", exact=True)).to_have_count(0)  # shown once
    row = phone.get_by_role("row").filter(has_text="Kalender van onze school")
    row.get_by_role("button", name="Intrekken").click()
    expect(phone.get_by_text("is ingetrokken")).to_be_visible()
    assert person_for_token(secret) is None
    screenshot(phone, "api-keys-nl-390-revoked")


def test_the_team_sees_the_door_scope_on_a_laptop_in_english(
    laptop: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    team_member: Person,
) -> None:
    create_api_token(person=team_member, name="Scanner deur", scopes=["checkin", "read"])
    log_in(laptop, team_member, live_server.url)
    laptop.goto("/en/my-account/api-keys/")
    expect(laptop.get_by_label("Check tickets in at the door (the team)")).to_be_visible()
    expect(laptop.get_by_role("row").filter(has_text="Scanner deur")).to_be_visible()
    axe(laptop)
    screenshot(laptop, "api-keys-en-1280")
    laptop.goto("/mijn-account/api-sleutels/")
    screenshot(laptop, "api-keys-nl-1280")
    phone_sized = laptop
    phone_sized.set_viewport_size({"width": 390, "height": 844})
    phone_sized.goto("/en/my-account/api-keys/")
    screenshot(phone_sized, "api-keys-en-390")
