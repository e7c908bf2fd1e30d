"""Reconfirmation (issue 20, the no-show loop): asked once, warned once, released at the
deadline to the waiting list in order, the released person told kindly and able to rejoin.

The clock is fixed at the turn of the year: the event is on Saturday 2 January 2027 at 10:00,
the request goes out on 26 December, the last reminder on 29 December, the deadline is
30 December at 10:00."""

import datetime
import re
import zoneinfo
from collections.abc import Iterator

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse

from som.core.audit import AuditEntry
from som.events import services
from som.events.links import BadLink, place_token, registration_for_place_token
from som.events.models import Event, Registration
from som.events.services import RegistrationError, reconfirmation
from som.events.tests.factories import make_event
from som.network.tests.factories import make_person

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    year = 2027 if month == 1 else 2026
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(at(12, 20), tick=False) as traveller:
        yield traveller


@pytest.fixture
def mails(monkeypatch):
    """The queued mails go out at once: the test's transaction never commits, and the queue
    (`transaction.on_commit`) would keep them until it did."""
    monkeypatch.setattr(transaction, "on_commit", lambda callback, *args, **kwargs: callback())
    mail.outbox.clear()
    return mail.outbox


def new_year_event(**overrides) -> Event:
    fields = {"starts_at": at(1, 2), "ends_at": at(1, 2, 16), "capacity": 2}
    return make_event(**{**fields, **overrides})


def register(event: Event, *people) -> list[Registration]:
    return [services.register(event=event, person=person) for person in people]


def link_in(message, path_part: str) -> str:
    [url] = [u for u in re.findall(r"https?://\S+", message.body) if path_part in u]
    return url


def test_the_request_goes_out_once_to_those_holding_a_place_since_before(
    db, clock, mails, team_member
):
    event = new_year_event(capacity=3)
    early, waiting_later = make_person(), make_person()
    [asked] = register(event, early)
    services.register(event=event, person=team_member)  # the team: never asked
    clock.move_to(at(12, 27))
    late = make_person()
    [registered_late] = register(event, late)  # after the ask moment: counts as confirmed
    register(event, waiting_later)
    mails.clear()

    clock.move_to(at(12, 26, 9, 59))
    assert reconfirmation.ask_reconfirmation(at(12, 26, 9, 59)) == 0
    assert reconfirmation.ask_reconfirmation(at(12, 26, 10, 5)) == 1
    assert reconfirmation.ask_reconfirmation(at(12, 26, 10, 20)) == 0
    [request] = mails
    assert request.to == [early.email]
    assert "30" in request.body and "december" in request.body.lower()
    assert request.attachments == []  # no ticket with a question
    links = re.findall(r"https?://\S+", request.body)
    place = reverse("events:place", kwargs={"token": place_token(asked)})
    assert [link.split("://", 1)[1].split("/", 1)[1] for link in links] == [
        place.lstrip("/"),
        place.lstrip("/") + "?do=release",
    ]
    asked.refresh_from_db()
    registered_late.refresh_from_db()
    assert asked.reconfirm_asked_at == at(12, 26, 10, 5)
    assert registered_late.reconfirm_asked_at is None


def test_an_event_that_does_not_ask_asks_nobody(db, clock, mails):
    event = new_year_event(reconfirmation=Event.Reconfirmation.OFF)
    register(event, make_person())
    assert reconfirmation.run(at(12, 26, 10, 5)).asked == 0
    community = new_year_event(kind=Event.Kind.COMMUNITY, capacity=None)
    assert not community.asks_reconfirmation
    register(community, make_person())
    assert reconfirmation.run(at(12, 26, 10, 5)).asked == 0


def test_a_request_too_late_for_a_fair_answer_is_not_sent(db, clock, mails):
    """The timer was down until 12 hours before the deadline: nobody asked, nobody released."""
    event = new_year_event()
    register(event, make_person())
    assert reconfirmation.run(at(12, 29, 23)).asked == 0
    assert reconfirmation.run(at(12, 30, 10, 5)).released == 0
    assert event.registrations.get().status == "registered"


