"""G11 of `make bench`: a phone on a crowded network casts its ballot.

Chromium (Debian's, driven by Playwright) with the network throttled through the DevTools protocol
(`Network.emulateNetworkConditions`: 1.6 Mbps down, 750 kbps up, 150 ms latency), a phone's
viewport and an empty profile (a fresh browser context: nothing cached, no cookie but the voter's
session). One journey: open the ballot's address, tick two proposals, send; it ends when the page
that says the ballot is counted has loaded. Its time is what the browser's own clock says
(Navigation Timing: the ballot page's `loadEventEnd` plus the answer's, redirect included), so the
ticking and Playwright's own round trips are not counted. Its bytes are what came over the
network for every request: `Network.loadingFinished.encodedDataLength` (headers and compressed
body) plus the headers of a redirect.

Used by bench/run.py; it needs the test extra's Playwright and /usr/bin/chromium.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
# Chromium's throttling wants bytes per second and milliseconds.
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
# The page that says "counted": the ballot's state (templates/labs/ballot.html) or the
# reference's body (bench/templates/bench/counted.html).
COUNTED = '[data-state="voted"]'
TIMEOUT_MS = 30_000


@dataclass
class Journey:
    show_ms: float  # opening the link until the ballot page has loaded
    answer_ms: float  # sending until the "counted" page has loaded
    received: int  # bytes over the network, all requests
    # (url, status and content encoding, bytes): "200 br", "302"
    requests: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def total_ms(self) -> float:
        return self.show_ms + self.answer_ms


def available() -> str:
    """Why G11 cannot run here, or "" when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs Playwright (the test extra: pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"needs {CHROMIUM} (apt-get install chromium)"
    return ""


class Phones:
    """One browser for all journeys; a fresh context (an empty profile) per journey."""

    def __init__(self) -> None:
        from playwright.sync_api import Error, sync_playwright

        self._driver = sync_playwright().start()
        try:
            self.browser = self._driver.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
        except Error as error:
            self._driver.stop()
            raise RuntimeError(
                f"Chromium did not start: {error.message.splitlines()[0]}"
            ) from error

    def close(self) -> None:
        self.browser.close()
        self._driver.stop()

    def journey(
        self,
        base_url: str,
        path: str,
        session: str | None,
        *,
        screenshots: tuple[str, str] | None = None,
    ) -> Journey:
        """Open `path` as the voter of `session` (None: nobody), tick two, send, until counted.

        `screenshots`: two PNG paths for the ballot and the answer (taken after the timing).
        Raises RuntimeError when the journey does not end on the counted page."""
        from playwright.sync_api import Error

        try:
            return self._journey(base_url, path, session, screenshots)
        except Error as error:
            raise RuntimeError(f"{path}: {error.message.splitlines()[0]}") from error

    def _journey(
        self, base_url: str, path: str, session: str | None, screenshots: tuple[str, str] | None
    ) -> Journey:
        context = self.browser.new_context(
            base_url=base_url,
            viewport=PHONE,  # type: ignore[arg-type]
            is_mobile=True,
            has_touch=True,
            device_scale_factor=2,
            locale="nl-BE",
        )
        context.set_default_timeout(TIMEOUT_MS)
        if session:
            context.add_cookies(
                [{"name": "sessionid", "value": session, "url": base_url, "httpOnly": True}]
            )
        try:
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", NETWORK)
            traffic = _Traffic()
            cdp.on("Network.requestWillBeSent", traffic.sent)
            cdp.on("Network.responseReceived", traffic.answered)
            cdp.on("Network.loadingFinished", traffic.finished)
            response = page.goto(path, wait_until="load")
            if response is None or response.status != 200:
                raise RuntimeError(f"GET {path}: {response.status if response else 'no answer'}")
            show_ms = _load_ms(page)
            if screenshots:
                page.screenshot(path=screenshots[0], full_page=True)
            boxes = page.locator('input[name="choice"]')
            if boxes.count() < 2:
                raise RuntimeError(f"{path}: no ballot to fill in (not open, or voted already)")
            boxes.nth(0).check()
            boxes.nth(1).check()
            with page.expect_navigation(wait_until="load") as navigation:
                page.locator('button[type="submit"]').click()
            answer = navigation.value
            if answer is None or answer.status != 200:
                status = answer.status if answer else "no answer"
                raise RuntimeError(f"POST {path}: {status}, not the counted page")
            if page.locator(COUNTED).count() == 0:
                raise RuntimeError(f"POST {path}: the answer does not say the ballot is counted")
            answer_ms = _load_ms(page)
            # What loads after the load event (the icon) still counts: let it finish.
            page.wait_for_timeout(1500)
            if screenshots:
                page.screenshot(path=screenshots[1], full_page=True)
            return Journey(show_ms, answer_ms, traffic.total(), traffic.rows())
        finally:
            context.close()


def _load_ms(page: Any) -> float:
    """The current page's navigation start to the end of its load event (redirects included)."""
    value = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventEnd - n.startTime; }"
    )
    return float(value)


class _Traffic:
    """Bytes received per request, as Chromium's network stack counts them."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self.answers: dict[str, str] = {}
        self.bytes: dict[str, int] = {}
        self.redirects: list[tuple[str, str, int]] = []

    def sent(self, event: dict[str, Any]) -> None:
        redirect = event.get("redirectResponse")
        if redirect:
            # A redirect ends no loading: its headers are counted here.
            self.redirects.append(
                (redirect["url"], _answer(redirect), int(redirect.get("encodedDataLength", 0)))
            )
        self.urls[event["requestId"]] = event["request"]["url"]

    def answered(self, event: dict[str, Any]) -> None:
        self.answers[event["requestId"]] = _answer(event["response"])

    def finished(self, event: dict[str, Any]) -> None:
        self.bytes[event["requestId"]] = int(event["encodedDataLength"])

    def rows(self) -> list[tuple[str, str, int]]:
        return self.redirects + [
            (self.urls.get(request, "?"), self.answers.get(request, "?"), size)
            for request, size in self.bytes.items()
        ]

    def total(self) -> int:
        return sum(size for _url, _status, size in self.rows())


def _answer(response: dict[str, Any]) -> str:
    headers = {name.lower(): value for name, value in response.get("headers", {}).items()}
    return f"{response['status']} {headers.get('content-encoding', '')}".strip()
