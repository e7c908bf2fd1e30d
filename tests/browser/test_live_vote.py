"""The live vote at a network day: three attendees vote on their phones, the projector shows the
turnout climbing, the team closes the vote and the projector shows the result and why."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.events.tests.factories import make_event
from som.labs.models import Call
from som.labs.services import selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call
from som.network.tests.factories import make_person
from tests.browser.conftest import PHONE
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser
PROJECTOR = {"width": 1920, "height": 1080}


def _url(name: str, call: Call) -> str:
    with translation.override("nl"):
        return reverse(name, kwargs={"call_id": call.pk})


@pytest.fixture
def call(team_member: Person, lab_lead: Person) -> Call:
    call = make_call(make_event(title="SOM-netwerkdag voorjaar"), lab_lead, PROPOSALS)
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    return call


def test_three_phones_vote_and_the_screen_shows_turnout_then_result(
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    call: Call,
    team_member: Person,
) -> None:
    attendees = [make_person(full_name=f"Aanwezige {i}") for i in range(3)]
    attend(call.network_day, attendees)  # type: ignore[arg-type]

    projector = new_page(PROJECTOR)
    log_in(projector, team_member, live_server.url)
    projector.goto(_url("labs:screen", call))
    expect(projector.locator(".screen__qr svg")).to_be_visible()
    expect(projector.locator("#screen-voters")).to_have_text("0")
    expect(projector.locator("#screen-attendees")).to_have_text("3")
    axe(projector)

    choices = [
        ["Taalrijke klas", "Ouders als partners"],
        ["Taalrijke klas"],
        ["Ouders als partners"],
    ]
    for number, (person, titles) in enumerate(zip(attendees, choices, strict=True)):
        phone = new_page(PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        log_in(phone, person, live_server.url)
        phone.goto(_url("labs:ballot", call))
        if number == 0:
            axe(phone)
            screenshot(phone, "ballot-phone")
        for title in titles:
            phone.get_by_label(title).check()
        phone.locator(".ballot-submit").click()
        expect(phone.locator("#ballot-receipt")).not_to_be_empty()
        if number == 0:
            axe(phone)
        phone.goto(_url("labs:ballot", call))
        expect(phone.locator("[data-code=already_voted]")).to_be_visible()
        # The screen polls every 2-3 s: the count climbs without a reload.
        expect(projector.locator("#screen-voters")).to_have_text(str(number + 1), timeout=8000)

    control = new_page(PHONE)
    log_in(control, team_member, live_server.url)
    control.goto(_url("labs:selection", call))
    control.locator("button[value=close]").click()
    expect(control.locator(".outcome-table")).to_be_visible()

    # The screen notices the closed poll and reloads itself with the result.
    expect(projector.locator(".outcome-table")).to_be_visible(timeout=8000)
    # 2 + 2 votes: both selected; a proposal nobody voted for is not, even if it would fit.
    selected = projector.locator(".outcome-row--selected th")
    expect(selected).to_have_count(2)
    expect(projector.locator(".outcome-row--selected", has_text="Taalrijke klas")).to_have_count(1)
    expect(projector.locator(".outcome-steps li")).not_to_have_count(0)
    axe(projector)
    screenshot(projector, "screen-result")


def test_the_ballot_works_without_javascript_and_too_many_choices_are_refused(
    no_js: Page, live_server: Any, call: Call
) -> None:
    person = make_person(full_name="Zonder Script")
    attend(call.network_day, [person])  # type: ignore[arg-type]
    log_in(no_js, person, live_server.url)
    no_js.goto(_url("labs:ballot", call))
    for title, _cost in PROPOSALS:
        no_js.get_by_label(title).check()
    no_js.locator(".ballot-submit").click()
    expect(no_js.locator(".ballot-answer--error")).to_be_visible()
    no_js.get_by_label(PROPOSALS[0][0]).uncheck()
    no_js.get_by_label(PROPOSALS[1][0]).uncheck()
    no_js.locator(".ballot-submit").click()
    expect(no_js.locator("#ballot-receipt")).not_to_be_empty()
