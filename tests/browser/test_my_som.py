"""Mijn SOM on a phone (390x844), walked as a teacher, a school's contact person, a board member
and the team, clicking from it (and from the team home) to every page issue 16's section 4 names:
the call's pages (open, edit, close), the selection vote's control page from the call, the network
day and the team home, the board's pending confirmation, and the meeting's "move the meeting".
Mijn SOM and the team home also at 1920x1080. Axe checks every page; the screenshots go to
$SOM_SCREENSHOTS."""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.events import services as events
from som.events.tests.factories import make_event
from som.governance import selectors as governance_selectors
from som.governance import services as governance
from som.governance.models import Meeting
from som.labs.models import Call
from som.labs.services import selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call, vote
from som.membership.models import MembershipType, MembershipYear
from som.membership.tests.factories import approved_membership
from som.network.models import Affiliation, Organisation
from som.network.tests.factories import affiliate, make_person
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser
BIG_SCREEN = {"width": 1920, "height": 1080}


def _open_my_som_from_the_menu(page: Page) -> None:
    """On a phone the member's links fold under "Mijn SOM" in the header."""
    page.goto("/agenda/")
    page.locator(".account-menu__toggle").click()
    page.locator(".account-menu__list").get_by_role("link", name="Mijn SOM").click()
    expect(page).to_have_url("/mijn-som/")


def test_a_teacher_logs_in_lands_on_my_som_and_cancels_a_registration(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    teacher: Person,
) -> None:
    event = make_event(title="Netwerkdag voorjaar")
    events.register(event=event, person=teacher)
    phone.goto(live_server.url + "/accounts/login/")
    phone.get_by_label("E-mail").fill(teacher.email)
    phone.get_by_label("Wachtwoord").fill("correct-horse-battery-staple")
    phone.get_by_role("button", name="Aanmelden").click()
    expect(phone).to_have_url(live_server.url + "/mijn-som/")
    expect(phone.get_by_role("heading", name="Welkom, Lotte")).to_be_visible()
    registrations = phone.locator(
        "section", has=phone.get_by_role("heading", name="Mijn inschrijvingen")
    )
    expect(registrations.get_by_role("link", name="Netwerkdag voorjaar")).to_be_visible()
    expect(registrations.get_by_role("link", name="Ticket")).to_be_visible()
    axe(phone)
    screenshot(phone, "my-som-teacher-phone")

    registrations.get_by_role("link", name="Annuleren").click()
    phone.get_by_role("button", name="Ja, annuleer mijn inschrijving").click()
    _open_my_som_from_the_menu(phone)
    expect(
        phone.get_by_text("Je hebt geen inschrijvingen voor komende activiteiten.")
    ).to_be_visible()


@pytest.fixture
def contact_with_staff(
    school_contact: Person,
    teacher: Person,
    school: Organisation,
    team_member: Person,
    this_year: MembershipYear,
    general: MembershipType,
) -> Person:
    colleague = make_person(email="collega@delinde.be", full_name="Cas Collega")
    affiliate(colleague, school, Affiliation.Role.STAFF)
    approved_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    return school_contact


def test_a_contact_registers_two_colleagues_and_sees_them_on_my_som(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    contact_with_staff: Person,
) -> None:
    event = make_event(title="Netwerkdag najaar")
    log_in(phone, contact_with_staff, live_server.url)
    phone.goto(live_server.url + "/mijn-som/")
    expect(phone.get_by_text("Geen van je collega's is ingeschreven")).to_be_visible()
    membership = phone.locator("section", has=phone.get_by_role("heading", name="Lidmaatschap"))
    expect(membership.get_by_text("Openstaande facturen")).to_be_visible()
    expect(membership.get_by_text("Wacht op betaling")).to_be_visible()

    phone.goto(live_server.url + f"/agenda/{event.slug}/")
    phone.get_by_label("Lotte Leraar (Basisschool De Linde)").check()
    phone.get_by_label("Cas Collega (Basisschool De Linde)").check()
    mail.outbox.clear()
    phone.get_by_role("button", name="De aangevinkte collega's inschrijven").click()
    expect(
        phone.get_by_text("Lotte Leraar is ingeschreven voor Netwerkdag najaar.")
    ).to_be_visible()
    expect(phone.get_by_text("Cas Collega is ingeschreven voor Netwerkdag najaar.")).to_be_visible()

    _open_my_som_from_the_menu(phone)
    colleagues = phone.locator(
        "section", has=phone.get_by_role("heading", name="Mijn collega's op activiteiten")
    )
    expect(colleagues.get_by_role("link", name="Netwerkdag najaar")).to_be_visible()
    expect(colleagues.get_by_text("Lotte Leraar")).to_be_visible()
    expect(colleagues.get_by_text("Cas Collega")).to_be_visible()
    axe(phone)
    screenshot(phone, "my-som-contact-phone")


