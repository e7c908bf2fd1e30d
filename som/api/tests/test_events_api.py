import datetime
import json
from collections.abc import Mapping

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from som.accounts.services import create_api_token
from som.events import services
from som.events.models import Event, ProgrammeItem, Registration
from som.events.tests.factories import make_event
from som.network.tests.factories import make_person

CHECKINS = "/api/v1/checkins"


def bearer(person) -> dict[str, str]:
    _token, secret = create_api_token(person=person)
    return {"Authorization": f"Bearer {secret}"}


def post_json(client: Client, url: str, data: Mapping[str, object], **kwargs):
    return client.post(url, json.dumps(data), content_type="application/json", **kwargs)


@pytest.fixture
def event(db) -> Event:
    event = make_event(title="SOM-netwerkdag voorjaar", capacity=1)
    ProgrammeItem.objects.create(
        event=event,
        kind=ProgrammeItem.Kind.KEYNOTE,
        title="Samen onderwijs maken",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
        room="Aula",
        speakers="Eva Expert",
    )
    return event


# --- The calendar ---------------------------------------------------------------------------------


def test_the_list_has_published_events_upcoming_first_then_the_past(client, event):
    later_start = event.starts_at + datetime.timedelta(days=7)
    make_event(
        title="Later", starts_at=later_start, ends_at=later_start + datetime.timedelta(hours=2)
    )
    past = make_event(title="Voorbij")
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=9),
        ends_at=timezone.now() - datetime.timedelta(days=9, hours=-2),
    )
    make_event(title="Draft", is_published=False)
    body = client.get("/api/v1/events").json()
    assert body["count"] == 3
    assert [item["title"] for item in body["items"]] == [
        "SOM-netwerkdag voorjaar",
        "Later",
        "Voorbij",
    ]
    first = body["items"][0]
    assert first["places_left"] == 1 and first["price"] == "0.00" and first["id"] == event.pk
    assert "ticket_code" not in first and "programme" not in first


def test_the_list_is_paginated_with_a_fixed_number_of_queries(client, event, teacher):
    services.register(event=event, person=teacher)
    for _ in range(4):
        make_event()
    body = client.get("/api/v1/events", {"page_size": 2, "page": 2}).json()
    assert body["count"] == 5 and len(body["items"]) == 2
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/events")
    for _ in range(5):
        services.register(event=make_event(capacity=None), person=make_person())
    with CaptureQueriesContext(connection) as more:
        client.get("/api/v1/events")
    assert len(more.captured_queries) == len(few.captured_queries)


def test_one_event_comes_with_its_programme(client, event):
    body = client.get(f"/api/v1/events/{event.pk}").json()
    assert body["title"] == "SOM-netwerkdag voorjaar"
    assert body["programme"][0]["title"] == "Samen onderwijs maken"
    assert body["programme"][0]["room"] == "Aula"


def test_a_draft_or_missing_event_is_404(client, db):
    draft = make_event(is_published=False)
    assert client.get(f"/api/v1/events/{draft.pk}").status_code == 404
    assert client.get("/api/v1/events/999999").status_code == 404


# --- Registering and cancelling -------------------------------------------------------------------


def test_registering_gives_201_with_the_status_and_the_ticket(client, event, teacher):
    response = client.post(f"/api/v1/events/{event.pk}/registrations", headers=bearer(teacher))
    assert response.status_code == 201
    body = response.json()
    registration = Registration.objects.get(event=event, person=teacher)
    assert body["status"] == "registered" and body["ticket_code"] == registration.ticket_code


def test_a_full_event_puts_you_on_the_waiting_list(client, event, teacher, expert):
    services.register(event=event, person=expert)
    response = client.post(f"/api/v1/events/{event.pk}/registrations", headers=bearer(teacher))
    assert response.status_code == 201 and response.json()["status"] == "waiting"


def test_registering_twice_is_200_with_the_existing_registration(client, event, teacher):
    first = services.register(event=event, person=teacher)
    response = client.post(f"/api/v1/events/{event.pk}/registrations", headers=bearer(teacher))
    assert response.status_code == 200
    assert response.json()["ticket_code"] == first.ticket_code
    assert Registration.objects.filter(event=event, person=teacher).count() == 1


def test_not_allowed_is_403_with_the_reason(client, outsider):
    members_only = make_event(audience=Event.Audience.MEMBERS)
    response = client.post(
        f"/api/v1/events/{members_only.pk}/registrations", headers=bearer(outsider)
    )
    assert response.status_code == 403
    assert response.json()["code"] == "members_only" and response.json()["detail"]
    closed = make_event(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.post(f"/api/v1/events/{closed.pk}/registrations", headers=bearer(outsider))
    assert (response.status_code, response.json()["code"]) == (403, "closed")


def test_registering_needs_a_caller(client, event):
    assert client.post(f"/api/v1/events/{event.pk}/registrations").status_code == 401


def test_a_browser_session_needs_the_csrf_token_to_register(event, teacher):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    response = browser.post(f"/api/v1/events/{event.pk}/registrations")
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_cancelling_your_own_registration_is_204_and_moves_the_waiting_list_up(
    client, event, teacher, expert
):
    services.register(event=event, person=teacher)
    waiting = services.register(event=event, person=expert)
    url = f"/api/v1/events/{event.pk}/registrations/mine"
    assert client.delete(url, headers=bearer(teacher)).status_code == 204
    assert Registration.objects.get(event=event, person=teacher).status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert client.delete(url, headers=bearer(teacher)).status_code == 404


def test_cancelling_without_a_registration_is_404(client, event, teacher, expert):
    services.register(event=event, person=expert)
    url = f"/api/v1/events/{event.pk}/registrations/mine"
    assert client.delete(url, headers=bearer(teacher)).status_code == 404
    assert client.delete(url).status_code == 401


# --- Check-in -------------------------------------------------------------------------------------


def open_doors(*events: Event) -> None:
    """The events started half an hour ago (people registered while they lay ahead): their
    doors are open by the real clock the API reads."""
    starts = timezone.now() - datetime.timedelta(minutes=30)
    for event in events:
        Event.objects.filter(pk=event.pk).update(
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=4)
        )
        event.refresh_from_db()


