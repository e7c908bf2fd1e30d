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


# --- Codes, not sentences (issue 21, section 3) ---------------------------------------------------


def _migration_0010():
    return import_module("som.labs.migrations.0010_labmember_basis_as_code")


def test_an_accepted_member_keeps_a_code_and_no_sentence(running_lab, teacher, school):
    member = LabMember.objects.get(lab=running_lab, person=teacher)
    assert (member.basis_code, member.basis_organisation, member.basis) == (
        "member_staff",
        school,
        "",
    )


def test_a_row_written_in_dutch_reads_in_english_to_an_english_reader(
    client_of, running_lab, teacher, school
):
    LabMember.objects.filter(lab=running_lab, person=teacher).update(
        basis_code="", basis_organisation=None, basis="Je hebt een labolidmaatschap van SOM Leuven."
    )
    _migration_0010().sentences_to_codes(apps, None)
    member = LabMember.objects.get(lab=running_lab, person=teacher)
    assert (member.basis_code, member.basis) == ("lab_member", "")
    english = _group_page(client_of(teacher), running_lab, "en")
    assert "Lab membership of SOM Leuven" in english and "labolidmaatschap" not in english


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Je werkt voor {name}, een lid van SOM Leuven.", "member_staff"),
        ("You work for {name}, a member of SOM Leuven.", "member_staff"),
        ("Je hebt een labolidmaatschap van SOM Leuven.", "lab_member"),
        ("You have a lab membership of SOM Leuven.", "lab_member"),
        ("Je bent een uitgenodigde expert van het labo Diverse leraarskamer.", "invited_expert"),
        ("You are an invited expert of the lab Diverse leraarskamer.", "invited_expert"),
        ("Uitgenodigde expert van dit labo (geen lidmaatschap nodig).", "invited_expert"),
        ("Invited expert of this lab (no membership needed).", "invited_expert"),
        ("Wordt gecontroleerd bij het aanvaarden.", ""),
        ("To be checked when they accept.", ""),
    ],
)
def test_the_migration_turns_old_sentences_into_codes(running_lab, teacher, school, sentence, code):
    LabMember.objects.filter(lab=running_lab, person=teacher).update(
        basis_code="", basis_organisation=None, basis=sentence.format(name=school.name)
    )
    _migration_0010().sentences_to_codes(apps, None)
    member = LabMember.objects.get(lab=running_lab, person=teacher)
    assert (member.basis_code, member.basis) == (code, "")
    assert member.basis_organisation == (school if code == "member_staff" else None)


def test_the_migration_keeps_a_sentence_nobody_recognises_as_legacy(
    client_of, running_lab, teacher
):
    LabMember.objects.filter(lab=running_lab, person=teacher).update(
        basis_code="", basis_organisation=None, basis="Op voorstel van de raad van bestuur."
    )
    _migration_0010().sentences_to_codes(apps, None)
    member = LabMember.objects.get(lab=running_lab, person=teacher)
    assert (member.basis_code, member.basis) == ("legacy", "Op voorstel van de raad van bestuur.")
    assert member.takes_part_as == "Op voorstel van de raad van bestuur."


def test_the_migration_drops_the_sentence_of_a_row_whose_code_says_it_all(
    running_lab, teacher, school
):
    LabMember.objects.filter(lab=running_lab, person=teacher).update(
        basis=f"Je werkt voor {school.name}, een lid van SOM Leuven."
    )
    _migration_0010().sentences_to_codes(apps, None)
    member = LabMember.objects.get(lab=running_lab, person=teacher)
    assert (member.basis_code, member.basis_organisation, member.basis) == (
        "member_staff",
        school,
        "",
    )
