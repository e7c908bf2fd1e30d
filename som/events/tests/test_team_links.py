"""A network day's page shows the team the control page of the selection vote held there; other
members see nothing of it (and their page asks nothing more)."""

import pytest
from django.urls import reverse
from django.utils import translation

from som.events.tests.factories import make_event
from som.labs.tests.test_selection import PROPOSALS, make_call

pytestmark = pytest.mark.django_db


def test_the_team_finds_the_selection_vote_on_the_network_day(
    client_of, team_member, teacher, lab_lead
):
    day = make_event(title="Netwerkdag voorjaar")
    call = make_call(day, lab_lead, PROPOSALS)
    with translation.override("nl"):
        page_url = reverse("events:detail", kwargs={"slug": day.slug})
        control = reverse("labs:selection", kwargs={"call_id": call.pk})
    page = client_of(team_member).get(page_url).content.decode()
    assert control in page and "Selectiestemming: Labo&#x27;s 2027" in page
    assert control not in client_of(teacher).get(page_url).content.decode()
