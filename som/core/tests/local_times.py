"""Pages that show a time, rendered on a clock that is not UTC (issue 16: the team's call page
showed a pitch at "14:30" while the programme said 15:30).

Each app's test_local_times.py freezes the clock at 15:30 in Brussels (14:30 UTC) on 7 December,
builds its world through the services, so that every moment it shows is 15:30 local (or a
whole number of days from it), renders each template that shows a time and asserts 15:30 and no
14:30. core/tests/test_local_times.py checks that every template that shows a time is covered.
"""

import datetime
import re
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.test.signals import template_rendered

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
HALF_PAST_THREE = datetime.datetime(2026, 12, 7, 15, 30, tzinfo=BRUSSELS)
LOCAL, UTC = "15:30", "14:30"

# What shows a time in a template: the time filter, a date format with hours, a named format
# with a time, or a programme item printed by its name (which starts with its time).
SHOWS_TIME = re.compile(r"\|time\b|date:['\"][^'\"]*[HGgh]:i|DATETIME_FORMAT|pitch_slot \}\}")


def templates_showing_time() -> set[str]:
    """Every project template (by its name, as the loader finds it) that shows a time."""
    roots = [Path(settings.BASE_DIR) / "templates"]
    roots += sorted((Path(settings.BASE_DIR) / "som").glob("*/templates"))
    found = set()
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix in {".html", ".txt"} and SHOWS_TIME.search(path.read_text()):
                found.add(str(path.relative_to(root)))
    return found


def rendered(response: object) -> set[str]:
    return {template.name for template in getattr(response, "templates", []) if template.name}


def assert_local(client: Client, url: str, templates: set[str]) -> str:
    """GET `url`: it renders `templates` and shows 15:30, never the UTC 14:30."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    missing = templates - rendered(response)
    assert not missing, f"{url} did not render {missing}"
    return assert_local_text(response.content.decode(), url)


def assert_local_text(text: str, where: str) -> str:
    assert LOCAL in text, f"{where} shows no 15:30"
    assert UTC not in text, f"{where} shows the UTC time 14:30 for 15:30 in Brussels"
    return text


@contextmanager
def templates_rendered() -> Iterator[set[str]]:
    """The names of the templates rendered inside the block (mails, PDFs: no response)."""
    names: set[str] = set()

    def note(sender: object, template: object, **kwargs: object) -> None:
        name = getattr(template, "name", None)
        if name:
            names.add(name)

    template_rendered.connect(note)
    try:
        yield names
    finally:
        template_rendered.disconnect(note)
