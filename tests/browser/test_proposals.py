"""Writing a lab proposal on a laptop: the eligibility panel follows the autosave, then submit.
And the same editor without JavaScript, with the Save button."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.labs.models import Proposal
from som.labs.tests.test_proposals import (  # noqa: F401 (fixtures)
    call,
    join,
    members,
    network_day,
    proposal,
    social_worker,
    welfare_org,
)
from tests.browser.sessions import log_in

# The fixtures are imported from the labs tests; tests name them as arguments.
# ruff: noqa: F811

pytestmark = pytest.mark.browser


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs)


def _rule(page: Page, code: str, met: str) -> None:
    expect(page.locator(f'#eligibility-panel [data-rule="{code}"]')).to_have_attribute(
        "data-met", met
    )


@pytest.fixture
def team_of_two(proposal: Proposal, teacher: Person, lab_lead: Person) -> Proposal:
    join(proposal, teacher, lab_lead)
    return proposal


def test_write_a_proposal_see_the_panel_change_and_submit(
    laptop: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    team_of_two: Proposal,
    teacher: Person,
    social_worker: Person,
) -> None:
    log_in(laptop, teacher, live_server.url)
    laptop.goto(_url("labs:proposal", pk=team_of_two.pk))
    _rule(laptop, "authors", "no")
    axe(laptop)

    laptop.locator("#id_summary").fill("Samen aan een zachte overgang")
    laptop.locator("#id_challenge").fill("Jongeren haken af tussen lager en secundair onderwijs.")
    laptop.locator("#id_approach").fill("Een jaar lang samen observeren en uitproberen.")
    laptop.locator("#id_duration_months").fill("6")
    laptop.locator("#id_budget-0-description").fill("Vervanging leerkrachten")
    laptop.locator("#id_budget-0-amount").fill("6000")
    laptop.locator("#id_budget-0-amount").blur()
    _rule(laptop, "duration", "no")
    _rule(laptop, "budget", "no")
    expect(laptop.locator("#autosave-status")).not_to_be_empty()

    laptop.locator("#id_duration_months").fill("12")
    laptop.locator("#id_budget-0-amount").fill("4000")
    laptop.locator("#id_budget-0-amount").blur()
    _rule(laptop, "duration", "yes")
    _rule(laptop, "budget", "yes")

    # The third co-author accepts meanwhile; the panel sees it at the next save.
    join(team_of_two, teacher, social_worker)
    laptop.locator("#id_room_needed").fill("Een lokaal, om de zes weken.")
    laptop.locator("#id_room_needed").blur()
    _rule(laptop, "authors", "yes")
    expect(laptop.locator('#eligibility-panel [data-eligible="yes"]')).to_be_visible()
    screenshot(laptop, "proposal-editor-laptop")

    laptop.locator("#submit-form button[type=submit]").click()
    expect(laptop.locator("#proposal-form")).to_have_count(0)
    team_of_two.refresh_from_db()
    assert team_of_two.status == Proposal.Status.SUBMITTED
    assert team_of_two.requested_budget == 4000
    assert team_of_two.revisions.count() >= 3


def test_without_javascript_the_save_button_saves_and_recomputes_the_panel(
    no_js: Page, live_server: Any, team_of_two: Proposal, teacher: Person
) -> None:
    log_in(no_js, teacher, live_server.url)
    no_js.goto(_url("labs:proposal", pk=team_of_two.pk))
    no_js.locator("#id_duration_months").fill("3")
    no_js.locator("#proposal-form button[type=submit]").click()
    _rule(no_js, "duration", "no")
    team_of_two.refresh_from_db()
    assert team_of_two.duration_months == 3
