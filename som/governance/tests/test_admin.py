"""The back office corrects governance's data through the governance services: validated,
audited, and the rules of a convened meeting stay as they were until it closes."""

import pytest
from django.urls import reverse
from django.utils import translation

from som.core import audit
from som.core.tests.admin_forms import change_form_data, form_errors
from som.governance.models import Mandate, MotionKind, Statutes
from som.governance.tests.conftest import kind


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_motion_kind_changed_in_the_back_office_is_audited(client_of, team_member):
    statutes = kind("statutes")
    client = client_of(team_member)
    url = reverse("admin:governance_motionkind_change", args=[statutes.pk])

    response = client.post(url, change_form_data(client, url, min_notice_days="30"))

    assert response.status_code == 302, form_errors(response)
    entry = audit.entries_for(statutes).get()
    assert (entry.action, entry.actor) == ("motionkind.updated", team_member)
    assert entry.changes["min_notice_days"][1] == 30


def test_the_rules_of_a_convened_meeting_are_not_changed_in_the_back_office(
    client_of, team_member, convened
):
    statutes = kind("statutes")
    before = statutes.majority_numerator
    client = client_of(team_member)
    url = reverse("admin:governance_motionkind_change", args=[statutes.pk])

    response = client.post(url, change_form_data(client, url, majority_numerator="1"))

    assert response.status_code == 200
    assert "convened or in session under these rules" in response.text
    assert MotionKind.objects.get(pk=statutes.pk).majority_numerator == before
    assert not audit.entries_for(statutes).exists()
    numbers = Statutes.objects.first()
    if numbers is not None:
        url = reverse("admin:governance_statutes_change", args=[numbers.pk])
        response = client.post(url, change_form_data(client, url, max_proxies_per_holder="9"))
        assert response.status_code == 200
        assert Statutes.objects.get(pk=numbers.pk).max_proxies_per_holder != 9


def test_a_second_secretary_in_the_same_period_is_refused_in_the_back_office(
    client_of, team_member, secretary, lab_lead
):
    mandate = Mandate.objects.get(person=secretary)
    other = Mandate.objects.create(
        body=mandate.body, person=lab_lead, role=Mandate.Role.MEMBER, starts_on=mandate.starts_on
    )
    client = client_of(team_member)
    url = reverse("admin:governance_mandate_change", args=[other.pk])

    response = client.post(url, change_form_data(client, url, role=Mandate.Role.SECRETARY))

    assert response.status_code == 200
    assert "already has a secretary" in response.text
    assert Mandate.objects.get(pk=other.pk).role == Mandate.Role.MEMBER


def test_a_mandate_added_in_the_back_office_goes_through_appoint(
    client_of, team_member, assembly, lab_lead
):
    client = client_of(team_member)

    response = client.post(
        reverse("admin:governance_mandate_add"),
        {
            "body": str(assembly.pk),
            "person": str(lab_lead.pk),
            "role": Mandate.Role.MEMBER,
            "seat": "",
            "organisation": "",
            "starts_on": "01/01/2026",
            "ends_on": "",
            "elected_by": "",
        },
    )

    assert response.status_code == 200, response.status_code
    assert "are not appointed" in response.text
    assert not Mandate.objects.filter(person=lab_lead).exists()


def test_a_body_changed_in_the_back_office_is_audited(client_of, team_member, assembly):
    client = client_of(team_member)
    url = reverse("admin:governance_body_change", args=[assembly.pk])

    response = client.post(url, change_form_data(client, url, meeting_frequency="Twice a year"))

    assert response.status_code == 302, form_errors(response)
    entry = audit.entries_for(assembly).get(action="body.updated")
    assert entry.actor == team_member
    assert entry.changes["meeting_frequency"][1] == "Twice a year"
