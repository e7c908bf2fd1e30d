"""Membership years that roll over, in the browser on 7 December 2026 (a fixed clock): a school's
contact chooses 2027 on a phone, the team finds its "Membership years" page from the overview
and sends the renewals on a projector-sized screen, and the secretary preparing a January
general assembly is told why it cannot be convened yet."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.governance import services as governance
from som.governance.models import Body, Mandate, MotionKind
from som.governance.selectors import board, general_assembly
from som.membership import services
from som.membership.models import Application, Membership, MembershipType
from som.membership.tests.clock import BRUSSELS, at, today
from som.membership.tests.factories import paid_membership
from som.network.models import Affiliation, Organisation
from som.network.tests.factories import affiliate, make_organisation, make_person
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser
__all__ = ["today"]  # the autouse clock: 7 December 2026

WIDE = {"width": 1920, "height": 1080}


def _url(name: str, *args: Any, language: str = "nl") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _members_since_march(today: Any, team: Person, count: int) -> list[Membership]:
    now = datetime.datetime.now(tz=BRUSSELS)
    today.move_to(at("2026-03-02"))
    year = services.open_year(year=2026, by=None)
    general = MembershipType.objects.get(code="general")
    found = []
    for number in range(count):
        school = make_organisation(name=f"Lidschool {number}")
        contact = make_person(full_name=f"Contact {number}")
        affiliate(contact, school, Affiliation.Role.CONTACT)
        found.append(
            paid_membership(
                team=team,
                applicant=contact,
                year=year,
                membership_type=general,
                organisation=school,
            )
        )
    today.move_to(now)
    return found


def test_a_contact_chooses_2027_on_7_december(
    phone: Page,
    new_page: Any,
    live_server: Any,
    school_contact: Person,
    school: Organisation,
    axe: Any,
    screenshot: Any,
) -> None:
    log_in(phone, school_contact, live_server.url)
    phone.goto(_url("membership:apply"))
    next_year = phone.locator("input[name=year][value='2027']")
    expect(next_year).to_be_checked()
    expect(phone.locator("main")).to_contain_text("2027: 1 januari 2027 tot 31 december 2027")
    expect(phone.locator("main")).to_contain_text("2026: tot 31 december 2026")
    axe(phone)
    screenshot(phone, "apply-7-december-phone-nl")
    phone.locator("input[name=membership_type][value=general]").check()
    phone.locator("input[name=tariff]").first.check()
    phone.locator(f"input[name=organisation][value='{school.pk}']").check()
    phone.locator("form button[type=submit]").last.click()
    expect(phone.locator("main")).to_contain_text(school.name)
    assert Application.objects.get().year.year == 2027

    wide = new_page(WIDE)
    log_in(wide, school_contact, live_server.url)
    wide.goto(_url("membership:apply", language="en"))
    expect(wide.locator("main")).to_contain_text("2027: 1 January 2027 to 31 December 2027")
    screenshot(wide, "apply-7-december-wide-en")


def test_the_team_finds_the_years_and_sends_the_renewals(
    today: Any,
    new_page: Any,
    phone: Page,
    live_server: Any,
    team_member: Person,
    axe: Any,
    screenshot: Any,
) -> None:
    _members_since_march(today, team_member, 3)
    wide = new_page(WIDE)
    log_in(wide, team_member, live_server.url)
    wide.goto(_url("membership:overview"))
    wide.get_by_role("link", name="Lidmaatschapsjaren").click()
    expect(wide.get_by_role("heading", level=1)).to_have_text("Lidmaatschapsjaren")
    table = wide.locator("table")
    for column in ["Jaar", "Actief", "Wacht op betaling", "Totaal", "Nog niet hernieuwd"]:
        expect(table.locator("thead")).to_contain_text(column)
    axe(wide)
    screenshot(wide, "years-team-wide-nl")
    wide.get_by_role("button", name="Verstuur nu 3 facturen voor de hernieuwing in 2027").click()
    expect(wide.locator("main")).to_contain_text("Elk actief lid van 2026 is hernieuwd.")
    assert Membership.objects.filter(year__year=2027).count() == 3

    log_in(phone, team_member, live_server.url)
    phone.goto(_url("membership:years", language="en"))
    expect(phone.locator("main")).to_contain_text("Every active member of 2026 is renewed.")
    axe(phone)
    screenshot(phone, "years-team-phone-en")


def test_the_secretary_is_told_why_a_january_assembly_cannot_be_convened_yet(
    today: Any,
    new_page: Any,
    phone: Page,
    live_server: Any,
    team_member: Person,
    board_member: Person,
    axe: Any,
    screenshot: Any,
) -> None:
    _members_since_march(today, team_member, 4)
    board_body = board()
    assembly = general_assembly()
    assert isinstance(board_body, Body) and isinstance(assembly, Body)
    governance.appoint(
        body=board_body,
        person=board_member,
        role=Mandate.Role.SECRETARY,
        starts_on=datetime.date(2026, 11, 1),
        by=None,
    )
    meeting = governance.schedule_meeting(
        body=assembly,
        title="Algemene vergadering",
        starts_at=at("2027-01-12", 19),
        place="Stadhuis Leuven",
        by=board_member,
    )
    governance.add_agenda_item(
        meeting=meeting,
        title="Begroting 2027",
        motion="De algemene vergadering keurt de begroting 2027 goed.",
        motion_kind=MotionKind.objects.get(code="budget"),
        by=board_member,
    )
    log_in(phone, board_member, live_server.url)
    phone.goto(_url("governance:prepare", meeting.pk))
    warning = phone.locator(".notice--error")
    expect(warning).to_contain_text("kan geen enkel lid stemmen")
    expect(warning).to_contain_text("4 leden van 2026")
    axe(phone)
    screenshot(phone, "prepare-january-assembly-phone-nl")
    phone.get_by_role("button", name="Verstuur de oproeping").click()
    expect(phone.locator("main")).to_contain_text("kan geen enkel lid stemmen")
    meeting.refresh_from_db()
    assert meeting.status == "draft"

    services_renewed = services.renew_all(
        year=services.open_year(year=2027, by=None), by=team_member
    )
    assert len(services_renewed) == 4
    wide = new_page(WIDE)
    log_in(wide, board_member, live_server.url)
    wide.goto(_url("governance:prepare", meeting.pk, language="en"))
    expect(wide.locator("main")).to_contain_text("4 members can vote")
    expect(wide.locator(".notice--error")).to_have_count(0)
    screenshot(wide, "prepare-january-assembly-wide-en")
