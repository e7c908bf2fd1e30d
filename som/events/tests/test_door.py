import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from som.accounts.models import Person
from som.events import services
from som.events.models import Event, Registration
from som.events.tests.factories import make_event
from som.events.views.door import ticket_code_from
from som.network.tests.factories import make_person


def make_door_event(**overrides) -> Event:
    """Starting in half an hour: people can still register, and the doors are open."""
    starts = timezone.now() + datetime.timedelta(minutes=30)
    return make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=4), **overrides)


@pytest.fixture
def event(db) -> Event:
    return make_door_event(title="Open SOM-raad", capacity=2)


@pytest.fixture
def door(client_of, team_member):
    return client_of(team_member)


def _door_url(event: Event) -> str:
    return reverse("events:door", kwargs={"pk": event.pk})


def _check_in_url(event: Event) -> str:
    return reverse("events:door_check_in", kwargs={"pk": event.pk})


def _post_json(client, url, data):
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def test_the_door_page_does_not_exist_for_others(
    client_of, client, outsider, school_contact, event
):
    for other in (client_of(outsider), client_of(school_contact)):
        assert other.get(_door_url(event)).status_code == 404
        assert other.post(_check_in_url(event), {"ticket_code": "x"}).status_code == 404
        url = reverse("events:door_walk_in", kwargs={"pk": event.pk})
        assert other.post(url, {"full_name": "X", "email": "x@example.org"}).status_code == 404
    assert client.get(_door_url(event)).status_code == 302  # to the login page


def test_the_door_page_shows_the_counters_and_the_forms(door, event, teacher, expert):
    services.register(event=event, person=teacher)
    services.register(event=event, person=expert)
    response = door.get(_door_url(event))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="door-registered">2<' in html and 'id="door-checked-in">0<' in html
    assert 'name="ticket_code"' in html and 'name="q"' in html and 'name="email"' in html
    assert "js/door.js" in html and "<script>" not in html and "style=" not in html


def test_a_good_ticket_is_checked_in_green_with_name_organisation_and_basis(door, event, teacher):
    ticket = services.register(event=event, person=teacher)
    answer = _post_json(door, _check_in_url(event), {"ticket_code": f"  {ticket.ticket_code} "})
    assert answer["ok"] is True and answer["code"] == "checked_in"
    assert answer["name"] == "Lotte Leraar"
    assert answer["organisation"] == "Basisschool De Linde"
    assert answer["basis"]
    assert "door-answer--ok" in answer["html"] and "Lotte Leraar" in answer["html"]
    assert answer["counts"] == {"registered": 1, "checked_in": 1}
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None


def test_each_refusal_is_red_with_its_code(door, event, teacher, expert, outsider, team_member):
    other_event = make_door_event()
    checked = services.register(event=event, person=teacher)
    services.check_in(event=event, ticket_code=checked.ticket_code, by=team_member)
    cancelled = services.register(event=event, person=expert)
    services.cancel(registration=cancelled, by=expert)
    full = make_door_event(capacity=0)
    waiting = services.register(event=full, person=outsider)
    elsewhere = services.register(event=other_event, person=outsider)
    cases = [
        (event, checked.ticket_code, "already_checked_in"),
        (event, cancelled.ticket_code, "cancelled"),
        (full, waiting.ticket_code, "waiting"),
        (event, elsewhere.ticket_code, "wrong_event"),
        (event, "no-such-ticket", "unknown_ticket"),
        (event, "", "unknown_ticket"),
    ]
    for at, code, expected in cases:
        answer = _post_json(door, _check_in_url(at), {"ticket_code": code})
        assert (answer["ok"], answer["code"]) == (False, expected)
        assert "door-answer--no" in answer["html"]
    already = _post_json(door, _check_in_url(event), {"ticket_code": checked.ticket_code})
    checked.refresh_from_db()
    assert timezone.localtime(checked.checked_in_at).strftime("%H:%M") in already["detail"]


def test_without_javascript_the_answer_comes_after_a_redirect_once(door, event, teacher):
    ticket = services.register(event=event, person=teacher)
    response = door.post(_check_in_url(event), {"ticket_code": ticket.ticket_code, "q": "lotte"})
    assert response.status_code == 302
    assert response["Location"] == _door_url(event) + "?q=lotte"
    page = door.get(response["Location"]).content.decode()
    assert 'data-code="checked_in"' in page and "Lotte Leraar" in page
    assert 'data-code="checked_in"' not in door.get(_door_url(event)).content.decode()


