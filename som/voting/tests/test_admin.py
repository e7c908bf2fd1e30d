"""The back office of polls: no interim result, no who-voted list of an open secret poll, and no
closing around the rule of the app a poll belongs to."""

import pytest
from django.urls import reverse
from django.utils import translation

from som.voting import services
from som.voting.models import Poll
from som.voting.tests.test_engine import make_poll, option_ids


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_an_open_polls_ballots_and_a_secret_polls_voters_are_hidden_until_the_close(
    client_of, team_member, teacher
):
    poll = make_poll(voters=[teacher])
    services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    client = client_of(team_member)
    records = client.get(reverse("admin:voting_voterecord_changelist"))
    assert records.status_code == 200 and teacher.full_name not in records.text
    assert client.get(reverse("admin:voting_ballot_changelist")).context["cl"].result_count == 0
    services.close_poll(poll=poll, by=team_member)
    assert teacher.full_name in client.get(reverse("admin:voting_voterecord_changelist")).text
    assert client.get(reverse("admin:voting_ballot_changelist")).context["cl"].result_count == 1


def test_a_poll_of_another_app_is_not_closed_from_the_back_office(client_of, team_member):
    poll = make_poll(electorate_kind="network_day_attendees", electorate_reference="event:1")
    response = client_of(team_member).post(
        reverse("admin:voting_poll_changelist"),
        {"action": "close_poll", "_selected_action": [poll.pk]},
        follow=True,
    )
    assert "run it from that page" in response.text
    poll.refresh_from_db()
    assert poll.state == Poll.State.OPEN
