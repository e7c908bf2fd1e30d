"""The back office corrects membership types, tariffs and years through the membership
services: validated and audited; a tariff that applications point at is not deleted."""

import pytest
from django.urls import reverse
from django.utils import translation

from som.core import audit
from som.core.tests.admin_forms import change_form_data, form_errors
from som.membership.models import Tariff


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_tariff_changed_in_the_back_office_is_audited(client_of, team_member, general):
    tariff = general.tariffs.order_by("pk").first()
    assert tariff is not None
    index = list(general.tariffs.order_by("pk")).index(tariff)
    client = client_of(team_member)
    url = reverse("admin:membership_membershiptype_change", args=[general.pk])
    data = change_form_data(client, url)
    prefix = next(key for key in data if key.endswith(f"-{index}-amount")).rsplit("-", 1)[0]

    response = client.post(url, {**data, f"{prefix}-amount": "120.00"})

    assert response.status_code == 302, form_errors(response)
    tariff.refresh_from_db()
    assert str(tariff.amount) == "120.00"
    entry = audit.entries_for(tariff).get()
    assert (entry.action, entry.actor) == ("tariff.updated", team_member)


def test_a_membership_year_changed_in_the_back_office_is_audited(client_of, team_member, this_year):
    client = client_of(team_member)
    url = reverse("admin:membership_membershipyear_change", args=[this_year.pk])

    response = client.post(url, change_form_data(client, url, grace_days="45"))

    assert response.status_code == 302, form_errors(response)
    entry = audit.entries_for(this_year).get()
    assert entry.changes["grace_days"][1] == 45
    assert client.get(reverse("admin:membership_membershipyear_add")).status_code == 403


def test_a_tariff_is_not_deleted_in_the_back_office(client_of, team_member, general):
    count = Tariff.objects.count()
    client = client_of(team_member)
    url = reverse("admin:membership_membershiptype_change", args=[general.pk])
    data = change_form_data(client, url)
    prefix = next(key for key in data if key.endswith("-0-amount")).rsplit("-", 2)[0]

    client.post(url, {**data, f"{prefix}-0-DELETE": "on"})

    assert Tariff.objects.count() == count
