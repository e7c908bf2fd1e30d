"""Browser tests: Playwright's sync API driving Debian's chromium against pytest-django's live_server.

Nothing is downloaded: the browser is /usr/bin/chromium (never `playwright install`) and axe-core
comes bundled with axe-playwright-python.

Fixtures:
- `phone` and `laptop`: a fresh page at 390x844 or 1280x800;
- `no_js`: a phone-sized page with JavaScript disabled;
- `axe(page)`: fails on any "serious" or "critical" accessibility violation;
- `screenshot(page, name)`: a full-page screenshot in $SOM_SCREENSHOTS (default: the test's tmp_path).
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 15_000


@pytest.fixture(autouse=True)
def _reference_data(django_db_serialized_rollback: None) -> None:
    """Keep the rows the data migrations seed (tariffs, speerpunten).

    live_server needs transactional_db, which empties every table after each test; a serialized
    rollback puts the migrated rows back before the next one.
    """


@pytest.fixture(scope="module")
def playwright(django_db_setup: None) -> Iterator[Playwright]:
    # Playwright's sync API keeps an event loop running in this thread, and Django refuses ORM
    # calls from "an async context" unless told otherwise. Only while the browser tests run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With a running loop, Django's connections live in a context-local store instead of the
    # thread-local one: new connection objects, without the snapshot of the migrated data that
    # the test database setup left for serialized rollbacks. Hand them that snapshot.
    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    try:
        with sync_playwright() as driver:
            for alias, snapshot in snapshots.items():
                if snapshot is not None:
                    connections[alias]._test_serialized_contents = snapshot  # type: ignore[attr-defined]
            yield driver
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does it as root)")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    """`new_page(viewport=..., **context_options)`: a page in a fresh context on live_server."""
    contexts: list[BrowserContext] = []

    def make(viewport: ViewportSize, **options: Any) -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, locale="nl-BE", **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def phone(new_page: Callable[..., Page]) -> Page:
    return new_page(PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.fixture
def laptop(new_page: Callable[..., Page]) -> Page:
    return new_page(LAPTOP)


@pytest.fixture
def no_js(new_page: Callable[..., Page]) -> Page:
    return new_page(PHONE, java_script_enabled=False)


def _violation_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}\n" + "".join(f"  at {target}\n" for target in targets[:10])
        )
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Callable[[Page], None]:
    """`axe(page)`: run axe-core on the page; fail on serious or critical violations."""
    engine = Axe()

    def check(page: Page) -> None:
        results = engine.run(page)
        blocking = [
            violation
            for violation in results.response["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]
        assert not blocking, (
            f"axe found {len(blocking)} serious or critical accessibility violation(s) on "
            f"{page.url}:\n{_violation_report(blocking)}"
        )

    return check


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    configured = os.environ.get("SOM_SCREENSHOTS")
    directory = Path(configured) if configured else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def screenshot(screenshot_dir: Path) -> Callable[[Page, str], Path]:
    """`screenshot(page, name)`: save a full-page PNG and return its path."""

    def take(page: Page, name: str) -> Path:
        path = screenshot_dir / f"{re.sub(r'[^a-zA-Z0-9_.-]+', '-', name).strip('-')}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
