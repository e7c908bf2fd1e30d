"""The back office in the browser: a repair the service refuses (a motion kind while a meeting
that votes on it is convened) shows the reason on the form, in Dutch and in English, on a phone
and on a laptop, and changes nothing.

The general assembly's fixtures come from som/governance/tests/conftest.py, imported by name so
pytest finds them here; the test functions then take them as arguments (hence F811)."""
# ruff: noqa: F811

from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.governance.models import Meeting, MotionKind
from som.governance.tests.conftest import (  # noqa: F401 (fixtures)
    assembly,
    convened,
    meeting,
    members,
    secretary,
)
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser

REFUSAL = {
    "nl": "is bijeengeroepen of in zitting onder deze regels",
    "en": "is convened or in session under these rules",
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("device", ["phone", "laptop"])
def test_a_refused_repair_says_why_on_the_form(
    request: pytest.FixtureRequest,
    live_server,
    team_member: Person,
    convened: Meeting,
    screenshot: Callable[[Page, str], Path],
    language: str,
    device: str,
):
    page: Page = request.getfixturevalue(device)
    kind = MotionKind.objects.get(code="statutes")
    before = kind.majority_numerator
    log_in(page, team_member, live_server.url)
    with translation.override(language):
        url = reverse("admin:governance_motionkind_change", args=[kind.pk])

    page.goto(url)
    page.fill("#id_majority_numerator", str(before + 1))
    page.get_by_role("button", name="Opslaan" if language == "nl" else "Save", exact=True).click()

    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.get_by_text(REFUSAL[language])).to_be_visible()
    screenshot(page, f"admin-refusal-{device}-{language}")
    assert MotionKind.objects.get(pk=kind.pk).majority_numerator == before
