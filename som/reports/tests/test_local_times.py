"""Mijn SOM and the team home show times in Brussels (see som/core/tests/local_times.py): the
clock stands at 15:30 on 7 December and every moment of this world is 15:30 local."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from som.core.tests.local_times import HALF_PAST_THREE, assert_local
from som.events import services as events
from som.events.tests.factories import make_event
from som.governance import selectors as governance_selectors
from som.governance import services as governance
from som.labs.models import Call
from som.labs.services import calls

DAY = datetime.timedelta(days=1)
COVERS = {"reports/my_som.html", "reports/team_home.html"}


@pytest.fixture(autouse=True)
def _half_past_three(time_machine):
    time_machine.move_to(HALF_PAST_THREE, tick=False)


def test_my_som_shows_the_registration_at_its_local_time(client_of, teacher):
    event = make_event(
        starts_at=HALF_PAST_THREE + 2 * DAY,
        ends_at=HALF_PAST_THREE + 2 * DAY + datetime.timedelta(hours=2),
    )
    events.register(event=event, person=teacher)
    assert_local(client_of(teacher), reverse("my_som:home"), {"reports/my_som.html"})


def test_the_team_home_shows_calls_and_meetings_at_their_local_time(client_of, team_member):
    day = make_event(starts_at=HALF_PAST_THREE + 30 * DAY, ends_at=HALF_PAST_THREE + 30 * DAY)
    calls.open_call(
        data=calls.CallData(
            title="Labo's 2027",
            deadline=HALF_PAST_THREE + 10 * DAY,
            total_budget=Decimal(90_000),
            max_budget_per_proposal=Decimal(40_000),
            rule=Call.Rule.GREEDY,
            network_day=day,
        ),
        by=team_member,
    )
    board = governance_selectors.board()
    assert board is not None
    governance.schedule_meeting(
        body=board,
        title="Raad van bestuur",
        starts_at=HALF_PAST_THREE + 20 * DAY,
        place="Leuven",
        by=team_member,
    )
    assert_local(client_of(team_member), reverse("reports:team_home"), {"reports/team_home.html"})
