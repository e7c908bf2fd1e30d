"""The team sees the overbooking proposal of a full event on its attendance page, with the risk,
and accepts it: the waiting list moves up. On a phone and a laptop."""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.events import services
from som.events.models import Event
from som.events.tests.factories import make_event
from som.network.tests.factories import make_person
from tests.browser.sessions import log_in

pytestmark = pytest.mark.browser


def _held(registered: int, present: int, days_ago: int) -> None:
    event = make_event(kind=Event.Kind.COMMUNITY, capacity=None)
    tickets = [
        services.register(event=event, person=make_person()).ticket_code for _ in range(registered)
    ]
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    event.refresh_from_db()
    door = make_person(is_staff=True)
    for code in tickets[:present]:
        services.check_in(event=event, ticket_code=code, by=door, now=starts)


@pytest.fixture
def full_workshop(db: Any) -> Event:
    """Past community events came at 80%, 70% and 60%: for 20 places the proposal is 5 extra;
    the workshop is full with four people waiting."""
    for days, present in ((30, 8), (90, 7), (150, 6)):
        _held(10, present, days)
    event = make_event(kind=Event.Kind.COMMUNITY, title="Werkwinkel: ouders", capacity=20)
    for _ in range(24):
        services.register(event=event, person=make_person())
    return event


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("device", ["phone", "laptop"])
def test_the_team_sees_the_proposal_and_accepts_it(
    device: str,
    request: pytest.FixtureRequest,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    full_workshop: Event,
    team_member: Person,
) -> None:
    page: Page = request.getfixturevalue(device)
    log_in(page, team_member, live_server.url)
    page.goto(_url("events:attendance_event", pk=full_workshop.pk))
    section = page.locator("#overbooking-section")
    expect(section).to_contain_text("5")
    field = section.get_by_role("spinbutton")
    expect(field).to_have_value("5")
    screenshot(page, f"overbooking-proposal-{device}")
    axe(page)
    section.get_by_role("button").click()
    expect(page.locator(".messages, [role=status], .notice--success").first).to_contain_text("25")
    full_workshop.refresh_from_db()
    assert (full_workshop.extra_places, full_workshop.places) == (5, 25)
    assert full_workshop.registrations.filter(status="waiting").count() == 0
    screenshot(page, f"overbooking-accepted-{device}")
    page.goto(_url("events:attendance"))
    expect(page.locator("#rate-chart-title")).to_have_count(1)
    screenshot(page, f"attendance-show-up-{device}")
    axe(page)
