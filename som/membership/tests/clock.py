"""A fixed clock for tests around the turn of the year.

A module that uses it declares the autouse fixture below (import it by name); a test chooses its
day with `@pytest.mark.parametrize("today", ["2026-12-29", "2027-01-02"], indirect=True)`, and
7 December 2026 is the day otherwise. Autouse, it starts before the personas and the years are
made, so their dates are the test's too. `today.move_to(at("2026-03-01"))` moves it."""

import datetime
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

BRUSSELS = ZoneInfo("Europe/Brussels")
DEFAULT_DAY = "2026-12-07"


def at(day: str, hour: int = 10) -> datetime.datetime:
    """That day at `hour` in Leuven."""
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=BRUSSELS
    )


def moment(text: str) -> datetime.datetime:
    """`2026-12-31` (10:00 in Leuven) or `2026-12-31T00:30` (that time in Leuven): the latter
    finds tests that mix Leuven's day with UTC's, which differ for an hour or two each night."""
    if "T" not in text:
        return at(text)
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)


@pytest.fixture(autouse=True)
def today(request: pytest.FixtureRequest) -> Iterator[Any]:  # a time_machine traveller
    with time_machine.travel(at(getattr(request, "param", DEFAULT_DAY)), tick=False) as traveller:
        yield traveller
