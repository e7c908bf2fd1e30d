"""A person's consents and directory listing are part of their data: in the export, and ended by
the erasure of their account (the photo they consented to leaves the public site with it)."""

import pytest

from som.accounts.services import confirm_erasure, export_personal_data, request_erasure
from som.network.consents import record_consent
from som.network.models import Consent
from som.network.tests.factories import make_person
from som.publishing.models import DirectoryListing

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed_teacher(teacher, school, team_member):
    DirectoryListing.objects.create(organisation=school, person=teacher, shown_role="Leraar")
    consent = record_consent(
        by=team_member,
        subject_name=teacher.full_name,
        subject=teacher,
        uses=["website", "newsletter"],
    )
    return teacher, consent


def test_the_export_holds_the_consents_and_the_directory_listing(listed_teacher, school):
    teacher, consent = listed_teacher
    data = export_personal_data(person=teacher)
    assert data["network"]["consents"] == [
        {
            "number": consent.pk,
            "shown_as": teacher.full_name,
            "uses": ["website", "newsletter"],
            "given_by": "",
            "valid_until": None,
            "revoked_at": None,
        }
    ]
    assert data["publishing"]["directory_listings"] == [
        {"organisation": school.name, "shown_role": "Leraar"}
    ]


def test_an_erasure_ends_the_consents_and_the_listing(listed_teacher, mailoutbox):
    teacher, consent = listed_teacher
    boss = make_person(email="baas@som.example", is_staff=True)
    confirm_erasure(request=request_erasure(person=teacher), by=boss)
    assert not DirectoryListing.objects.filter(person=teacher).exists()
    consent = Consent.objects.get(pk=consent.pk)
    assert consent.revoked_at is not None
    assert not consent.allows("website")
