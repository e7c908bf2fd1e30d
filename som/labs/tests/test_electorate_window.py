"""The selection vote's electorate is who was checked in at the network day's door, so it can
only grow while the doors are open: not days before, not after the end (issue 15, point 6)."""

import datetime
import zoneinfo

import pytest

from som.events import services as events
from som.events.models import Event
from som.events.tests.factories import make_event
from som.labs import electorate
from som.network.tests.factories import make_person
from som.voting import electorates
from som.voting.electorates import Eligibility, Refusal
from som.voting.models import Poll

STARTS = datetime.datetime(2027, 3, 18, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
DOORS_OPEN = STARTS - datetime.timedelta(minutes=60)
ENDS = STARTS + datetime.timedelta(hours=6)
REGISTERED = STARTS - datetime.timedelta(days=10)


@pytest.fixture
def network_day(db) -> Event:
    return make_event(title="SOM-netwerkdag maart", starts_at=STARTS, ends_at=ENDS)


def _selection_poll(network_day: Event) -> Poll:
    return Poll(electorate_kind=electorate.KIND, electorate_reference=f"event:{network_day.pk}")


def _people(poll: Poll) -> int:
    size = electorates.size(poll)
    assert size is not None
    return size.people


@pytest.mark.parametrize(
    "when",
    [STARTS - datetime.timedelta(days=3), DOORS_OPEN - datetime.timedelta(minutes=1), ENDS
     + datetime.timedelta(minutes=1)],
    ids=["days_before", "a_minute_before_the_doors_open", "a_minute_after_the_end"],
)  # fmt: skip
def test_the_team_cannot_make_voters_outside_the_window(network_day, team_member, when):
    poll = _selection_poll(network_day)
    person = make_person()
    ticket = events.register(event=network_day, person=person, now=REGISTERED)
    for event in (network_day, None):  # the door page, and the API without an event
        with pytest.raises(events.CheckInError):
            events.check_in(event=event, ticket_code=ticket.ticket_code, by=team_member, now=when)
    with pytest.raises(events.RegistrationError):
        events.walk_in(event=network_day, person=make_person(), by=team_member, now=when)
    assert _people(poll) == 0
    assert isinstance(electorates.check(poll, person), Refusal)


def test_at_the_door_while_it_is_open_the_electorate_grows(network_day, team_member):
    poll = _selection_poll(network_day)
    person, walk_in = make_person(), make_person()
    ticket = events.register(event=network_day, person=person, now=REGISTERED)
    events.check_in(event=network_day, ticket_code=ticket.ticket_code, by=team_member, now=STARTS)
    events.walk_in(event=network_day, person=walk_in, by=team_member, now=DOORS_OPEN)
    assert _people(poll) == 2
    assert isinstance(electorates.check(poll, person), Eligibility)
    assert isinstance(electorates.check(poll, walk_in), Eligibility)
