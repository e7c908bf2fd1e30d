"""A team member's session ends after a working day and after an idle hour (settings); the
others keep theirs. With a fixed clock."""

import datetime

import pytest
from django.urls import reverse

from som.accounts.middleware import TEAM_SESSION

MORNING = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def morning(time_machine):
    time_machine.move_to(MORNING, tick=False)
    return time_machine


def _team_page(client):
    return client.get(reverse("membership:applications"))


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


def test_a_team_session_ends_after_a_working_day_even_when_busy(client_of, team_member, morning):
    client = client_of(team_member)
    for _ in range(19):  # every half hour for nine and a half hours
        assert _team_page(client).status_code == 200
        morning.shift(datetime.timedelta(minutes=30))
    assert _team_page(client).status_code == 200  # 9.5 hours
    morning.shift(datetime.timedelta(minutes=30, seconds=30))
    response = client.get(reverse("membership:applications"), follow=True)
    assert "_auth_user_id" not in client.session
    assert "na een werkdag" in response.content.decode()


def test_the_limits_are_settings(client_of, team_member, morning, settings):
    settings.SOM_TEAM_SESSION_IDLE = 10 * 60
    client = client_of(team_member)
    assert _team_page(client).status_code == 200
    morning.shift(datetime.timedelta(minutes=11))
    assert _team_page(client).status_code == 302


def test_the_session_itself_expires_with_the_idle_time(client_of, team_member, morning):
    client = client_of(team_member)
    _team_page(client)
    assert client.session.get_expiry_age() == 60 * 60 + 60  # and a minute to say why
    assert TEAM_SESSION in client.session


def test_other_people_keep_their_sessions(client_of, teacher, morning):
    client = client_of(teacher)
    assert client.get(reverse("accounts:home")).status_code == 200
    morning.shift(datetime.timedelta(hours=11))
    assert client.get(reverse("accounts:home")).status_code == 200
    assert TEAM_SESSION not in client.session
