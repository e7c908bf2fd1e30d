"""Check-in only from the doors opening (`doors_open_minutes` before the start) to the end:
being checked in makes a person a voter at a network day, so it happens there and then."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from som.core.models import AuditEntry
from som.events import services
from som.events.models import Event, Registration
from som.events.tests.factories import make_event

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
# 18 March 2027, 09:30 in Leuven (08:30 UTC): the doors open at 08:30 local time.
STARTS = datetime.datetime(2027, 3, 18, 9, 30, tzinfo=BRUSSELS)
DOORS_OPEN = STARTS - datetime.timedelta(minutes=60)
ENDS = STARTS + datetime.timedelta(hours=6)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def event(db) -> Event:
    return make_event(title="SOM-netwerkdag maart", starts_at=STARTS, ends_at=ENDS)


@pytest.fixture
def ticket(event, teacher) -> Registration:
    return services.register(event=event, person=teacher, now=STARTS - datetime.timedelta(days=9))


def _check_in(ticket: Registration, *, at_the_door: bool, by, now) -> Registration:
    """At the door of the ticket's event, or (the API without an event) of its own event: the
    second path keeps to the window in SQL."""
    event = ticket.event if at_the_door else None
    return services.check_in(event=event, ticket_code=ticket.ticket_code, by=by, now=now)


both_doors = pytest.mark.parametrize("at_the_door", [True, False], ids=["door", "any_event"])


@both_doors
def test_a_ticket_is_refused_before_the_doors_open(ticket, team_member, at_the_door):
    with translation.override("en"), pytest.raises(services.CheckInError) as error:
        _check_in(ticket, at_the_door=at_the_door, by=team_member, now=DOORS_OPEN - SECOND)
    assert error.value.code == "outside_window"
    assert error.value.message == "Check-in opens at 08:30."
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None


@both_doors
def test_a_ticket_is_checked_in_when_the_doors_open(ticket, team_member, at_the_door):
    registration = _check_in(ticket, at_the_door=at_the_door, by=team_member, now=DOORS_OPEN)
    assert registration.checked_in_at == DOORS_OPEN
    ticket.refresh_from_db()
    assert ticket.checked_in_at == DOORS_OPEN


@both_doors
def test_a_ticket_is_checked_in_at_the_very_end(ticket, team_member, at_the_door):
    _check_in(ticket, at_the_door=at_the_door, by=team_member, now=ENDS)
    ticket.refresh_from_db()
    assert ticket.checked_in_at == ENDS


@both_doors
def test_a_ticket_is_refused_after_the_end(ticket, team_member, at_the_door):
    with translation.override("en"), pytest.raises(services.CheckInError) as error:
        _check_in(ticket, at_the_door=at_the_door, by=team_member, now=ENDS + SECOND)
    assert error.value.code == "outside_window"
    assert error.value.message == (
        "Check-in closed when the event ended, on 18 March 2027 at 15:30."
    )
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None


def test_days_before_the_message_gives_the_date_of_the_doors_opening(ticket, team_member):
    with translation.override("nl"), pytest.raises(services.CheckInError) as error:
        _check_in(ticket, at_the_door=True, by=team_member, now=STARTS - datetime.timedelta(days=3))
    assert error.value.message == "Inchecken kan vanaf 18 maart 2027 om 08:30."


def test_the_team_sets_how_early_the_doors_open(ticket, team_member):
    Event.objects.filter(pk=ticket.event_id).update(doors_open_minutes=15)
    ticket.refresh_from_db()
    with pytest.raises(services.CheckInError):
        _check_in(ticket, at_the_door=False, by=team_member, now=DOORS_OPEN)
    quarter_before = STARTS - datetime.timedelta(minutes=15)
    _check_in(ticket, at_the_door=True, by=team_member, now=quarter_before)


def test_a_walk_in_is_refused_outside_the_window(event, team_member, expert):
    with pytest.raises(services.RegistrationError) as error:
        services.walk_in(event=event, person=expert, by=team_member, now=DOORS_OPEN - SECOND)
    assert error.value.code == "outside_window"
    with pytest.raises(services.RegistrationError):
        services.walk_in(event=event, person=expert, by=team_member, now=ENDS + SECOND)
    assert not Registration.objects.filter(person=expert).exists()
    walk_in = services.walk_in(event=event, person=expert, by=team_member, now=DOORS_OPEN)
    assert walk_in.checked_in_at == DOORS_OPEN


# --- The door page and the API --------------------------------------------------------------------


def _door_event_starting_in(delta: datetime.timedelta, person) -> tuple[Event, Registration]:
    """An event at `delta` from the real clock (the pages read it), with a ticket bought days
    before."""
    starts = timezone.now() + delta
    event = make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    ticket = services.register(event=event, person=person, now=starts - datetime.timedelta(days=3))
    return event, ticket


def test_before_the_doors_open_the_door_page_says_when_instead_of_scanning(
    client_of, team_member, teacher
):
    event, _ticket = _door_event_starting_in(datetime.timedelta(hours=3), teacher)
    opens = timezone.localtime(event.doors_open_at).strftime("%H:%M")
    with translation.override("en"):
        response = client_of(team_member).get(
            reverse("events:door", kwargs={"pk": event.pk}), {"q": teacher.full_name}
        )
    html = response.content.decode()
    assert 'id="door-closed"' in html and opens in html
    assert 'name="ticket_code"' not in html  # no scanning
    assert 'name="registration"' not in html  # no check-in button by the names found
    assert 'name="email"' not in html  # no walk-in


def test_while_the_doors_are_open_the_door_page_scans(client_of, team_member, teacher):
    event, _ticket = _door_event_starting_in(datetime.timedelta(minutes=30), teacher)
    response = client_of(team_member).get(reverse("events:door", kwargs={"pk": event.pk}))
    html = response.content.decode()
    assert 'id="door-closed"' not in html and 'name="ticket_code"' in html


def test_a_scan_before_the_doors_open_says_when_they_open(client_of, team_member, teacher):
    event, ticket = _door_event_starting_in(datetime.timedelta(hours=3), teacher)
    response = client_of(team_member).post(
        reverse("events:door_check_in", kwargs={"pk": event.pk}),
        {"ticket_code": ticket.ticket_code},
        HTTP_ACCEPT="application/json",
    )
    answer = response.json()
    assert answer["ok"] is False and answer["code"] == "outside_window"
    assert timezone.localtime(event.doors_open_at).strftime("%H:%M") in answer["detail"]


@both_doors
def test_only_the_team_checks_in_whatever_the_entrance(at_the_door, ticket, teacher):
    """The service asks who checks in (the door page and the API gate it too): a member who
    calls it, or a team account that was switched off, is refused and the ticket stays as it
    was, with no audit entry."""
    inactive_team = teacher.__class__.objects.create_user(
        email="oud-team@som.example", password="x", is_staff=True, is_active=False
    )
    for who in (teacher, inactive_team):
        with pytest.raises(services.CheckInError) as refused:
            _check_in(ticket, at_the_door=at_the_door, by=who, now=STARTS)
        assert refused.value.code == "not_team"
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None
    assert not AuditEntry.objects.filter(action="registration.checked_in").exists()