@pytest.fixture
def decided_call(team_member: Person, lab_lead: Person) -> Call:
    day = make_event(title="SOM-netwerkdag voorjaar")
    call = make_call(day, lab_lead, PROPOSALS)
    voters = [make_person(full_name=f"Kiezer {number}") for number in range(3)]
    attend(day, voters)
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    for voter in voters:
        vote(call, voter, ["Taalrijke klas"])
    selection.close_selection_vote(call=call, by=team_member)
    return call


def test_the_board_confirms_the_selection_from_my_som(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    board_member: Person,
    board_mandate: Any,
    decided_call: Call,
) -> None:
    log_in(phone, board_member, live_server.url)
    _open_my_som_from_the_menu(phone)
    waiting = phone.locator("section", has=phone.get_by_role("heading", name="Wacht op jou"))
    expect(
        waiting.get_by_role("heading", name="Bevestig de selectie van Labo's 2027")
    ).to_be_visible()
    axe(phone)
    screenshot(phone, "my-som-board-phone")

    waiting.get_by_role("link", name="Bekijk de selectie en bevestig").click()
    expect(phone).to_have_url(f"/labos/oproepen/{decided_call.pk}/selectie/")
    phone.get_by_role("button", name="Bevestig de selectie namens de raad van bestuur").click()
    decided_call.refresh_from_db()
    expect(phone.locator(".messages")).to_be_visible()
    assert decided_call.status == Call.Status.CONFIRMED
    _open_my_som_from_the_menu(phone)
    expect(phone.get_by_role("heading", name="Wacht op jou")).to_have_count(0)


@pytest.fixture
def board_meeting(team_member: Person) -> Meeting:
    board = governance_selectors.board()
    assert board is not None
    return governance.schedule_meeting(
        body=board,
        title="Raad van bestuur januari",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        place="SOM-kantoor, Leuven",
        by=team_member,
    )


