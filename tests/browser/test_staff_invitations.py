"""A contact person invites a colleague on a phone; the colleague answers from the mail's link or
from Mijn SOM (issue 17, point 1)."""

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
from som.network import selectors
from som.network.models import Organisation
from som.network.services import invitations
from som.network.tests.factories import make_person
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _url(name: str, language: str = "nl", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _link_in_last_mail(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    match = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert match, message.body
    return match.group(1)


def test_a_contact_invites_a_colleague_who_accepts_from_the_mail(
    phone: Page,
    laptop: Page,
    live_server: Any,
    school: Organisation,
    school_contact: Person,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    log_in(phone, school_contact, live_server.url)
    phone.goto(_url("network:staff", slug=school.slug))
    phone.get_by_label("E-mailadres").fill("nieuw@elders.example")
    phone.get_by_role("button", name="Stuur de uitnodiging").click()
    expect(phone.locator("main")).to_contain_text(
        "We hebben een uitnodiging gestuurd naar nieuw@elders.example"
    )
    expect(phone.locator("#invitations-title")).to_be_visible()
    axe(phone)
    screenshot(phone, "staff-invited-phone-nl")
    log_in(laptop, school_contact, live_server.url)
    laptop.goto(_url("network:staff", "en", slug=school.slug))
    expect(laptop.get_by_role("button", name="Withdraw")).to_be_visible()
    screenshot(laptop, "staff-invited-laptop-en")

    # The colleague opens the link without an account, then signs up with that address.
    newcomer_page = phone.context.browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[union-attr]
    link = _link_in_last_mail("nieuw@elders.example")
    newcomer_page.goto(live_server.url + link)
    expect(newcomer_page.locator("main")).to_contain_text("nieuw@elders.example")
    expect(newcomer_page.get_by_role("button", name="Aanvaarden")).to_have_count(0)
    axe(newcomer_page)
    screenshot(newcomer_page, "invitation-anonymous-phone-nl")
    newcomer = make_person(email="nieuw@elders.example", full_name="Nina Nieuw")
    log_in(newcomer_page, newcomer, live_server.url)
    newcomer_page.goto(live_server.url + link)
    screenshot(newcomer_page, "invitation-invitee-phone-nl")
    newcomer_page.get_by_role("button", name="Aanvaarden").click()
    expect(newcomer_page.locator("main")).to_contain_text("Je staat nu op de personeelslijst")
    assert school in selectors.organisations_of(newcomer)
    newcomer_page.close()


def test_an_invitation_waits_on_mijn_som(
    phone: Page,
    laptop: Page,
    live_server: Any,
    school: Organisation,
    school_contact: Person,
    outsider: Person,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    invitations.invite_staff_member(organisation=school, email=outsider.email, by=school_contact)
    log_in(laptop, outsider, live_server.url)
    laptop.goto(_url("my_som:home", "en"))
    expect(laptop.locator("main")).to_contain_text("Staff list of Basisschool De Linde")
    screenshot(laptop, "my-som-invitation-laptop-en")
    log_in(phone, outsider, live_server.url)
    phone.goto(_url("my_som:home"))
    axe(phone)
    screenshot(phone, "my-som-invitation-phone-nl")
    phone.get_by_role("button", name="Aanvaarden").first.click()
    expect(phone.locator("main")).to_contain_text("Je staat nu op de personeelslijst")
    assert school in selectors.organisations_of(outsider)
