"""The erasure page names what the law keeps in this person's case (issue 17, point 8): a
school's contact and representative finds it from their account page on a phone and a laptop,
in Dutch and in English. Axe checks it; the screenshots go to $SOM_SCREENSHOTS."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.membership.models import MembershipType, MembershipYear
from som.membership.tests.factories import paid_membership
from som.network.models import Organisation
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_erasure_page_lists_what_the_law_keeps_for_this_person(
    size: str,
    request: pytest.FixtureRequest,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    school_contact: Person,
    school: Organisation,
    team_member: Person,
    this_year: MembershipYear,
    general: MembershipType,
) -> None:
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    page: Page = request.getfixturevalue(size)
    log_in(page, school_contact, live_server.url)
    page.goto(live_server.url + "/mijn-account/")
    page.get_by_role("link", name="Vraag om mijn account te wissen").click()
    expect(page.get_by_role("heading", name="Mijn account wissen")).to_be_visible()
    expect(page.get_by_text("In jouw geval:")).to_be_visible()
    expect(page.get_by_text("in het ledenregister van de vzw")).to_be_visible()
    axe(page)
    screenshot(page, f"erasure-nl-{size}")

    page.goto(live_server.url + "/en/my-account/erase/")
    expect(page.get_by_text("In your case:")).to_be_visible()
    expect(page.get_by_text("of the member register of the association")).to_be_visible()
    axe(page)
    screenshot(page, f"erasure-en-{size}")
