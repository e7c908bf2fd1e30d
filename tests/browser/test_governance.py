"""The general assembly in the browser: the representative votes on a phone (390x844), the chair
runs the vote from a laptop, the projector shows the turnout and then the result with the rule in
plain words. Axe checks every page.

The general assembly's fixtures come from som/governance/tests/conftest.py, imported by name so
pytest finds them here; the test functions then take them as arguments (hence F811)."""
# ruff: noqa: F811

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.governance.models import Meeting
from som.governance.services import votes
from som.governance.tests.conftest import (  # noqa: F401 (fixtures)
    Member,
    assembly,
    convened,
    in_session,
    item,
    meeting,
    members,
    secretary,
)
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser
PROJECTOR = {"width": 1920, "height": 1080}


def _url(name: str, target: Meeting) -> str:
    with translation.override("nl"):
        return reverse(f"governance:{name}", kwargs={"pk": target.pk})


@pytest.fixture
def voting(in_session: Callable[..., Meeting], members: list[Member], secretary: Person) -> Meeting:
    """Four members present, the accounts' vote open."""
    started = in_session(members[:4])
    votes.open_vote(item=item(started, "accounts"), by=secretary)
    return started


def test_the_representative_votes_on_a_phone_and_the_chair_closes_the_vote(
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    voting: Meeting,
    members: list[Member],
    secretary: Person,
) -> None:
    projector = new_page(PROJECTOR)
    log_in(projector, secretary, live_server.url)
    projector.goto(_url("projector", voting))
    expect(projector.locator("#screen-voters")).to_have_text("0")
    expect(projector.locator("#screen-attendees")).to_have_text("4")
    axe(projector)

    phone = new_page(PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    log_in(phone, members[0].representative, live_server.url)
    phone.goto(_url("vote", voting))
    expect(phone.locator(".ballot[data-state=open]")).to_be_visible()
    axe(phone)
    screenshot(phone, "governance-vote-phone")
    poll = item(voting, "accounts").poll
    assert poll is not None
    yes = poll.options.get(reference="yes").pk
    phone.locator(f"label[for=choice-{yes}]").click()
    phone.locator(".ballot-submit").click()
    expect(phone.locator("[data-code=counted]")).to_be_visible()
    axe(phone)
    phone.goto(_url("vote", voting))  # coming back later: voted, and no receipt shown again
    expect(phone.locator("[data-code=already_voted]")).to_be_visible()
    # The projector polls the turnout: the count climbs without a reload.
    expect(projector.locator("#screen-voters")).to_have_text("1", timeout=8000)

    chair = new_page(LAPTOP)
    log_in(chair, secretary, live_server.url)
    chair.goto(_url("chair", voting))
    expect(chair.locator("#open-title")).to_be_visible()
    axe(chair)
    screenshot(chair, "governance-chair-laptop")
    chair.locator("button[value=close]").click()
    expect(chair.locator(".messages__success")).to_be_visible()
    axe(chair)

    # The projector notices the closed vote and shows the result, the rule and the verdict.
    expect(projector.locator("#verdict")).to_be_visible(timeout=8000)
    expect(projector.locator(".screen__verdict--adopted")).to_be_visible()
    expect(projector.locator("#rule")).not_to_be_empty()
    axe(projector)
    screenshot(projector, "governance-projector")


def test_a_member_not_present_is_told_why_they_cannot_vote(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    voting: Meeting,
    members: list[Member],
) -> None:
    log_in(phone, members[5].representative, live_server.url)
    phone.goto(_url("vote", voting))
    expect(phone.locator("[data-code=not_in_electorate]")).to_be_visible()
    axe(phone)


def test_the_vote_works_without_javascript(
    no_js: Page, live_server: Any, voting: Meeting, members: list[Member]
) -> None:
    log_in(no_js, members[1].representative, live_server.url)
    no_js.goto(_url("vote", voting))
    no_js.locator(".ballot-submit").click()  # nothing chosen: refused with a message
    expect(no_js.locator(".ballot-answer--error")).to_be_visible()
    no_js.locator(".ballot-option input").first.check()
    no_js.locator(".ballot-submit").click()
    expect(no_js.locator("[data-code=counted]")).to_be_visible()


def test_the_meeting_page_on_a_phone_with_proxy_form(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    convened: Meeting,
    members: list[Member],
) -> None:
    log_in(phone, members[0].representative, live_server.url)
    phone.goto(_url("meeting", convened))
    expect(phone.locator("#agenda-title")).to_be_visible()
    axe(phone)
    # Nothing wider than the phone: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.locator("#id_holder").select_option(str(members[2].organisation.pk))
    phone.locator("#give-proxy").click()
    expect(phone.locator(".messages__success")).to_be_visible()
    axe(phone)
    assert convened.proxies.filter(holder=members[2].organisation).count() == 1
