"""The screens a room reads from a projector (issue 16), at 1920x1080 and 1280x720: the live
vote, the selection result and the general assembly's screen fill the screen with no site header
or footer and no scrolling, the ballot's address breaks only after a slash, the turnout stays on
one line, selected / not selected are large, and a tie is explained in a sentence.

The general assembly's fixtures come from som/governance/tests/conftest.py, imported by name."""
# ruff: noqa: F811

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, ViewportSize, expect

from som.accounts.models import Person
from som.events.tests.factories import make_event
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
from som.labs.models import Call
from som.labs.services import selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call, vote
from som.network.tests.factories import make_person
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser
PROJECTORS: list[ViewportSize] = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]
projectors = pytest.mark.parametrize("size", PROJECTORS, ids=["1920x1080", "1280x720"])


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def assert_fills_the_screen(page: Page, size: ViewportSize) -> None:
    expect(page.locator(".site-header")).to_have_count(0)
    expect(page.locator(".site-footer")).to_have_count(0)
    width, height = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert width <= size["width"] and height <= size["height"], (
        f"the screen scrolls: {width}x{height} on {size['width']}x{size['height']}"
    )
    screen = page.locator(".screen").bounding_box()
    assert screen is not None and screen["height"] >= 0.95 * size["height"]


def one_line(page: Page, selector: str) -> bool:
    """Whether every element matching `selector` sits on one line (one box, not broken)."""
    return bool(
        page.evaluate(
            "(selector) => [...document.querySelectorAll(selector)]"
            ".every(element => element.getClientRects().length === 1)",
            selector,
        )
    )


def font_size(page: Page, selector: str) -> float:
    return float(
        page.evaluate(
            "(selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize)",
            selector,
        )
    )


@pytest.fixture
def day(db: Any) -> Any:
    return make_event(title="SOM-netwerkdag voorjaar")


@pytest.fixture
def voting_call(day: Any, team_member: Person, lab_lead: Person) -> Call:
    """Open for votes; six attendees checked in."""
    call = make_call(day, lab_lead, PROPOSALS, max_labs=2)
    attend(day, [make_person(full_name=f"Kiezer {i}") for i in range(6)])
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    return call


@projectors
def test_the_live_vote_fills_the_projector(
    new_page: Callable[..., Page],
    live_server: Any,
    screenshot: Callable[[Page, str], Path],
    size: ViewportSize,
    voting_call: Call,
    team_member: Person,
) -> None:
    page = new_page(size)
    log_in(page, team_member, live_server.url)
    page.goto(_url("labs:screen", call_id=voting_call.pk))
    expect(page.locator("#screen-attendees")).to_have_text("6")
    assert_fills_the_screen(page, size)
    qr = page.locator(".screen__qr").bounding_box()
    assert qr is not None and qr["y"] + qr["height"] <= size["height"]
    assert one_line(page, ".screen__url-part"), "the address breaks inside a word"
    assert page.locator(".screen__url").inner_text().replace("\n", "") == (
        live_server.url.split("://")[1] + _url("labs:ballot", call_id=voting_call.pk).rstrip("/")
    )
    voters, attendees = (
        page.locator(f"#screen-{n}").bounding_box() for n in ("voters", "attendees")
    )
    assert voters and attendees and abs(voters["y"] - attendees["y"]) < 2, "the turnout breaks"
    screenshot(page, f"projector-live-vote-{size['width']}")


@projectors
def test_the_selection_result_fills_the_projector_and_explains_the_tie(
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    size: ViewportSize,
    voting_call: Call,
    team_member: Person,
) -> None:
    voters = [r.person for r in voting_call.network_day.registrations.all()]  # type: ignore[union-attr]
    # Taalrijke klas 3 votes; Ouders als partners (30 000) and Welbevinden (20 000) 2 each: the
    # cheaper one is taken first and the maximum of two labs is then reached.
    ballots = [
        ["Taalrijke klas", "Ouders als partners"],
        ["Taalrijke klas", "Welbevinden van leraren"],
    ]
    ballots += [["Taalrijke klas"], ["Ouders als partners"], ["Welbevinden van leraren"]]
    for voter, titles in zip(voters, ballots, strict=False):
        vote(voting_call, voter, titles)
    selection.close_selection_vote(call=voting_call, by=team_member)
    page = new_page(size)
    log_in(page, team_member, live_server.url)
    page.goto(_url("labs:screen", call_id=voting_call.pk))
    expect(page.locator(".outcome-verdict--selected")).to_have_count(2)
    assert_fills_the_screen(page, size)
    for verdict in (
        ".outcome-verdict--selected",
        ".outcome-verdict:not(.outcome-verdict--selected)",
    ):
        assert font_size(page, verdict) >= 0.025 * size["height"], f"{verdict} is small"
    expect(page.locator(".outcome-steps")).to_contain_text(
        "“Ouders als partners” and “Welbevinden van leraren” had 2 votes each; “Welbevinden van "
        "leraren” was chosen, as the call's rule says: with the same votes the proposal with the "
        "smaller budget goes first"
    )
    axe(page)
    screenshot(page, f"projector-selection-result-{size['width']}")


@projectors
def test_the_general_assemblys_screen_fills_the_projector(
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    size: ViewportSize,
    in_session: Callable[..., Meeting],
    members: list[Member],
    secretary: Person,
) -> None:
    started = in_session(members[:4])
    accounts = item(started, "accounts")
    votes.open_vote(item=accounts, by=secretary)
    page = new_page(size)
    log_in(page, secretary, live_server.url)
    url = _url("governance:projector", pk=started.pk)
    page.goto(url)
    expect(page.locator("#screen-attendees")).to_have_text("4")
    assert_fills_the_screen(page, size)
    screenshot(page, f"projector-assembly-vote-{size['width']}")
    votes.close_vote(item=accounts, by=secretary)
    page.goto(url)
    expect(page.locator("#verdict")).to_be_visible()
    assert_fills_the_screen(page, size)
    axe(page)
    screenshot(page, f"projector-assembly-result-{size['width']}")
