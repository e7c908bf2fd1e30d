"""The events' pages and mails show times in Brussels (see som/core/tests/local_times.py): the
clock stands at 15:30 on 7 December and every moment of this world is 15:30 local."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from som.core.tests.local_times import (
    HALF_PAST_THREE,
    assert_local,
    assert_local_text,
    templates_rendered,
)
from som.events import services
from som.events.models import Event, ProgrammeItem
from som.events.tests.factories import make_event

DAY = datetime.timedelta(days=1)
COVERS = {
    "events/_detail_main.html",
    "events/_event_when.html",
    "events/_month.html",
    "events/_programme.html",
    "events/_registration_box.html",
    "events/attendance.html",
    "events/attendance_event.html",
    "events/door.html",
    "events/mail/_details.txt",
    # The no-show loop (test_the_reconfirmation_and_the_offers_say_the_local_time).
    "events/_place_request.html",
    "events/attendance_reconfirmation.html",
    "events/mail/offer_body.txt",
    "events/mail/reconfirm_request_body.txt",
    "events/mail/reconfirm_warning_body.txt",
    "events/reconfirm.html",
    # The mails after the event (test_the_mails_after_the_event_say_the_local_time).
    "events/attendance_follow_up.html",
    "events/mail/missed_you_body.txt",
    # Partners' items and feeds (test_the_partner_pages_say_the_local_time).
    "events/propose.html",
    "events/partner_items.html",
    "events/partner_item.html",
    "events/partner_feeds.html",
}


@pytest.fixture(autouse=True)
def _half_past_three(time_machine):
    time_machine.move_to(HALF_PAST_THREE, tick=False)


@pytest.fixture
def coming(db) -> Event:
    """In two days at 15:30, registration opens tomorrow at 15:30, one programme item."""
    event = make_event(
        title="Netwerkdag",
        starts_at=HALF_PAST_THREE + 2 * DAY,
        ends_at=HALF_PAST_THREE + 2 * DAY + datetime.timedelta(hours=2),
        registration_opens_at=HALF_PAST_THREE + DAY,
    )
    ProgrammeItem.objects.create(
        event=event,
        kind=ProgrammeItem.Kind.KEYNOTE,
        title="Lezing",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
    )
    return event


@pytest.fixture
def today(db) -> Event:
    """Started at 15:30 today; doors open."""
    return make_event(
        title="Netwerkdag vandaag",
        starts_at=HALF_PAST_THREE,
        ends_at=HALF_PAST_THREE + datetime.timedelta(hours=2),
    )


def test_the_event_page_and_the_calendar_show_local_times(client, coming):
    assert_local(
        client,
        reverse("events:detail", args=[coming.slug]),
        {
            "events/_detail_main.html",
            "events/_event_when.html",
            "events/_programme.html",
            "events/_registration_box.html",
        },
    )
    month = coming.starts_at.strftime("%Y-%m")
    assert_local(
        client, reverse("events:calendar") + f"?view=month&month={month}", {"events/_month.html"}
    )


def test_the_door_and_the_attendance_show_the_check_in_in_local_time(
    client_of, today, teacher, team_member
):
    ticket = services.register(event=today, person=teacher, now=HALF_PAST_THREE - DAY)
    services.check_in(event=today, ticket_code=ticket.ticket_code, by=team_member)
    team = client_of(team_member)
    assert_local(team, reverse("events:door", args=[today.pk]), {"events/door.html"})
    assert_local(
        team, reverse("events:attendance_event", args=[today.pk]), {"events/attendance_event.html"}
    )
    assert_local(team, reverse("events:attendance"), {"events/attendance.html"})


def test_the_registration_mail_says_the_local_time(teacher, django_capture_on_commit_callbacks):
    event = make_event(starts_at=HALF_PAST_THREE + 2 * DAY, ends_at=HALF_PAST_THREE + 3 * DAY)
    with templates_rendered() as names, django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, person=teacher)
    assert "events/mail/_details.txt" in names
    assert_local_text(str(mail.outbox[-1].body), "the registration mail")


def test_the_reconfirmation_and_the_offers_say_the_local_time(
    client, client_of, teacher, expert, outsider, team_member, monkeypatch
):
    """The deadline (the start, 10 days on at 15:30, less 3 days) and an offer held 48 hours
    are 15:30 in Brussels, on the pages and in the mails."""
    from django.db import transaction

    from som.events.links import place_token
    from som.events.services import reconfirmation

    monkeypatch.setattr(transaction, "on_commit", lambda callback, *args, **kwargs: callback())
    event = make_event(starts_at=HALF_PAST_THREE + 10 * DAY, ends_at=HALF_PAST_THREE + 11 * DAY)
    asked = services.register(event=event, person=teacher, now=HALF_PAST_THREE - DAY)
    with templates_rendered() as names:
        assert reconfirmation.ask_reconfirmation(HALF_PAST_THREE + 3 * DAY) == 1
        assert reconfirmation.warn_unconfirmed(HALF_PAST_THREE + 6 * DAY) == 1
    assert {
        "events/mail/reconfirm_request_body.txt",
        "events/mail/reconfirm_warning_body.txt",
    } <= names
    for message in mail.outbox[-2:]:
        assert_local_text(str(message.body), str(message.subject))
    place = reverse("events:place", kwargs={"token": place_token(asked)})
    assert_local(client, place, {"events/reconfirm.html"})
    assert_local(client_of(teacher), reverse("events:mine"), {"events/_place_request.html"})
    assert_local(
        client_of(team_member),
        reverse("events:attendance_event", args=[event.pk]),
        {"events/attendance_reconfirmation.html"},
    )

    full = make_event(capacity=1, starts_at=HALF_PAST_THREE + 10 * DAY)
    holder = services.register(event=full, person=expert)
    services.register(event=full, person=outsider)
    with templates_rendered() as names:
        services.cancel(registration=holder, by=expert)
    assert "events/mail/offer_body.txt" in names
    assert_local_text(str(mail.outbox[-1].body), "the offer mail")


def test_the_mails_after_the_event_say_the_local_time(client_of, teacher, team_member, coming):
    """Yesterday's event is followed up at 15:30; the "we missed you" mail lists the coming event
    at 15:30, and the attendance page says when the mails went."""
    from som.events.services import follow_up

    event = make_event(
        title="Gisteren", starts_at=HALF_PAST_THREE + DAY, ends_at=HALF_PAST_THREE + DAY
    )
    services.register(event=event, person=teacher, now=HALF_PAST_THREE - DAY)
    Event.objects.filter(pk=event.pk).update(
        starts_at=HALF_PAST_THREE - DAY, ends_at=HALF_PAST_THREE - DAY
    )
    with templates_rendered() as names:
        assert follow_up.send_follow_ups(now=HALF_PAST_THREE) == 1
    assert "events/mail/missed_you_body.txt" in names
    assert_local_text(str(mail.outbox[-1].body), "the missed-you mail")
    assert_local(
        client_of(team_member),
        reverse("events:attendance_event", args=[event.pk]),
        {"events/attendance_follow_up.html"},
    )


def test_the_partner_pages_say_the_local_time(client_of, teacher, school, team_member):
    """A partner's items at 15:30 in two and three days (one accepted), a feed read at 15:30."""
    from som.events.models import PartnerFeed
    from som.events.services import partner_items

    def propose(title: str, days: int) -> Event:
        return partner_items.submit_item(
            values={
                "title": title,
                "starts_at": HALF_PAST_THREE + days * DAY,
                "ends_at": HALF_PAST_THREE + days * DAY,
                "external_url": "https://delinde.example/item",
            },
            organisation=school,
            by=teacher,
        )

    waiting = propose("Wacht", 2)
    partner_items.accept_item(event=propose("Aanvaard", 3), by=team_member)
    PartnerFeed.objects.create(
        organisation=school, url="https://delinde.example/k.ics", last_checked_at=HALF_PAST_THREE
    )
    team = client_of(team_member)
    assert_local(client_of(teacher), reverse("events:propose"), {"events/propose.html"})
    assert_local(team, reverse("events:partner_items"), {"events/partner_items.html"})
    assert_local(
        team, reverse("events:partner_item", args=[waiting.pk]), {"events/partner_item.html"}
    )
    assert_local(team, reverse("events:partner_feeds"), {"events/partner_feeds.html"})
