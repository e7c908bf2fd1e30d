import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from som.core.testing import in_threads, needs_postgres
from som.events import services
from som.events.models import Event, Registration
from som.events.services import follow_up
from som.events.tests.factories import make_event
from som.network.tests.factories import make_person

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
# The event: Wednesday 30 December 2026, 14:00-17:00 in Leuven.
STARTS = datetime.datetime(2026, 12, 30, 14, 0, tzinfo=BRUSSELS)
BEFORE = STARTS - datetime.timedelta(days=10)
NEXT_MORNING = datetime.datetime(2026, 12, 31, 10, 15, tzinfo=BRUSSELS)


def _event_with_people(**fields):
    """At BEFORE: an event with a capacity of 3 and five people: Anna (comes), Bram (does not
    come), Cato (cancels), Dirk and Els (the waiting list, Els stays there); a walk-in comes."""
    with time_machine.travel(BEFORE, tick=False):
        event = make_event(
            title="Open SOM-raad",
            slug="open-som-raad",
            starts_at=STARTS,
            ends_at=STARTS + datetime.timedelta(hours=3),
            capacity=3,
            **fields,
        )
        people = {
            name: make_person(full_name=f"{name} Test", email=f"{name.lower()}@example.org")
            for name in ("Anna", "Bram", "Cato", "Dirk", "Els")
        }
        registrations = {
            name: services.register(event=event, person=person) for name, person in people.items()
        }
        services.cancel(registration=registrations["Cato"], by=people["Cato"])  # Dirk moves up
    door = make_person(is_staff=True)
    services.check_in(
        event=event, ticket_code=registrations["Anna"].ticket_code, by=door, now=STARTS
    )
    walk_in = make_person(full_name="Wim Walk-in", email="wim@example.org")
    services.walk_in(event=event, person=walk_in, by=door, now=STARTS)
    mail.outbox.clear()
    return event, people


def _mails():
    return {message.to[0].split("@")[0]: message for message in mail.outbox}


def test_those_who_came_are_thanked_and_those_who_did_not_are_missed(db):
    event, _people = _event_with_people(materials_url="https://example.org/slides")
    with time_machine.travel(NEXT_MORNING, tick=False):
        later = make_event(title="SOM-netwerkdag lente", slug="netwerkdag-lente")
        assert follow_up.send_follow_ups() == 4
    mails = _mails()
    assert sorted(mails) == ["anna", "bram", "dirk", "wim"]  # not Cato, not Els (waiting)
    for came in ("anna", "wim"):
        assert "https://example.org/slides" in mails[came].body
        assert "/open-som-raad/" in mails[came].body  # the event's page, with its results
    for missed in ("bram", "dirk"):
        body = mails[missed].body
        assert "SOM-netwerkdag lente" in body and "/netwerkdag-lente/" in body
        assert "Open SOM-raad" in mails[missed].subject
    assert mails["anna"].subject != mails["bram"].subject
    event.refresh_from_db()
    assert event.followed_up_at == NEXT_MORNING
    assert Registration.objects.filter(event=event, followed_up_at__isnull=False).count() == 4
    assert later.registrations.count() == 0


def test_the_mails_are_in_each_persons_language_with_the_standard_text(db):
    _event, people = _event_with_people()
    people["Anna"].language = "en"
    people["Anna"].save(update_fields=["language"])
    people["Bram"].language = "nl"
    people["Bram"].save(update_fields=["language"])
    with time_machine.travel(NEXT_MORNING, tick=False):
        follow_up.send_follow_ups()
    mails = _mails()
    assert mails["anna"].subject == "Thank you for coming to Open SOM-raad"
    assert "Thank you for coming to Open SOM-raad on 30 December" in mails["anna"].body
    assert mails["bram"].subject == "We hebben je gemist op Open SOM-raad"
    assert "30 december" in mails["bram"].body and "gemist" in mails["bram"].body


def test_the_events_own_texts_replace_the_standard_ones(db):
    _event_with_people(
        thank_you_text="Merci! De foto's volgen.", missed_you_text="Jammer, tot de volgende."
    )
    with time_machine.travel(NEXT_MORNING, tick=False):
        follow_up.send_follow_ups()
    mails = _mails()
    assert "Merci! De foto's volgen." in mails["anna"].body
    assert "Jammer, tot de volgende." in mails["bram"].body
    assert "Merci" not in mails["bram"].body


def test_every_event_and_person_is_mailed_once(db):
    event, _people = _event_with_people()
    with time_machine.travel(NEXT_MORNING, tick=False):
        assert follow_up.send_follow_ups() == 4
        assert follow_up.send_follow_ups() == 0
    # Even when the team clears the event's mark, nobody is mailed a second time.
    Event.objects.filter(pk=event.pk).update(followed_up_at=None)
    with time_machine.travel(NEXT_MORNING + datetime.timedelta(days=1), tick=False):
        assert follow_up.send_follow_ups() == 0
    assert len(mail.outbox) == 4


def test_the_day_after_even_across_the_turn_of_the_year(db):
    """The event ends on 31 December at 21:00 (Brussels): nothing that evening, the mails
    leave on 1 January, and not for an event that ended long before."""
    with time_machine.travel(datetime.datetime(2026, 12, 20, 9, 0, tzinfo=BRUSSELS), tick=False):
        starts = datetime.datetime(2026, 12, 31, 18, 0, tzinfo=BRUSSELS)
        event = make_event(
            title="Oudejaarsavond", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
        )
        ticket = services.register(event=event, person=make_person())
        old = make_event(
            title="Lang geleden",
            starts_at=starts - datetime.timedelta(days=30),
            ends_at=starts - datetime.timedelta(days=30),
        )
    services.check_in(
        event=event, ticket_code=ticket.ticket_code, by=make_person(is_staff=True), now=starts
    )
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=BRUSSELS), tick=False):
        assert follow_up.send_follow_ups() == 0
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 5, tzinfo=BRUSSELS), tick=False):
        assert follow_up.send_follow_ups() == 1
    event.refresh_from_db()
    old.refresh_from_db()
    assert event.followed_up_at is not None and old.followed_up_at is None


def test_partners_events_and_coming_events_are_left_alone(db):
    with time_machine.travel(NEXT_MORNING, tick=False):
        external = make_event(
            kind=Event.Kind.EXTERNAL,
            starts_at=STARTS,
            ends_at=STARTS + datetime.timedelta(hours=1),
        )
        make_event()  # coming
        assert follow_up.send_follow_ups() == 0
    external.refresh_from_db()
    assert external.followed_up_at is None


def test_the_command_runs_the_service(db, capsys):
    _event_with_people()
    with time_machine.travel(NEXT_MORNING, tick=False):
        call_command("send_event_follow_ups")
    assert "4 mail(s)" in capsys.readouterr().out
    assert len(mail.outbox) == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_mail_everybody_exactly_once():
    needs_postgres()
    event, _people = _event_with_people()
    counts: list[int] = []
    with time_machine.travel(NEXT_MORNING, tick=False):
        assert in_threads(2, lambda _i: counts.append(follow_up.send_follow_ups())) == []
    assert sorted(counts) == [0, 4]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@example.org",
        "bram@example.org",
        "dirk@example.org",
        "wim@example.org",
    ]
    assert Registration.objects.filter(event=event, followed_up_at__isnull=False).count() == 4
