"""The attendance certificate in the browser: an attendee goes from Mijn SOM to their
certificates, downloads the one of an event they were checked in at (issued on that first
download), then opens the public check page its code leads to, as anybody would. On a phone
(390x844) and a laptop (1280x800); axe checks each page; the screenshots go to $SOM_SCREENSHOTS."""

import datetime
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from som.accounts.models import Person
from som.events import services
from som.events.models import Certificate
from som.events.tests.factories import make_event
from som.network.tests.factories import make_person
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _attended(person: Person) -> None:
    """A study afternoon ten days ago, registered for a week before it, checked in at the door."""
    day = timezone.localdate() - datetime.timedelta(days=10)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(13, 30)))
    event = make_event(
        title="Studienamiddag: evalueren met rubrics",
        kind="community",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )
    registration = services.register(
        event=event, person=person, now=starts - datetime.timedelta(days=7)
    )
    door = make_person(is_staff=True)
    services.check_in(event=event, ticket_code=registration.ticket_code, by=door, now=starts)


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_an_attendee_downloads_the_certificate_and_its_code_checks_out(
    size: str,
    request: pytest.FixtureRequest,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    teacher: Person,
) -> None:
    page: Page = request.getfixturevalue(size)
    _attended(teacher)
    log_in(page, teacher, live_server.url)
    page.goto("/mijn-som/")
    page.get_by_role("link", name="Mijn attesten").click()
    expect(page).to_have_url(live_server.url + "/agenda/mijn-attesten/")
    row = page.get_by_role("row", name="Studienamiddag: evalueren met rubrics")
    expect(row).to_be_visible()
    axe(page)
    screenshot(page, f"certificates-mine-{size}")

    with page.expect_download() as download:
        row.get_by_role("button", name="Attest downloaden").click()
    certificate = Certificate.objects.get()
    pdf = Path(download.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Lotte Leraar" in text and certificate.code in text
    assert "Attest van deelname" in text
    assert f"/attest/{certificate.code}/" in text.replace("\n", "")

    page.reload()
    row = page.get_by_role("row", name="Studienamiddag: evalueren met rubrics")
    expect(row.get_by_role("link", name="Attest downloaden")).to_be_visible()
    screenshot(page, f"certificates-issued-{size}")
    row.get_by_role("link", name=certificate.code).click()

    expect(page).to_have_url(live_server.url + f"/attest/{certificate.code}/")
    expect(page.get_by_role("heading", name="Dit attest is echt")).to_be_visible()
    facts = page.locator("dl.details")
    expect(facts).to_contain_text("Lotte Leraar")
    expect(facts).to_contain_text(certificate.code)
    expect(facts).not_to_contain_text("De Linde")  # the school is not on the certificate
    axe(page)
    screenshot(page, f"certificate-check-{size}")

    page.goto("/attest/ABCD-EFGH-JK/")
    expect(page.get_by_role("heading", name="Geen attest met deze code")).to_be_visible()
