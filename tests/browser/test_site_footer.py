"""The footer names the organisation from the settings and links to the running version's
source (AGPL section 13), readable and clickable on a phone and a laptop, in both languages."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_the_footer_links_to_the_source_code(
    phone: Page, laptop: Page, live_server: Any, screenshot: Callable[[Page, str], Path]
) -> None:
    with override_settings(SOM_SOURCE_URL="https://git.example.org/platform"):
        for device, page in [("phone", phone), ("laptop", laptop)]:
            for language, link in [("nl", "Broncode"), ("en", "Source code")]:
                page.goto(live_server.url + ("/" if language == "nl" else "/en/"))
                footer = page.locator("footer")
                source = footer.get_by_role("link", name=link)
                expect(source).to_be_visible()
                expect(source).to_have_attribute("href", "https://git.example.org/platform")
                expect(footer).to_contain_text("SOM Leuven vzw")
                box = source.bounding_box()
                width = (page.viewport_size or {"width": 0})["width"]
                assert box is not None and box["x"] + box["width"] <= width
                footer.scroll_into_view_if_needed()
                screenshot(page, f"footer-{device}-{language}")