def test_the_team_opens_a_call_and_reaches_every_control_page_by_clicking(
    phone: Page,
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    team_member: Person,
    board_meeting: Meeting,
) -> None:
    day = make_event(title="SOM-netwerkdag najaar")
    log_in(phone, team_member, live_server.url)
    _open_my_som_from_the_menu(phone)
    expect(phone.get_by_role("heading", name="De takenlijst van het team")).to_be_visible()
    axe(phone)
    screenshot(phone, "my-som-team-phone")

    # Mijn SOM -> the team home -> open a new call.
    phone.get_by_role("link", name="De startpagina van het team: elke teampagina").click()
    expect(phone).to_have_url("/team/")
    axe(phone)
    screenshot(phone, "team-home-phone")
    phone.get_by_role("link", name="Open een nieuwe oproep").click()
    phone.get_by_label("Titel").fill("Labo's 2027-2028")
    phone.get_by_label("Netwerkdag").select_option(
        label=f"SOM-netwerkdag najaar ({_day(day.starts_at)})"
    )
    deadline = timezone.localtime(day.starts_at - datetime.timedelta(days=10))
    phone.get_by_label("Deadline voor voorstellen").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    phone.get_by_label("Totaal budget (EUR)").fill("90000")
    phone.get_by_label("Hoogstens per voorstel (EUR)").fill("40000")
    phone.get_by_label("Minstens zoveel labo's").fill("3")
    phone.get_by_label("Hoogstens zoveel labo's").fill("5")
    phone.get_by_label("Methode van Gelijke Delen (proportioneel)").check()
    axe(phone)
    screenshot(phone, "call-new-phone")
    phone.get_by_role("button", name="De oproep openen").click()
    expect(phone.get_by_role("heading", name="Labo's 2027-2028")).to_be_visible()
    call = Call.objects.get(title="Labo's 2027-2028")

    # The call's page: edit, close, the control page, the network day.
    phone.get_by_role("link", name="De oproep bewerken").click()
    phone.get_by_label("Totaal budget (EUR)").fill("100000")
    phone.get_by_role("button", name="De oproep opslaan").click()
    expect(phone.get_by_text("De oproep is opgeslagen.")).to_be_visible()
    phone.get_by_role("button", name="De oproep sluiten").click()
    expect(phone.get_by_text("De oproep is gesloten: screen de voorstellen.")).to_be_visible()
    call.refresh_from_db()
    assert call.total_budget == 100_000 and call.status == Call.Status.SCREENING
    axe(phone)
    screenshot(phone, "call-team-page-phone")
    phone.get_by_role("link", name="Selectiestemming: bedieningspagina").click()
    expect(phone).to_have_url(f"/labos/oproepen/{call.pk}/selectie/")
    axe(phone)

    # The network day's page leads there too, and so does the team home.
    phone.goto(live_server.url + f"/agenda/{day.slug}/")
    phone.get_by_role("link", name="Selectiestemming: Labo's 2027-2028").click()
    expect(phone).to_have_url(f"/labos/oproepen/{call.pk}/selectie/")
    phone.goto(live_server.url + "/team/")
    row = phone.locator("tr", has_text="Labo's 2027-2028")
    row.get_by_role("link", name="Bedieningspagina").click()
    expect(phone).to_have_url(f"/labos/oproepen/{call.pk}/selectie/")

    # The team home -> the meeting's "move the meeting".
    phone.goto(live_server.url + "/team/")
    meeting_line = phone.locator("li", has_text="Raad van bestuur januari")
    meeting_line.get_by_role("link", name="voorbereiden, bijeenroepen of verplaatsen").click()
    expect(phone).to_have_url(f"/vereniging/vergaderingen/{board_meeting.pk}/voorbereiden/")
    phone.get_by_text("kies een andere datum").click()
    later = timezone.localtime(board_meeting.starts_at + datetime.timedelta(days=7)).replace(
        second=0, microsecond=0
    )
    phone.get_by_label("Nieuwe datum en uur").fill(later.strftime("%Y-%m-%dT%H:%M"))
    phone.get_by_role("button", name="De vergadering verplaatsen").click()
    expect(phone.get_by_text("De vergadering is verplaatst.")).to_be_visible()
    board_meeting.refresh_from_db()
    assert board_meeting.starts_at == later
    axe(phone)
    screenshot(phone, "meeting-moved-phone")

    # Mijn SOM and the team home on a big screen.
    big = new_page(BIG_SCREEN)
    log_in(big, team_member, live_server.url)
    for path, name in (("/mijn-som/", "my-som-team-1920"), ("/team/", "team-home-1920")):
        big.goto(live_server.url + path)
        axe(big)
        screenshot(big, name)


def _day(moment: datetime.datetime) -> str:
    """A date as the network day's choice shows it in Dutch (7 december 2026)."""
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("nl"):
        return date_format(timezone.localtime(moment), "DATE_FORMAT")


def test_my_som_on_a_big_screen_for_a_contact(
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    contact_with_staff: Person,
    teacher: Person,
) -> None:
    event = make_event(title="Netwerkdag najaar")
    events.register(event=event, person=teacher, by=contact_with_staff)
    events.register(event=event, person=contact_with_staff)
    sizes = (
        (BIG_SCREEN, "my-som-contact-1920"),
        (LAPTOP, "my-som-contact-1280"),
        (PHONE, "my-som-contact-phone-full"),
    )
    for size, name in sizes:
        page = new_page(size)
        log_in(page, contact_with_staff, live_server.url)
        page.goto(live_server.url + "/mijn-som/")
        expect(page.get_by_role("heading", name="Mijn collega's op activiteiten")).to_be_visible()
        axe(page)
        screenshot(page, name)
