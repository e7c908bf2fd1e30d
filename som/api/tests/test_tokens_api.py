"""API keys at the API: an expired or revoked key is refused (401), a key without the
operation's scope too (403), and a team member's key leaves an audit entry as it is used."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from som.accounts.api_tokens import revoke_api_token
from som.accounts.models import ApiToken
from som.accounts.services import create_api_token
from som.core.models import AuditEntry
from som.events import services
from som.events.tests.factories import make_event
from som.voting.tests.test_engine import make_poll, option_ids

CHECKINS = "/api/v1/checkins"


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def check_in(client: Client, code: str, secret: str):
    return client.post(
        CHECKINS, json.dumps({"ticket_code": code}), "application/json", headers=bearer(secret)
    )


def test_an_expired_key_gets_401_even_where_nobody_needs_one(client, teacher):
    token, secret = create_api_token(person=teacher)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    for url in ("/api/v1/events", "/api/v1/polls/1", "/api/v1/labs"):
        response = client.get(url, headers=bearer(secret))
        assert response.status_code == 401, url
        assert response.json()["code"] == "invalid_token"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_key_gets_401(client, teacher):
    token, secret = create_api_token(person=teacher)
    revoke_api_token(token=token, by=teacher)
    assert client.get("/api/v1/events", headers=bearer(secret)).status_code == 401


@pytest.fixture
def ticket(teacher):
    event = make_event(starts_at=timezone.now() + datetime.timedelta(minutes=10))
    return services.register(event=event, person=teacher)


def test_a_key_without_checkin_gets_403_at_the_door(client, team_member, ticket):
    _token, secret = create_api_token(person=team_member, scopes=["read", "register", "vote"])
    response = check_in(client, ticket.ticket_code, secret)
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None
    _token, door = create_api_token(person=team_member, scopes=["checkin"])
    assert check_in(client, ticket.ticket_code, door).status_code == 201


def test_a_key_without_the_scope_is_refused_everywhere_it_is_needed(client, teacher):
    poll = make_poll(voters=[teacher])
    _token, secret = create_api_token(person=teacher, scopes=["read"])
    response = client.post(
        f"/api/v1/polls/{poll.pk}/ballots",
        json.dumps({"choices": [option_ids(poll)[0]]}),
        "application/json",
        headers=bearer(secret),
    )
    assert (response.status_code, response.json()["code"]) == (403, "insufficient_scope")
    _token, door = create_api_token(person=teacher, scopes=["vote"])
    assert client.get("/api/v1/events", headers=bearer(door)).status_code == 403


def used(token: ApiToken) -> list[str]:
    entries = AuditEntry.objects.filter(action="api_token.used", object_id=str(token.pk))
    return sorted(entry.changes["operation"] for entry in entries)


def test_a_team_key_is_audited_once_a_day_per_operation(client, team_member, ticket, teacher):
    token, secret = create_api_token(person=team_member)
    for _ in range(3):
        client.get("/api/v1/events", headers=bearer(secret))
    client.get(f"/api/v1/events/{ticket.event_id}", headers=bearer(secret))
    check_in(client, ticket.ticket_code, secret)
    assert used(token) == [
        "GET /api/v1/events",
        "GET /api/v1/events/<event_id>",
        "POST /api/v1/checkins",
    ]
    entry = AuditEntry.objects.filter(action="api_token.used").first()
    assert entry is not None and entry.actor == team_member
    teachers, teacher_secret = create_api_token(person=teacher)
    client.get("/api/v1/events", headers=bearer(teacher_secret))
    assert used(teachers) == []  # only the team's keys: their rights reach furthest