def test_the_unconfirmed_are_warned_once_then_released_in_order_at_the_deadline(db, clock, mails):
    event = new_year_event(capacity=2)
    confirmer, silent, first_waiting, second_waiting = (make_person() for _ in range(4))
    confirmed, unanswered, _first, _second = register(
        event, confirmer, silent, first_waiting, second_waiting
    )
    assert reconfirmation.run(at(12, 26, 10, 5)).asked == 2
    reconfirmation.confirm_place(registration=confirmed, by=None, now=at(12, 27))
    mails.clear()

    assert reconfirmation.warn_unconfirmed(at(12, 29, 9, 59)) == 0  # a day before: from 10:00
    assert reconfirmation.warn_unconfirmed(at(12, 29, 10, 5)) == 1
    assert reconfirmation.warn_unconfirmed(at(12, 29, 10, 20)) == 0
    [warning] = mails
    assert warning.to == [silent.email]
    mails.clear()

    assert reconfirmation.release_unconfirmed(at(12, 30, 9, 59)) == 0
    clock.move_to(at(12, 30, 10, 5))
    report = reconfirmation.run(at(12, 30, 10, 5))
    assert (report.released, report.warned) == (1, 0)
    assert reconfirmation.run(at(12, 30, 10, 20)).released == 0

    unanswered.refresh_from_db()
    assert unanswered.status == "cancelled"
    assert unanswered.cancel_reason == Registration.CancelReason.NOT_RECONFIRMED
    states = {r.person_id: (r.status, r.offer_expires_at) for r in event.registrations.all()}
    # The first in line gets the place offered, held half the time left (under 48 hours);
    # the second still waits.
    half_time_left = (at(1, 2) - at(12, 30, 10, 5)) / 2
    assert states[first_waiting.pk] == ("registered", at(12, 30, 10, 5) + half_time_left)
    assert states[second_waiting.pk] == ("waiting", None)
    assert states[confirmer.pk] == ("registered", None)
    released = [m for m in mails if m.to == [silent.email]]
    offered = [m for m in mails if m.to == [first_waiting.email]]
    assert len(released) == 1 and len(offered) == 1 and len(mails) == 2
    assert "?do=rejoin" in released[0].body
    assert AuditEntry.objects.filter(action="registration.released").count() == 1


def test_the_released_person_rejoins_the_waiting_list_at_its_back(db, clock, mails, client):
    event = new_year_event(capacity=1)
    silent, first, second = make_person(), make_person(), make_person()
    [unanswered] = register(event, silent)
    clock.move_to(at(12, 20, 10, 1))
    register(event, first)
    clock.move_to(at(12, 20, 10, 2))
    register(event, second)
    clock.move_to(at(12, 26, 10, 5))
    reconfirmation.run()
    clock.move_to(at(12, 30, 10, 5))
    reconfirmation.run()
    [released] = [m for m in mails if m.to == [silent.email] and "rejoin" in m.body]
    url = link_in(released, "?do=rejoin")
    path = url.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and "action" in page.content.decode()
    unanswered.refresh_from_db()
    assert unanswered.status == "cancelled"  # the GET changed nothing

    client.post("/" + path.split("?")[0], {"action": "rejoin"})
    unanswered.refresh_from_db()
    assert unanswered.status == "waiting"
    assert unanswered.cancel_reason == "" and unanswered.reconfirm_asked_at is None
    # The first in line holds the offered place; the released person waits behind the second.
    waiting_ids = list(
        event.registrations.filter(status="waiting")
        .order_by("created_at", "pk")
        .values_list("person_id", flat=True)
    )
    assert waiting_ids == [second.pk, silent.pk]
    assert event.registrations.get(person=first).offer_expires_at is not None


