"""Governance's pages and the minutes show times in Brussels (see som/core/tests/local_times.py):
the clock stands at 15:30 on 7 December and the assembly meets at 15:30 twenty days later."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from som.core.tests.local_times import (
    HALF_PAST_THREE,
    assert_local,
    assert_local_text,
    templates_rendered,
)
from som.governance import services
from som.governance.models import Meeting, Minutes
from som.governance.tests.conftest import kind

COVERS = {
    "governance/_meeting_list.html",
    "governance/meeting.html",
    "governance/prepare.html",
    "governance/minutes_pdf.html",
}


@pytest.fixture(autouse=True)
def _half_past_three(time_machine):
    time_machine.move_to(HALF_PAST_THREE, tick=False)


@pytest.fixture
def at_half_past_three(assembly, secretary, members) -> Meeting:
    meeting = services.schedule_meeting(
        body=assembly,
        title="Algemene vergadering",
        starts_at=HALF_PAST_THREE + datetime.timedelta(days=20),
        place="Stadhuis Leuven",
        by=secretary,
    )
    services.add_agenda_item(
        meeting=meeting,
        title="Jaarrekening",
        motion="De algemene vergadering keurt de jaarrekening goed.",
        motion_kind=kind("accounts"),
        by=secretary,
    )
    services.send_convocation(meeting=meeting, by=secretary)
    meeting.refresh_from_db()
    return meeting


def test_the_meeting_pages_show_the_local_time(client_of, at_half_past_three, secretary):
    client = client_of(secretary)
    meeting = at_half_past_three
    assert_local(client, reverse("governance:meetings"), {"governance/_meeting_list.html"})
    assert_local(
        client, reverse("governance:meeting", args=[meeting.pk]), {"governance/meeting.html"}
    )
    assert_local(
        client, reverse("governance:prepare", args=[meeting.pk]), {"governance/prepare.html"}
    )


def test_the_minutes_pdf_says_the_local_time(at_half_past_three):
    minutes = Minutes(meeting=at_half_past_three, text="Notulen.", generated_at=HALF_PAST_THREE)
    with templates_rendered() as names:
        html = render_to_string(
            "governance/minutes_pdf.html", {"minutes": minutes, "meeting": minutes.meeting}
        )
    assert "governance/minutes_pdf.html" in names
    assert_local_text(html, "the minutes' PDF")
