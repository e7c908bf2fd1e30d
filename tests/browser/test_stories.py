"""Stories in a real browser: the list and a story on a phone and a laptop (accessible), and a
video that asks nothing of YouTube until the reader clicks its button."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Request, expect

from som.accounts.models import Person
from som.publishing.models import StoryPage
from som.publishing.tests.story_world import _lab, index_in, make_lead, published_story
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _video_story() -> Any:
    story = published_story("Een videoverslag", kind="video_report")
    story.body = [
        ("text", "Kijk mee naar onze eerste labsessie."),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=abcDEF12345",
                "title": "Onze eerste labsessie",
                "caption": "Gefilmd in de leraarskamer",
            },
        ),
    ]
    story.save_revision().publish()
    return story


def test_the_video_loads_from_youtube_only_after_a_click(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    story = _video_story()
    asked: list[str] = []

    def watch(request: Request) -> None:
        if "youtube" in request.url or "vimeo" in request.url:
            asked.append(request.url)

    phone.on("request", watch)
    # Nothing leaves the machine in a test: a request to the host is answered here, empty.
    phone.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body=""))
    phone.goto(live_server.url + story.url)
    button = phone.get_by_role("button", name="Onze eerste labsessie")
    expect(button).to_be_visible()
    assert phone.locator("iframe").count() == 0
    axe(phone)
    screenshot(phone, "story-video-phone")
    assert asked == []

    button.click()

    frame = phone.locator("iframe.video-block__player")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"
    )
    expect(frame).to_have_attribute("title", "Onze eerste labsessie")
    assert asked and all(url.startswith("https://www.youtube-nocookie.com/") for url in asked)


def test_without_scripts_the_video_is_a_link(no_js: Page, live_server: Any) -> None:
    story = _video_story()
    no_js.goto(live_server.url + story.url)
    link = no_js.get_by_role("link", name="Onze eerste labsessie")
    expect(link).to_have_attribute("href", "https://www.youtube.com/watch?v=abcDEF12345")


def test_the_list_on_a_phone_and_a_laptop(
    phone: Page,
    laptop: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    for number in range(3):
        published_story(f"Story nummer {number}", lead="Een korte inleiding over wat we deden.")
    for page, name in ((phone, "phone"), (laptop, "laptop")):
        page.goto(live_server.url + index_in("nl").url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Story's")
        expect(page.locator(".story-card")).to_have_count(3)
        axe(page)
        screenshot(page, f"stories-{name}")
        # Nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_lead_writes_a_story_on_a_phone(
    phone: Page,
    live_server: Any,
    lab_lead: Person,
    team_member: Person,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    lab = _lab("Diverse leraarskamer", team_member)
    make_lead(lab, lab_lead, team_member)
    log_in(phone, lab_lead, live_server.url)
    phone.goto(live_server.url + reverse("labs:group", kwargs={"slug": lab.slug}))
    phone.get_by_role("link", name="Schrijf een story").first.click()
    expect(phone.get_by_role("heading", name="Schrijf een story")).to_be_visible()
    axe(phone)
    phone.get_by_label("Titel").fill("Koken in de leraarskamer")
    phone.get_by_label("Inleiding").fill("Hoe een maaltijd de leraarskamer veranderde.")
    phone.get_by_label("De story").fill("We kookten samen.\n\n## Wat we leerden\n\n- praten")
    screenshot(phone, "story-form-phone")
    phone.get_by_role("button", name="Naar het team sturen").click()
    expect(phone.get_by_text("Bedankt!")).to_be_visible()
    expect(phone.get_by_role("cell", name="wacht op nalezing door het team")).to_be_visible()
    axe(phone)
    screenshot(phone, "lab-stories-phone")
    story = StoryPage.objects.get(written_for_lab=lab)
    assert not story.live and story.owner == lab_lead
