"""Why a member takes part, said of them in the reader's language: the group's page showed the
entitlement's sentence to the person ("Je werkt voor ..."), stored in the language of the day it
was checked, next to somebody else's name; the leads' mail about a lapse did the same."""

# ruff: noqa: F811

from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from som.labs.models import LabMember
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    call,
    confirmed,
    members,
    network_day,
    proposal,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)
from som.membership.models import Membership

pytestmark = pytest.mark.django_db


def _group_page(client, lab, language: str) -> str:
    with translation.override(language):
        address = reverse("labs:group", kwargs={"slug": lab.slug})
    return client.get(address).content.decode()


def test_the_group_page_says_why_each_member_takes_part_in_the_readers_language(
    client_of, running_lab, teacher, school
):
    member = LabMember.objects.get(lab=running_lab, person=teacher)
    assert member.basis_code == "member_staff" and member.basis_organisation == school
    client = client_of(teacher)
    english = _group_page(client, running_lab, "en")
    assert f"Staff of {school.name}, a member of SOM Leuven" in english
    dutch = _group_page(client, running_lab, "nl")
    assert f"Personeel van {school.name}, lid van SOM Leuven" in dutch
    for page in (english, dutch):
        assert "You work for" not in page and "Je werkt voor" not in page


def test_the_leads_read_of_a_lapse_in_the_third_person(
    running_lab, teacher, school, django_capture_on_commit_callbacks
):
    Membership.objects.filter(organisation=school).update(ended_on=timezone.localdate())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_lab_entitlements", verbosity=0)
    [message] = mail.outbox
    assert "noch de persoon zelf, noch een organisatie waarvoor die werkt" in message.body
    assert "Noch jij" not in message.body and "Neither you" not in message.body


@pytest.mark.parametrize(
    "sentence",
    [
        "Je werkt voor {name}, een lid van SOM Leuven.",
        "You work for {name}, a member of SOM Leuven.",
    ],
)
def test_the_migration_finds_the_institution_in_a_stored_sentence(
    running_lab, teacher, school, sentence
):
    migration = import_module("som.labs.migrations.0005_labmember_basis_organisation")
    LabMember.objects.filter(lab=running_lab, person=teacher).update(
        basis_organisation=None, basis=sentence.format(name=school.name)
    )
    migration.name_the_organisations(apps, None)
    assert LabMember.objects.get(lab=running_lab, person=teacher).basis_organisation == school