def test_a_check_in_is_201_with_name_event_and_time(client, event, teacher, team_member):
    ticket = services.register(event=event, person=teacher)
    open_doors(event)
    response = post_json(
        client, CHECKINS, {"ticket_code": ticket.ticket_code}, headers=bearer(team_member)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Lotte Leraar" and body["event"] == event.pk
    assert body["organisation"] == "Basisschool De Linde" and body["checked_in_at"]


def test_a_check_in_is_one_claiming_update_a_lookup_and_an_audit_entry(
    client, event, teacher, team_member
):
    """G7/G8: the token, one UPDATE that claims the ticket by its unique code, one SELECT of
    what the answer shows (no ORDER BY, no lock) and the audit INSERT; the savepoint pair is
    the test's transaction."""
    ticket = services.register(event=event, person=teacher)
    open_doors(event)
    headers = bearer(team_member)
    with CaptureQueriesContext(connection) as queries:
        response = post_json(client, CHECKINS, {"ticket_code": ticket.ticket_code}, headers=headers)
    assert response.status_code == 201
    assert response.json()["event_title"] == "SOM-netwerkdag voorjaar"
    statements = [
        query["sql"] for query in queries.captured_queries if "SAVEPOINT" not in query["sql"]
    ]
    assert len(statements) <= 5, statements
    claims = [sql for sql in statements if sql.lstrip().startswith("UPDATE events_registration")]
    assert len(claims) == 1 and "checked_in_at IS NULL" in claims[0]
    assert not any("FOR UPDATE" in sql or "ORDER BY" in sql for sql in statements), statements
    assert Registration.objects.get(pk=ticket.pk).checked_in_at is not None


def test_each_check_in_problem_has_its_status_and_code(
    client, event, teacher, expert, outsider, team_member
):
    checked = services.register(event=event, person=teacher)
    waiting = services.register(event=event, person=outsider)
    cancelled_event = make_event()
    cancelled = services.register(event=cancelled_event, person=expert)
    services.cancel(registration=cancelled, by=expert)
    other = make_event()
    open_doors(event, cancelled_event, other)
    services.check_in(event=event, ticket_code=checked.ticket_code, by=team_member)
    cases = [
        ({"ticket_code": checked.ticket_code}, 409, "already_checked_in"),
        ({"ticket_code": waiting.ticket_code}, 409, "waiting"),
        ({"ticket_code": cancelled.ticket_code}, 410, "cancelled"),
        ({"ticket_code": "nope"}, 404, "unknown_ticket"),
        ({"ticket_code": "nope", "event": event.pk}, 404, "unknown_ticket"),
        ({"ticket_code": checked.ticket_code, "event": other.pk}, 409, "wrong_event"),
        ({"ticket_code": checked.ticket_code, "event": 999999}, 404, "unknown_event"),
    ]
    headers = bearer(team_member)
    for payload, status, code in cases:
        response = post_json(client, CHECKINS, payload, headers=headers)
        assert (response.status_code, response.json()["code"]) == (status, code), payload
    already = post_json(client, CHECKINS, {"ticket_code": checked.ticket_code}, headers=headers)
    assert already.json()["name"] == "Lotte Leraar" and already.json()["checked_in_at"]


def test_check_in_is_for_the_team_only(client, client_of, event, teacher, outsider, team_member):
    ticket = services.register(event=event, person=teacher)
    open_doors(event)
    payload = {"ticket_code": ticket.ticket_code}
    assert post_json(client, CHECKINS, payload).status_code == 401
    assert post_json(client, CHECKINS, payload, headers=bearer(outsider)).status_code == 403
    assert post_json(client_of(outsider), CHECKINS, payload).status_code == 403
    assert post_json(client_of(team_member), CHECKINS, payload).status_code == 201
    ticket.refresh_from_db()
    assert ticket.checked_in_by == team_member


def test_a_check_in_before_the_doors_open_is_409_outside_window(
    client, event, teacher, team_member
):
    ticket = services.register(event=event, person=teacher)
    headers = bearer(team_member)
    for payload in (
        {"ticket_code": ticket.ticket_code},
        {"ticket_code": ticket.ticket_code, "event": event.pk},
    ):
        response = post_json(client, CHECKINS, payload, headers=headers)
        assert (response.status_code, response.json()["code"]) == (409, "outside_window")
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None


def test_the_event_endpoints_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/checkins"} <= set(paths)
    assert "delete" in paths["/api/v1/events/{event_id}/registrations/mine"]
    assert set(paths["/api/v1/checkins"]["post"]["responses"]) >= {
        "201",
        "401",
        "403",
        "404",
        "409",
        "410",
    }
    components = schema["components"]["schemas"]
    assert "CheckInIn" in components and "CheckInOut" in components
