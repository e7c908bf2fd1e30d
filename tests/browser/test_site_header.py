"""The header on a phone: a member's own links fold under "Mijn SOM" (one line instead of three);
on a laptop they stay in the bar."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def test_a_member_opens_their_links_under_my_som_on_a_phone(
    phone: Page, teacher: Person, live_server: Any, axe: Any
) -> None:
    log_in(phone, teacher, live_server.url)
    phone.goto(live_server.url + "/agenda/")
    log_out = phone.get_by_role("link", name="Afmelden")
    expect(log_out).to_be_hidden()
    axe(phone)

    phone.locator("summary", has_text="Mijn SOM").click()
    expect(log_out).to_be_visible()
    phone.get_by_role("link", name="Mijn labo's").click()
    expect(phone).to_have_url(live_server.url + "/labos/mijn/")


def test_a_member_sees_their_links_in_the_bar_on_a_laptop(
    laptop: Page, teacher: Person, live_server: Any
) -> None:
    log_in(laptop, teacher, live_server.url)
    laptop.goto(live_server.url + "/en/events/")
    expect(laptop.locator("summary", has_text="My SOM")).to_be_hidden()
    expect(laptop.get_by_role("link", name="My SOM")).to_be_visible()
    expect(laptop.get_by_role("link", name="Log out")).to_be_visible()
