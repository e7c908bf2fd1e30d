"""Waiting-list offers (issue 20): a promoted person gets the place held for a while and confirms
it, otherwise the next one gets it, in order, exactly once, also with two runs of the timer
and a confirmation at the same moment (PostgreSQL)."""

import datetime
import zoneinfo
from collections import Counter
from collections.abc import Iterator

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse

from som.core.models import AuditEntry
from som.core.testing import in_threads, needs_postgres
from som.events import services
from som.events.models import Event, Registration
from som.events.services import RegistrationError, reconfirmation
from som.events.tests.factories import make_event
from som.network.tests.factories import make_person

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
HOUR = datetime.timedelta(hours=1)


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


def full_event(people: int, **overrides) -> tuple[Event, list[Registration]]:
    """An event on 2 January with one place: the first of `people` has it, the others wait,
    each registered a minute after the one before."""
    fields = {"starts_at": at(1, 2), "ends_at": at(1, 2, 16), "capacity": 1}
    event = make_event(**{**fields, **overrides})
    registrations = []
    for minute in range(people):
        with time_machine.travel(at(12, 20, 9, minute), tick=False):
            registrations.append(services.register(event=event, person=make_person()))
    return event, registrations


def kinds_to(outbox, registration: Registration) -> list[str]:
    """The subjects' first words of the mails a registration's person got."""
    return [m.subject for m in outbox if m.to == [registration.person.email]]


def test_the_hold_is_the_setting_shorter_close_to_the_event_and_never_past_the_start(db):
    event = make_event(starts_at=at(1, 2), ends_at=at(1, 2, 16), offer_hours=48)
    assert reconfirmation.offer_hold(event, at(12, 20)) == 48 * HOUR
    assert reconfirmation.offer_hold(event, at(12, 30, 22)) == 30 * HOUR  # 60 h left: half
    assert reconfirmation.offer_hold(event, at(1, 1, 10, 1)) is None  # within a day: at once
    event.offer_hours = 0
    assert reconfirmation.offer_hold(event, at(12, 20)) is None


def test_the_promoted_person_gets_the_place_offered_then_the_ticket_on_confirming(db, clock, mails):
    _event, (holder, offered, _third) = full_event(3)
    mails.clear()
    clock.move_to(at(12, 28))
    services.cancel(registration=holder, by=holder.person)
    offered.refresh_from_db()
    assert offered.status == "registered" and offered.offer_expires_at == at(12, 30)
    [offer] = [m for m in mails if m.to == [offered.person.email]]
    assert offer.attachments == []  # not a ticket yet
    assert "30 december" in offer.body.lower() and "?do=release" in offer.body
    mails.clear()

    reconfirmation.confirm_offer(registration=offered, by=None)
    offered.refresh_from_db()
    assert offered.offer_expires_at is None and offered.reconfirmed_at == at(12, 28)
    [ticket] = mails
    assert ticket.to == [offered.person.email]
    assert [kind for _n, _c, kind in ticket.attachments] == ["image/png", "text/calendar"]
    assert reconfirmation.expire_offers(at(12, 31)) == 0
    # Confirming twice changes nothing and mails nothing.
    reconfirmation.confirm_offer(registration=offered, by=None)
    assert len(mails) == 1


def test_an_expired_offer_goes_to_the_next_in_line_once(db, clock, mails):
    event, (holder, second, third, fourth) = full_event(4)
    clock.move_to(at(12, 28))
    services.cancel(registration=holder, by=holder.person)
    mails.clear()
    assert reconfirmation.expire_offers(at(12, 30) - datetime.timedelta(seconds=1)) == 0
    clock.move_to(at(12, 30, 10, 5))
    assert reconfirmation.expire_offers() == 1
    assert reconfirmation.expire_offers() == 0
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "cancelled"
    assert second.cancel_reason == Registration.CancelReason.OFFER_EXPIRED
    # Less than 72 hours before the start: held half the time left.
    half_time_left = (at(1, 2) - at(12, 30, 10, 5)) / 2
    assert third.status == "registered"
    assert third.offer_expires_at == at(12, 30, 10, 5) + half_time_left
    assert len(kinds_to(mails, second)) == 1 and "?do=rejoin" in mails[0].body
    assert len(kinds_to(mails, third)) == 1
    assert event.registrations.get(pk=fourth.pk).status == "waiting"

    # The late confirmation of the released offer is refused kindly, with the way back.
    with pytest.raises(RegistrationError) as error:
        reconfirmation.confirm_offer(registration=second, by=None)
    assert error.value.code == "offer_gone"

    # "No, thank you": the next one gets it at once.
    reconfirmation.decline_offer(registration=third, by=None)
    assert event.registrations.get(pk=fourth.pk).offer_expires_at is not None


