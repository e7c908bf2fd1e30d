"""Who is in the network, in a real browser: the directory and an organisation's page on a phone
and a laptop (axe on each), the filters without JavaScript, and the contact's settings page."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.membership.models import MembershipType, MembershipYear
from som.membership.tests.factories import paid_membership
from som.network.models import Organisation
from som.network.tests.factories import make_organisation
from som.publishing import directory
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def listed(
    school: Organisation,
    school_contact: Person,
    teacher: Person,
    team_member: Person,
    this_year: MembershipYear,
    general: MembershipType,
) -> Organisation:
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    Organisation.objects.filter(pk=school.pk).update(
        street="Naamsestraat 1", postal_code="3000", website="https://delinde.example"
    )
    directory.update_profile(
        organisation=school,
        by=school_contact,
        listed=True,
        description="Een warme basisschool in het hart van Leuven.",
        show_address=True,
        show_levels=True,
        show_network=True,
    )
    directory.set_own_listing(
        person=teacher, organisation=school, listed=True, shown_role="Zorgleerkracht"
    )
    city = make_organisation(
        name="Stad Leuven - Dienst Onderwijs",
        kind=Organisation.Kind.CITY,
        instellingsnummer="",
        network=Organisation.Network.NONE,
        levels=[],
    )
    directory.set_partner(organisation=city, is_partner=True, by=team_member)
    return school


@pytest.mark.parametrize("device", ["phone", "laptop"])
def test_the_directory_and_an_organisations_page(
    request: pytest.FixtureRequest,
    device: str,
    live_server: Any,  # before the data: the live server must see it (transactional)
    listed: Organisation,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    page: Page = request.getfixturevalue(device)
    response = page.goto("/netwerk/")
    assert response is not None and response.status == 200
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Basisschool De Linde")
    expect(page.locator("main")).to_contain_text("Stad Leuven - Dienst Onderwijs")
    screenshot(page, f"directory-{device}")
    axe(page)

    page.get_by_role("link", name="Basisschool De Linde").click()
    expect(page.locator("main h1")).to_have_text("Basisschool De Linde")
    expect(page.locator("main")).to_contain_text("Zorgleerkracht")
    expect(page.locator("main")).to_contain_text("Naamsestraat 1")
    assert page.locator("main a[href^='https://www.openstreetmap.org/search']").count() == 1
    assert page.locator("iframe, script[src*='openstreetmap']").count() == 0
    screenshot(page, f"organisation-{device}")
    axe(page)


def test_the_filters_work_without_javascript(no_js: Page, listed: Organisation) -> None:
    no_js.goto(_url("publishing:directory"))
    no_js.locator("select[name=kind]").select_option("city")
    no_js.locator("main form[role=search] [type=submit]").click()
    cards = no_js.locator("main .directory-cards > li")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Stad Leuven")
    no_js.locator("input[name=q]").fill("niemand hier")
    no_js.locator("main form[role=search] [type=submit]").click()
    expect(no_js.locator("main .notice")).to_be_visible()
    # No axe here: it is a script, and this page runs none (the first test checks the page).


def test_the_contact_changes_what_the_directory_shows(
    laptop: Page,
    live_server: Any,
    listed: Organisation,
    school_contact: Person,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    log_in(laptop, school_contact, live_server.url)
    laptop.goto(_url("network:mine"))
    laptop.get_by_role("link", name="In the directory").first.click()
    expect(laptop.locator("main h1")).to_contain_text("in the directory")
    axe(laptop)
    laptop.get_by_label("Show our address (with a link to the map)").uncheck()
    laptop.locator("form:has(input[value=profile]) [type=submit]").click()
    expect(laptop.locator(".messages")).to_contain_text("saved")
    screenshot(laptop, "directory-settings")
    laptop.goto(_url("publishing:organisation", slug=listed.slug))
    expect(laptop.locator("main")).not_to_contain_text("Naamsestraat")
