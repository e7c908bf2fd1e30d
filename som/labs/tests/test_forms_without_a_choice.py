"""A POST without the button's value (a decision, an answer) changes nothing and says why: it
used to approve a year entry and to answer "not coming" (found by tests/security's route matrix)."""

# ruff: noqa: F811

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from som.labs.models import YearEntry
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


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("decision", [None, "", "approuve"])
def test_a_year_entry_is_not_approved_without_the_decision(
    client_of, running_lab, teacher, team_member, decision
):
    entry = work.draft_year_entry(lab=running_lab, school_year="2025-2026", by=teacher)
    data = {} if decision is None else {"decision": decision}
    response = client_of(team_member).post(
        url("labs:team_year_entry", slug=running_lab.slug, pk=entry.pk), data
    )
    entry.refresh_from_db()
    assert entry.status == YearEntry.Status.DRAFT
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choose whether to approve or to reopen the entry."
    ]


@pytest.mark.parametrize("coming", [None, "", "maybe"])
def test_a_session_is_not_answered_without_the_answer(
    client_of, running_lab, teacher, lab_lead, coming
):
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    data = {} if coming is None else {"coming": coming}
    response = client_of(lab_lead).post(
        url("labs:answer", slug=running_lab.slug, pk=session.pk), data
    )
    assert not session.attendance.filter(person=lab_lead).exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Say whether you come or not."]


def test_both_answers_still_count(client_of, running_lab, teacher, lab_lead):
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    client = client_of(lab_lead)
    client.post(url("labs:answer", slug=running_lab.slug, pk=session.pk), {"coming": "no"})
    assert session.attendance.get(person=lab_lead).coming is False
    client.post(url("labs:answer", slug=running_lab.slug, pk=session.pk), {"coming": "yes"})
    assert session.attendance.get(person=lab_lead).coming is True
