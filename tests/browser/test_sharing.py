"""Sharing in a real browser: the share control under a story (plain links without a script;
with one, "copy link" copies the address), nothing loaded from a social network, and the
team's to-post list (copy the text, mark it posted, undo) on a phone and a laptop."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Request, expect

from som.publishing.tests.story_world import published_story
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser

SOCIAL = ("linkedin", "facebook", "twitter", "x.com", "fbcdn", "licdn")


def _watch(page: Page) -> list[str]:
    asked: list[str] = []

    def watch(request: Request) -> None:
        if any(host in request.url for host in SOCIAL):
            asked.append(request.url)

    page.on("request", watch)
    return asked


def test_the_share_control_copies_the_link_and_loads_nothing_from_a_network(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    story = published_story("Samen koken in de leraarskamer")
    asked = _watch(phone)
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.goto(live_server.url + story.url)

    share = phone.get_by_role("region", name="Delen")
    expect(share.get_by_role("link", name="LinkedIn (deel op LinkedIn")).to_be_visible()
    expect(share.get_by_role("link", name="Facebook (deel op Facebook")).to_be_visible()
    copy = share.get_by_role("button", name="Kopieer link")
    expect(copy).to_be_visible()
    axe(phone)
    screenshot(phone, "share-control-phone")

    copy.click()
    expect(share.get_by_role("status")).to_have_text("Link gekopieerd")
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(story.url) and copied.startswith("http")
    assert asked == []


def test_without_a_script_the_share_control_is_its_links(no_js: Page, live_server: Any) -> None:
    story = published_story("Samen koken in de leraarskamer")
    no_js.goto(live_server.url + story.url)
    share = no_js.get_by_role("region", name="Delen")
    expect(share.get_by_role("link")).to_have_count(3)
    expect(share.get_by_role("button")).to_have_count(0)
    mail = share.get_by_role("link", name="Per e-mail")
    assert (mail.get_attribute("href") or "").startswith("mailto:?subject=Samen%20koken")


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_team_copies_a_post_marks_it_posted_and_undoes_it(
    size: str,
    request: pytest.FixtureRequest,
    live_server: Any,
    team_member: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    page: Page = request.getfixturevalue(size)
    published_story("Samen koken in de leraarskamer")
    log_in(page, team_member, live_server.url)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + reverse("publishing:to_post"))

    expect(page.get_by_role("heading", name="Te posten", exact=True)).to_be_visible()
    text = page.get_by_label("Tekst voor LinkedIn")
    expect(text).to_contain_text("#SOMLeuven")
    axe(page)
    screenshot(page, f"to-post-{size}")

    page.get_by_role("button", name="Kopieer tekst").click()
    expect(page.get_by_text("Tekst gekopieerd")).to_be_visible()
    assert "Nieuw verhaal" in page.evaluate("navigator.clipboard.readText()")

    page.get_by_role("button", name="Markeer als gepost").click()
    expect(page.get_by_text("gepost op")).to_contain_text("Tine Team")
    expect(page.get_by_text("Deze week 1 post als gepost gemarkeerd.")).to_be_visible()
    axe(page)
    screenshot(page, f"to-post-posted-{size}")

    page.get_by_role("button", name="Niet gepost").click()
    expect(page.get_by_role("button", name="Markeer als gepost")).to_be_visible()
