"""A lab's first status change says why in the reader's language, with the board's day in
Brussels: a decision at 00:30 on 7 December (23:30 UTC on the 6th) reads 7 December."""

import datetime
from decimal import Decimal

from django.utils import timezone, translation

from som.labs.models import LabStatusChange, SelectionDecision
from som.labs.services import labs as lab_services
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _in_english,
    _media,
    call,
    confirmed,
    lab_data,
    members,
    network_day,
    proposal,
    social_worker,
    submitted,
    welfare_org,
    written,
)

AFTER_MIDNIGHT = timezone.make_aware(datetime.datetime(2026, 12, 7, 0, 30))


def test_the_selected_lab_says_the_day_the_board_confirmed_in_brussels(
    confirmed,  # noqa: F811
    team_member,
):
    SelectionDecision.objects.filter(call=confirmed.call).update(decided_at=AFTER_MIDNIGHT)
    lab = lab_services.create_lab_from_proposal(proposal=confirmed, by=team_member)
    change = lab.status_changes.get()
    assert change.reason == LabStatusChange.Reason.SELECTED
    assert change.facts == {"call": confirmed.call.title, "decided_on": "2026-12-07"}
    with translation.override("en"):
        assert change.text.endswith("confirmed by the board on 7 December 2026.")
    with translation.override("nl"):
        assert "7 december 2026" in change.text


def test_a_lab_the_team_enters_says_so_in_each_language(team_member):
    lab = lab_services.create_lab(data=lab_data(), granted=Decimal(0), by=team_member)
    change = lab.status_changes.get()
    assert (change.reason, change.explanation) == (LabStatusChange.Reason.ENTERED, "")
    with translation.override("en"):
        assert change.text == "Entered by the SOM team."


def test_the_teams_own_words_stay_its_own(team_member):
    lab = lab_services.create_lab(
        data=lab_data(), granted=Decimal(0), by=team_member, explanation="Liep al sinds 2024."
    )
    with translation.override("en"):
        assert lab.status_changes.get().text == "Liep al sinds 2024."