def test_a_scanned_link_counts_as_its_ticket_code():
    assert ticket_code_from(" abc_DEF-123 ") == "abc_DEF-123"
    assert ticket_code_from("https://som.example/events/ticket/abc123/") == "abc123"
    assert ticket_code_from("https://som.example/t?code=abc123") == "abc123"


def test_the_name_search_lists_registrations_with_a_check_in_button(door, event, teacher, expert):
    ticket = services.register(event=event, person=teacher)
    services.register(event=event, person=expert)
    page = door.get(_door_url(event), {"q": "lotte leraar"}).content.decode()
    assert "Lotte Leraar" in page and "Eva Expert" not in page
    assert f'name="registration" value="{ticket.pk}"' in page
    answer = _post_json(door, _check_in_url(event), {"registration": ticket.pk})
    assert answer["code"] == "checked_in"
    page = door.get(_door_url(event), {"q": "leraar"}).content.decode()
    assert f'name="registration" value="{ticket.pk}"' not in page  # no button a second time
    assert door.get(_door_url(event), {"q": "nobody-like-this"}).status_code == 200


def test_the_search_button_only_checks_in_registrations_of_this_event(door, event, teacher):
    elsewhere = services.register(event=make_door_event(), person=teacher)
    response = door.post(_check_in_url(event), {"registration": elsewhere.pk})
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.checked_in_at is None


def test_the_search_costs_the_same_queries_for_many_registrations(door, event):
    event.capacity = None
    event.save()

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert door.get(_door_url(event), {"q": "Persoon"}).status_code == 200
        return len(context.captured_queries)

    for _ in range(2):
        services.register(event=event, person=make_person())
    few = queries()
    for _ in range(8):
        services.register(event=event, person=make_person())
    assert queries() == few


def test_a_walk_in_with_a_new_email_gets_an_account_and_is_checked_in(door, event, team_member):
    url = reverse("events:door_walk_in", kwargs={"pk": event.pk})
    answer = _post_json(door, url, {"full_name": "Wim Walk-in", "email": "wim@example.org"})
    assert answer["ok"] is True and answer["code"] == "walk_in"
    person = Person.objects.get(email="wim@example.org")
    registration = Registration.objects.get(event=event, person=person)
    assert registration.is_walk_in and registration.checked_in_at is not None
    assert registration.checked_in_by == team_member


def test_a_walk_in_with_a_known_email_uses_that_account(door, event, teacher):
    url = reverse("events:door_walk_in", kwargs={"pk": event.pk})
    response = door.post(url, {"full_name": "Somebody Else", "email": "LERAAR@delinde.be"})
    assert response.status_code == 302
    assert Registration.objects.get(event=event).person == teacher
    assert Person.objects.filter(email__iexact="leraar@delinde.be").count() == 1
    again = _post_json(door, url, {"full_name": "Lotte", "email": "leraar@delinde.be"})
    assert (again["ok"], again["code"]) == (False, "already_registered")


def test_a_refused_walk_in_leaves_no_account_behind(door):
    members_only = make_door_event(audience=Event.Audience.MEMBERS)
    url = reverse("events:door_walk_in", kwargs={"pk": members_only.pk})
    answer = _post_json(door, url, {"full_name": "Nina Nieuw", "email": "nina@example.org"})
    assert (answer["ok"], answer["code"]) == (False, "members_only")
    assert not Person.objects.filter(email="nina@example.org").exists()


def test_a_walk_in_form_with_errors_is_shown_again(door, event):
    url = reverse("events:door_walk_in", kwargs={"pk": event.pk})
    response = door.post(url, {"full_name": "", "email": "not-an-email"})
    assert response.status_code == 400
    assert "field--error" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_door_works_for_an_event_that_already_started(door, teacher):
    event = make_event()
    ticket = services.register(event=event, person=teacher)
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=3)
    )
    answer = _post_json(door, _check_in_url(event), {"ticket_code": ticket.ticket_code})
    assert answer["code"] == "checked_in"