def test_the_one_tap_links_need_no_login_and_only_the_post_acts(db, clock, mails, client):
    event = new_year_event()
    [registration] = register(event, make_person())
    clock.move_to(at(12, 26, 10, 5))
    reconfirmation.run()
    url = reverse("events:place", kwargs={"token": place_token(registration)})
    assert client.get(url).status_code == 200
    registration.refresh_from_db()
    assert registration.reconfirmed_at is None  # a mail scanner's GET confirms nothing
    assert "30 december" in client.get(url).content.decode().lower()

    assert client.post(url, {"action": "nonsense"}).status_code == 200
    registration.refresh_from_db()
    assert registration.reconfirmed_at is None

    client.post(url, {"action": "confirm"})
    registration.refresh_from_db()
    assert registration.reconfirmed_at == at(12, 26, 10, 5)
    clock.move_to(at(12, 30, 10, 5))
    assert reconfirmation.run().released == 0


def test_release_my_place_is_the_persons_cancellation_and_moves_the_line_up(
    db, clock, mails, client
):
    event = new_year_event(capacity=1)
    holder, waiting = make_person(), make_person()
    registration, in_line = register(event, holder, waiting)
    clock.move_to(at(12, 26, 10, 5))
    reconfirmation.run()
    url = reverse("events:place", kwargs={"token": place_token(registration)})
    client.post(url, {"action": "release"})
    registration.refresh_from_db()
    in_line.refresh_from_db()
    assert registration.status == "cancelled"
    assert registration.cancel_reason == Registration.CancelReason.PERSON
    assert in_line.status == "registered" and in_line.offer_expires_at is not None


def test_a_forged_link_or_one_after_the_event_is_refused(db, clock, client):
    event = new_year_event()
    [registration] = register(event, make_person())
    token = place_token(registration)
    assert client.get(reverse("events:place", kwargs={"token": token + "x"})).status_code == 400
    with pytest.raises(BadLink):
        registration_for_place_token(token, now=at(1, 2, 16, 1))
    assert registration_for_place_token(token, now=at(1, 2, 15)) == registration


def test_nobody_else_confirms_a_place(db, clock):
    event = new_year_event()
    [registration] = register(event, make_person())
    with pytest.raises(RegistrationError) as error:
        reconfirmation.confirm_place(registration=registration, by=make_person())
    assert error.value.code == "not_yours"


def test_mine_shows_the_request_with_its_buttons(db, clock, mails, client):
    event = new_year_event()
    person = make_person()
    [registration] = register(event, person)
    clock.move_to(at(12, 26, 10, 5))
    reconfirmation.run()
    client.force_login(person)
    page = client.get(reverse("events:mine")).content.decode()
    assert reverse("events:place", kwargs={"token": place_token(registration)}) in page
    assert "30 december" in page.lower()


def test_the_teams_attendance_page_counts_the_answers_and_shows_the_open_offers(
    db, clock, mails, client_of, team_member
):
    event = new_year_event(capacity=3)
    confirmer, releaser, silent, waiting = (make_person() for _ in range(4))
    confirmed, released_by_person, _silent, _waiting = register(
        event, confirmer, releaser, silent
    ) + register(event, waiting)
    clock.move_to(at(12, 26, 10, 5))
    reconfirmation.run()
    reconfirmation.confirm_place(registration=confirmed, by=confirmer)
    reconfirmation.release_place(registration=released_by_person, by=releaser)  # an offer
    figures = reconfirmation.figures(event)
    assert (figures.asked, figures.confirmed, figures.unconfirmed, figures.released) == (3, 1, 1, 0)
    assert [offer.person for offer in figures.offers] == [waiting]
    page = client_of(team_member).get(reverse("events:attendance_event", args=[event.pk]))
    text = page.content.decode()
    assert "reconfirmation-title" in text and waiting.full_name in text

    clock.move_to(at(12, 30, 10, 5))
    reconfirmation.run()
    assert reconfirmation.figures(event).released == 1
