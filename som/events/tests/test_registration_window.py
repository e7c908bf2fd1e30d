import datetime

import pytest

from som.events.models import RegistrationWindow

NOON = datetime.datetime(2027, 3, 10, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def window(**changes: object) -> RegistrationWindow:
    fields: dict[str, object] = {
        "takes_registrations": True,
        "is_published": True,
        "opens_at": NOON - HOUR,
        "closes_at": NOON + HOUR,
    }
    return RegistrationWindow(**(fields | changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "now", "state"),
    [
        ({}, NOON, "open"),
        ({}, NOON - 2 * HOUR, "not_yet"),
        ({}, NOON + HOUR, "closed"),  # closes at that moment
        ({"opens_at": None}, NOON - 100 * HOUR, "open"),  # open from publication
        ({"takes_registrations": False}, NOON, "none"),  # at the organiser's
        ({"is_published": False}, NOON, "closed"),  # a draft: the team's preview
        ({"is_published": False}, NOON - 2 * HOUR, "not_yet"),  # a draft says when it opens
    ],
)
def test_where_a_moment_falls_in_the_registration_window(
    changes: dict[str, object], now: datetime.datetime, state: str
) -> None:
    assert window(**changes).state_at(now) == state