def test_close_to_the_event_the_place_is_given_at_once(db, clock, mails):
    _event, (holder, second) = full_event(2)
    mails.clear()
    clock.move_to(at(1, 1, 18))
    services.cancel(registration=holder, by=holder.person)
    second.refresh_from_db()
    assert second.status == "registered" and second.offer_expires_at is None
    [ticket] = [m for m in mails if m.to == [second.person.email]]
    assert ticket.attachments  # the ticket at once


def test_the_ticket_page_shows_the_offer_instead_of_the_code(db, clock, mails, client):
    _event, (holder, offered) = full_event(2)
    clock.move_to(at(12, 28))
    services.cancel(registration=holder, by=holder.person)
    offered.refresh_from_db()
    page = client.get(reverse("events:ticket", args=[offered.ticket_code])).content.decode()
    assert "ticket__qr" not in page and 'name="action" value="confirm"' in page


# --- Concurrency ----------------------------------------------------------------------------------


def _forensics(event: Event, places: int) -> dict[str, list[Registration]]:
    """What the database says after a race: the places given, the offers, who was skipped."""
    rows = list(event.registrations.order_by("created_at", "pk"))
    registered = [r for r in rows if r.status == Registration.Status.REGISTERED]
    assert len(registered) <= places, "a place was given twice"
    waiting = [r for r in rows if r.status == Registration.Status.WAITING]
    # Nobody skipped: everybody who moved up came before everybody still waiting.
    if waiting:
        moved_up = [r for r in rows if r.promoted_at is not None]
        assert all(r.created_at <= waiting[0].created_at for r in moved_up)
    return {"registered": registered, "waiting": waiting}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_timer_runs_and_a_confirmation_at_the_same_moment_give_the_place_once():
    needs_postgres()
    with time_machine.travel(at(12, 20), tick=False) as clock:
        event, registrations = full_event(6)
        holder, offered, *line = registrations
        clock.move_to(at(12, 28))
        services.cancel(registration=holder, by=holder.person)
        clock.move_to(at(12, 30, 10, 1))  # the offer has just run out; the timer fires
        mail.outbox.clear()
        answers: list[str] = []

        def act(index: int) -> None:
            if index < 2:
                reconfirmation.expire_offers()
                return
            try:
                reconfirmation.confirm_offer(registration=offered, by=None)
                answers.append("confirmed")
            except RegistrationError as error:
                answers.append(error.code)

        assert in_threads(3, act) == []

    offered.refresh_from_db()
    found = _forensics(event, places=1)
    [place] = found["registered"]
    expired = AuditEntry.objects.filter(action="registration.offer_expired").count()
    mailed = Counter(tuple(m.to) for m in mail.outbox)
    if answers == ["confirmed"]:  # the confirmation came first: the place is theirs
        assert place.pk == offered.pk and place.offer_expires_at is None
        assert expired == 0
        assert mailed == {(offered.person.email,): 1}  # the ticket
    else:  # the expiry came first, once: the next one in line holds the offer
        assert answers == ["offer_gone"]
        assert offered.status == "cancelled"
        assert place.pk == line[0].pk and place.offer_expires_at is not None
        assert expired == 1
        assert mailed == {(offered.person.email,): 1, (line[0].person.email,): 1}
    assert [r.pk for r in found["waiting"]] == [r.pk for r in line[1 if place in line else 0 :]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_offers_expiring_one_after_another_reach_the_line_in_order_exactly_once():
    needs_postgres()
    with time_machine.travel(at(12, 20), tick=False) as clock:
        event, registrations = full_event(5)
        holder, *line = registrations
        clock.move_to(at(12, 25))
        services.cancel(registration=holder, by=holder.person)
        for _round in range(3):  # each offer in turn runs out; three timers fire at once
            current = event.registrations.get(status="registered")
            assert current.offer_expires_at is not None
            clock.move_to(current.offer_expires_at + datetime.timedelta(minutes=1))
            assert in_threads(3, lambda _i: reconfirmation.expire_offers()) == []
            _forensics(event, places=1)

    offers = [m.to[0] for m in mail.outbox if "?do=release" in m.body]
    released = [m.to[0] for m in mail.outbox if "?do=rejoin" in m.body]
    emails = [r.person.email for r in line]
    assert offers == emails[:4]  # in order, each once
    assert released == emails[:3]  # each released once
    statuses = [r.status for r in event.registrations.order_by("created_at", "pk")]
    assert statuses == ["cancelled", "cancelled", "cancelled", "cancelled", "registered"]
    assert AuditEntry.objects.filter(action="registration.offer_expired").count() == 3
