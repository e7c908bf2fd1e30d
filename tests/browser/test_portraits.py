"""Portraits in a real browser: a portrait and the list on a phone and a laptop (accessible), a
reader's message sent from the page, and the person's approval page with its three choices."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from som.publishing.models import PortraitApproval
from som.publishing.tests.portrait_world import approval_of, make_portrait, published_portrait

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", ["phone", "laptop"])
def test_a_portrait_and_the_list_read_well_and_the_reader_writes_to_the_person(
    device: str,
    request: pytest.FixtureRequest,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    page: Page = request.getfixturevalue(device)
    portrait = published_portrait()
    page.goto(live_server.url + portrait.get_parent().url)
    expect(page.get_by_role("link", name="Elise Janssens")).to_be_visible()
    axe(page)
    screenshot(page, f"portrait-list-{device}")

    page.get_by_role("link", name="Elise Janssens").click()
    expect(page.get_by_role("heading", level=1, name="Elise Janssens")).to_be_visible()
    expect(page.get_by_role("heading", name="Contacteer mij")).to_be_visible()
    viewport = page.viewport_size
    assert viewport is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    axe(page)
    screenshot(page, f"portrait-{device}")

    page.get_by_label("Je naam").fill("Ann")
    page.get_by_label("Je e-mailadres").fill("ann@example.org")
    page.get_by_label("Je bericht").fill("Mag ik je bellen over participatie?")
    page.get_by_role("button", name="Versturen").click()
    expect(
        page.get_by_text("Bedankt! Je bericht is verstuurd naar Elise Janssens.")
    ).to_be_visible()
    assert [m.to for m in mail.outbox] == [[portrait.person_email]]
    assert portrait.person_email not in page.content()


def test_the_person_reads_the_text_and_approves_it_on_a_phone(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    portrait = make_portrait()
    approval = approval_of(portrait, status=PortraitApproval.Status.ASKED, token="browser-link")
    phone.goto(live_server.url + "/portret/goedkeuren/browser-link/")
    expect(phone.get_by_role("heading", name="Je portret op onze website")).to_be_visible()
    expect(phone.get_by_text("Gelijke onderwijskansen.")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    axe(phone)
    screenshot(phone, "portrait-approval-phone")

    phone.get_by_role("button", name="De tekst goedkeuren").click()
    expect(phone.get_by_text("Bedankt! Je hebt je portret goedgekeurd.")).to_be_visible()
    approval.refresh_from_db()
    assert approval.status == PortraitApproval.Status.APPROVED
    expect(phone.get_by_role("button", name="Mijn portret intrekken")).to_be_visible()
    axe(phone)
