"""A team member's session ends after a working day and after an idle hour (settings); the
others keep theirs. With a fixed clock."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import TEAM_TOTP_SECRET
from som.accounts.services import current_totp_code
from som.accounts.team_sessions import STARTED

MORNING = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def morning(time_machine):
    time_machine.move_to(MORNING, tick=False)
    return time_machine


def _team_page(client: Client):
    return client.get(reverse("membership:applications"))


def _log_in_as_team(client: Client, person, *, remember: bool = True) -> None:
    form = {"login": person.email, "password": "correct-horse-battery-staple"}
    if remember:
        form["remember"] = "on"
    assert client.post("/accounts/login/", form)["Location"] == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(TEAM_TOTP_SECRET)})
    assert "_auth_user_id" in client.session


def test_a_team_session_ends_after_an_idle_hour(client_of, team_member, morning):
    client = client_of(team_member)
    assert _team_page(client).status_code == 200
    morning.shift(datetime.timedelta(minutes=59))
    assert _team_page(client).status_code == 200  # still there, and the hour starts again
    morning.shift(datetime.timedelta(minutes=59))
    assert _team_page(client).status_code == 200
    morning.shift(datetime.timedelta(minutes=61))
    response = _team_page(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert "een tijd niets deed" in client.get(response["Location"]).content.decode()


def test_a_team_session_ends_after_a_working_day_even_when_busy(client, team_member, morning):
    _log_in_as_team(client, team_member)
    for _ in range(20):  # every half hour for nine and a half hours
        assert _team_page(client).status_code == 200
        morning.shift(datetime.timedelta(minutes=30))
    response = client.get(reverse("membership:applications"), follow=True)
    assert "_auth_user_id" not in client.session
    assert "na een werkdag" in response.content.decode()


def test_the_login_writes_its_time_and_the_store_drops_the_session_after_a_day(
    client, team_member, morning
):
    _log_in_as_team(client, team_member)
    assert client.session[STARTED] == MORNING.timestamp()
    assert client.session.get_expiry_age() == 10 * 60 * 60 + 60  # a minute to say why


def test_a_session_until_the_browser_closes_stays_one(client, team_member, morning):
    _log_in_as_team(client, team_member, remember=False)
    assert client.session.get_expire_at_browser_close()


def test_the_limits_are_settings(client_of, team_member, morning, settings):
    settings.SOM_TEAM_SESSION_IDLE = 10 * 60
    client = client_of(team_member)
    assert _team_page(client).status_code == 200
    morning.shift(datetime.timedelta(minutes=11))
    assert _team_page(client).status_code == 302


def test_a_team_members_requests_write_nothing_to_the_database(client_of, team_member, morning):
    """The pages' query budgets stay what they were: the activity goes to the cache."""
    client = client_of(team_member)
    for minutes in (0, 5):
        morning.shift(datetime.timedelta(minutes=minutes))
        with CaptureQueriesContext(connection) as queries:
            _team_page(client)
        assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]


def test_other_people_keep_their_sessions(client_of, teacher, morning):
    client = client_of(teacher)
    assert client.get(reverse("my_som:home")).status_code == 200
    morning.shift(datetime.timedelta(hours=11))
    assert client.get(reverse("my_som:home")).status_code == 200
    assert "_auth_user_id" in client.session
