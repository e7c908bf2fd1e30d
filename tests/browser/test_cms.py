"""A team member logs in through our login with the authenticator's code and works in Wagtail's
admin (/cms/): the dashboard, the page explorer, an image upload, and the home page's banner edited
with the preview panel open, then published. The browser's console must show no content security
policy violation on any of these (the admin has its own policy: som/accounts/middleware.py)."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from conftest import TEAM_TOTP_SECRET
from som.accounts.models import Person
from som.accounts.services import current_totp_code
from som.publishing.models import HomePage

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"
NEW_TITLE = "Samen maken we het onderwijs van morgen"


def _watch_console(page: Page) -> list[str]:
    """The console's errors and the page's uncaught exceptions, as they come."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    return problems


def _policy_problems(problems: list[str]) -> list[str]:
    return [p for p in problems if "Content Security Policy" in p or p.startswith("uncaught")]


def _log_in_with_the_code(page: Page, person: Person) -> None:
    page.goto(reverse("account_login") + "?next=" + reverse("wagtailadmin_home"))
    page.locator("input[name=login]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator(f"form[action='{reverse('account_login')}'] button[type=submit]").click()
    page.locator("input[name=code]").fill(current_totp_code(TEAM_TOTP_SECRET))
    page.locator("input[name=code]").press("Enter")
    expect(page).to_have_url(reverse("wagtailadmin_home"))


def test_the_team_edits_previews_and_publishes_the_home_page_without_policy_errors(
    laptop: Page,
    live_server: Any,
    team_member: Person,
    screenshot: Callable[[Page, str], Path],
    tmp_path: Path,
) -> None:
    problems = _watch_console(laptop)
    _log_in_with_the_code(laptop, team_member)
    expect(laptop.locator("html")).to_have_attribute("lang", "nl")
    expect(laptop.get_by_text("Zoeken").first).to_be_visible()  # Wagtail's menu, in Dutch
    screenshot(laptop, "cms-dashboard")

    home = HomePage.objects.get(locale__language_code="nl")
    laptop.goto(reverse("wagtailadmin_explore", args=[home.pk]))
    expect(laptop.get_by_role("link", name="Over SOM").first).to_be_visible()
    screenshot(laptop, "cms-explorer")

    upload = tmp_path / "klas.png"
    upload.write_bytes((Path(settings.BASE_DIR) / "static/img/share-default.png").read_bytes())
    laptop.goto(reverse("wagtailimages:add_multiple"))
    laptop.locator("input[type=file]").set_input_files(str(upload))
    expect(laptop.get_by_text("Upload geslaagd")).to_be_visible()
    screenshot(laptop, "cms-image-uploaded")

    laptop.goto(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    previews: list[Response] = []
    preview_path = reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk])

    def on_response(response: Response) -> None:
        if response.request.method == "GET" and preview_path in response.url:
            previews.append(response)

    laptop.on("response", on_response)
    laptop.locator("#id_hero_title").fill(NEW_TITLE)
    # Opening the panel sends the form as it is to the preview view, then loads the frame.
    laptop.locator("[data-side-panel-toggle='preview']").click()
    # Wagtail loads each new preview in a second frame and then drops the first.
    preview = laptop.frame_locator("iframe[title='Voorvertoning']").last
    expect(preview.locator("h1").first).to_contain_text(NEW_TITLE, timeout=30_000)
    screenshot(laptop, "cms-edit-with-preview")
    # The preview has the public page's own policy, framed by the admin only.
    policy = previews[-1].headers["content-security-policy"]
    assert "frame-ancestors 'self'" in policy
    assert "unsafe-inline" not in policy
    assert previews[-1].headers["x-frame-options"] == "SAMEORIGIN"

    laptop.locator("[data-side-panel-toggle='preview']").click()  # the panel closes
    laptop.locator(".footer__container [data-w-dropdown-target='toggle']").first.click()
    laptop.get_by_role("button", name="Publiceren").click()
    expect(laptop.locator(".messages")).to_contain_text("'Home' is gepubliceerd")
    home.refresh_from_db()
    assert home.hero_title == NEW_TITLE
    assert home.live_revision == home.latest_revision
    laptop.goto("/")
    expect(laptop.locator("h1").first).to_contain_text(NEW_TITLE)
    screenshot(laptop, "cms-published-home")

    assert not _policy_problems(problems), "\n".join(_policy_problems(problems))
