"""The first hour of a school SOM Leuven never heard of, on a phone: its director goes from
"Word lid" through signing up and confirming the address, adds the school, applies for its
general membership at the reduced tariff; the team approves once, the invoice is paid, and the
membership is active. And a director without an address on the school's domain: the request
waits, the current contact person hands over."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.finance import services as finance
from som.membership.models import Application, Membership
from som.membership.tests.factories import invoice_of
from som.network import selectors
from som.network.models import Claim, Organisation
from som.network.tests.factories import make_person
from tests.browser.conftest import LAPTOP
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1920, "height": 1080}
PASSWORD = "een-lang-wachtwoord-42"


def _url(name: str, *args: Any) -> str:
    with translation.override("nl"):
        return reverse(name, args=args)


def _link_in_last_mail(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    match = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert match, message.body
    return match.group(1)


def test_a_director_of_a_school_som_never_heard_of_becomes_a_member(
    phone: Page,
    laptop: Page,
    live_server: Any,
    team_member: Person,
    this_year: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    # "Word lid": no account yet, so sign up on the way to the application.
    phone.goto(f"{live_server.url}/word-lid/")  # the "Word lid" page (Wagtail)
    phone.get_by_role("link", name="Maak een account en vraag aan").click()
    phone.locator("input[name=email]").fill("directie@hetnieuweveld.be")
    phone.locator("input[name=full_name]").fill("Dana Directeur")
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)
    phone.locator("main form button[type=submit]").last.click()
    expect(phone.locator("main")).to_contain_text("directie@hetnieuweveld.be")

    # The confirmation link in the mail brings her, logged in, to the application.
    phone.goto(_link_in_last_mail("directie@hetnieuweveld.be"))
    phone.locator("main form button[type=submit]").last.click()
    expect(phone).to_have_url(re.compile(re.escape(_url("membership:apply")) + "$"))
    expect(phone.locator("#act-for")).to_be_visible()
    axe(phone)
    screenshot(phone, "1-apply-without-institution")

    # She looks for her school: SOM Leuven does not know it.
    phone.get_by_role("link", name="Zoek of voeg je instelling toe").first.click()
    phone.get_by_label("Naam, gemeente of instellingsnummer").fill("Het Nieuwe Veld")
    phone.get_by_role("button", name="Zoeken").click()
    expect(phone.locator("main")).to_contain_text("SOM Leuven kent geen instelling zoals")
    axe(phone)
    screenshot(phone, "2-find-nothing")
    phone.get_by_role("link", name="Een instelling toevoegen").click()

    # She adds it; a mistyped number is explained and nothing is saved.
    expect(phone.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Het Nieuwe Veld")
    phone.get_by_role("textbox", name="Naam", exact=True).fill("Basisschool Het Nieuwe Veld")
    phone.get_by_role("textbox", name="Instellingsnummer").fill("91-2345")
    phone.get_by_role("checkbox", name="Kleuteronderwijs").check()
    phone.get_by_role("checkbox", name="Lager onderwijs").check()
    phone.get_by_role("combobox", name="Onderwijsnet").select_option("ovsg_pov")
    phone.get_by_role("textbox", name="Straat en nummer").fill("Veldstraat 1")
    phone.get_by_role("textbox", name="Postcode").fill("3010")
    phone.get_by_role("textbox", name="Gemeente").fill("Kessel-Lo")
    expect(phone.get_by_role("textbox", name="E-maildomeinen")).to_have_value("hetnieuweveld.be")
    phone.get_by_label("Je rol daar").fill("directeur")
    phone.get_by_role("button", name="Toevoegen en vragen om ervoor op te treden").click()
    expect(phone.locator("main")).to_contain_text("Een instellingsnummer heeft 5 of 6 cijfers")
    assert not Organisation.objects.filter(name="Basisschool Het Nieuwe Veld").exists()
    axe(phone)
    screenshot(phone, "3-add-bad-number")
    phone.get_by_role("textbox", name="Instellingsnummer").fill("912345")
    phone.get_by_role("button", name="Toevoegen en vragen om ervoor op te treden").click()

    # Her address is on the school's domain: she is its contact person at once, and applies.
    expect(phone.locator("main")).to_contain_text(
        "Je bent nu de contactpersoon van Basisschool Het Nieuwe Veld."
    )
    expect(phone).to_have_url(re.compile(re.escape(_url("membership:apply")) + "$"))
    phone.locator("input[name=membership_type][value=general]").check()
    reduced = phone.locator("input[name=tariff]").nth(1)
    reduced.check()
    phone.locator("textarea[name=justification]").fill("Veel leerlingen met een schooltoelage.")
    expect(phone.get_by_label(re.compile("Basisschool Het Nieuwe Veld"))).to_be_checked()
    axe(phone)
    screenshot(phone, "4-apply-for-the-school")
    phone.get_by_role("button", name="Mijn aanvraag versturen").click()
    expect(phone.locator("main")).to_contain_text("Basisschool Het Nieuwe Veld")
    application = Application.objects.get(organisation__name="Basisschool Het Nieuwe Veld")
    assert application.justification == "Veel leerlingen met een schooltoelage."

    # The team approves once, on a laptop: the invoice goes out.
    log_in(laptop, team_member, live_server.url)
    laptop.goto(_url("membership:applications"))
    laptop.get_by_role("button", name="Goedkeuren").first.click()
    expect(laptop.locator("main")).to_contain_text("Basisschool Het Nieuwe Veld")
    membership = Membership.objects.get(organisation__name="Basisschool Het Nieuwe Veld")
    invoice = invoice_of(membership)
    assert invoice.amount == application.tariff.amount

    # The school pays; the membership is active and the welcome mail is in her mailbox.
    finance.register_payment(
        invoice=invoice, amount=invoice.amount, booked_on=invoice.issued_on, by=team_member
    )
    phone.goto(_url("membership:mine"))
    expect(phone.locator("main")).to_contain_text("Actief")
    axe(phone)
    screenshot(phone, "5-membership-active")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.representative == Person.objects.get(email="directie@hetnieuweveld.be")
    welcome = [m for m in mail.outbox if m.to == ["directie@hetnieuweveld.be"]][-1]
    assert "Basisschool Het Nieuwe Veld" in welcome.body


def test_a_request_without_proof_waits_and_the_contact_person_hands_over(
    phone: Page,
    new_page: Callable[..., Page],
    live_server: Any,
    school: Organisation,
    school_contact: Person,
    team_member: Person,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    director = make_person(email="dirk.directeur@gmail.com", full_name="Dirk Directeur")
    log_in(phone, director, live_server.url)
    phone.goto(_url("network:find"))
    phone.get_by_label("Naam, gemeente of instellingsnummer").fill("linde")
    phone.get_by_role("button", name="Zoeken").click()
    phone.get_by_role("link", name=re.compile("Ik treed op voor deze instelling")).click()
    expect(phone.locator("main")).to_contain_text("het SOM-team bekijkt je verzoek eerst")
    phone.get_by_label("Je rol daar").fill("directeur")
    phone.get_by_role("button", name="Verstuur mijn verzoek").click()
    expect(phone.locator("main form .form-errors, main .errorlist").first).to_be_visible()
    phone.get_by_label("Waarom treed je op voor deze organisatie?").fill(
        "Ik ben de nieuwe directeur sinds september."
    )
    axe(phone)
    screenshot(phone, "6-claim-without-proof")
    phone.get_by_role("button", name="Verstuur mijn verzoek").click()
    expect(phone.locator("main")).to_contain_text("Je verzoek om op te treden")
    claim = Claim.objects.get()
    assert claim.status == Claim.Status.PENDING
    assert not selectors.is_contact(director, school)

    # The team sees who asks, for which school and why, on a big screen.
    screen = new_page(DESKTOP)
    log_in(screen, team_member, live_server.url)
    screen.goto(reverse("reports:team_home"))
    screen.get_by_role("link", name=re.compile("verzoek om op te treden")).click()
    table = screen.locator("main table").first
    for text in ("Basisschool De Linde", "Dirk Directeur", "directeur", "sinds september"):
        expect(table).to_contain_text(text)
    expect(table).to_contain_text("Carla Contact")
    axe(screen)
    screenshot(screen, "7-team-queue-1920")

    # The current contact person hands over from her own page.
    contact = new_page(LAPTOP)
    log_in(contact, school_contact, live_server.url)
    contact.goto(_url("network:mine"))
    contact.get_by_role("link", name=re.compile("Dirk Directeur vraagt")).click()
    axe(contact)
    screenshot(contact, "8-hand-over")
    contact.get_by_role("button", name="Overdragen en stoppen als contactpersoon").click()
    expect(contact.locator("main")).to_contain_text("in jouw plaats")
    claim.refresh_from_db()
    assert (claim.status, claim.basis) == (Claim.Status.GRANTED, Claim.Basis.HANDOVER)
    assert selectors.is_contact(director, school)
    assert not selectors.is_contact(school_contact, school)
