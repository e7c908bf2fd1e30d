"""The labs' pages show times in Brussels (see som/core/tests/local_times.py): the clock stands
at 15:30 on 7 December, every moment of this world is 15:30 local, no page may say 14:30."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from som.core.tests.local_times import HALF_PAST_THREE, assert_local
from som.events.models import ProgrammeItem
from som.labs.models import Call, Proposal
from som.labs.services import proposals as proposal_services
from som.labs.services import work
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _in_english,
    _media,
    call,
    confirmed,
    members,
    network_day,
    proposal,
    running_lab,
    session_data,
    social_worker,
    submitted,
    welfare_org,
    written,
)

DAY = datetime.timedelta(days=1)
COVERS = {
    "labs/team_calls.html",
    "labs/team_call.html",
    "labs/team_proposal.html",
    "labs/calls.html",
    "labs/mine.html",
    "labs/proposal.html",
    "labs/history.html",
    "labs/group/home.html",
    "labs/group/session.html",
}


@pytest.fixture(autouse=True)
def _half_past_three(time_machine):
    time_machine.move_to(HALF_PAST_THREE, tick=False)


@pytest.fixture
def pitched(submitted, network_day, team_member) -> Proposal:  # noqa: F811
    slot = ProgrammeItem.objects.create(
        event=network_day,
        kind=ProgrammeItem.Kind.PITCH,
        title="Pitches",
        starts_at=network_day.starts_at,
        ends_at=network_day.starts_at + datetime.timedelta(days=0, hours=1),
    )
    proposal_services.screen_proposal(proposal=submitted, eligible=True, reason="", by=team_member)
    # `submitted` put the deadline an hour ago (14:30 local): make it yesterday at 15:30.
    Call.objects.filter(pk=submitted.call_id).update(deadline=HALF_PAST_THREE - DAY)
    return proposal_services.schedule_pitch(proposal=submitted, slot=slot, order=1, by=team_member)


@pytest.fixture
def open_call(network_day) -> Call:  # noqa: F811
    return Call.objects.create(
        title="Labo-oproep najaar",
        network_day=network_day,
        deadline=HALF_PAST_THREE + 14 * DAY,
        total_budget=Decimal("20000"),
        max_budget_per_proposal=Decimal("5000"),
    )


def test_the_teams_call_pages_show_deadlines_submissions_and_pitches_in_local_time(
    client_of, pitched, team_member
):
    team = client_of(team_member)
    assert_local(team, reverse("labs:team_calls"), {"labs/team_calls.html"})
    page = assert_local(
        team, reverse("labs:team_call", args=[pitched.call_id]), {"labs/team_call.html"}
    )
    assert "15:30</time> Pitches" in page
    assert_local(
        team, reverse("labs:team_proposal", args=[pitched.pk]), {"labs/team_proposal.html"}
    )


def test_the_authors_pages_show_the_deadline_the_revisions_and_the_pitch_in_local_time(
    client_of, pitched, open_call, teacher
):
    author = client_of(teacher)
    assert_local(author, reverse("labs:calls"), {"labs/calls.html"})
    assert_local(author, reverse("labs:mine"), {"labs/mine.html"})
    assert_local(author, reverse("labs:proposal", args=[pitched.pk]), {"labs/proposal.html"})
    assert_local(author, reverse("labs:history", args=[pitched.pk]), {"labs/history.html"})


def test_the_lab_group_shows_its_sessions_in_local_time(client_of, running_lab, teacher):  # noqa: F811
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    lead = client_of(teacher)
    assert_local(lead, reverse("labs:group", args=[running_lab.slug]), {"labs/group/home.html"})
    assert_local(
        lead,
        reverse("labs:session", kwargs={"slug": running_lab.slug, "pk": session.pk}),
        {"labs/group/session.html"},
    )
