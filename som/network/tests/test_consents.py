"""The consent register's services (som.network.consents): who may record and revoke, a child
under 13 only through a parent, a revocation that is audited once and mails the team once."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from som.core.models import AuditEntry
from som.network import consents
from som.network.models import Consent
from som.network.tests.factories import make_person


def record(by, **changes):
    fields: dict[str, Any] = {"subject_name": "Anna Peeters", "uses": ["website"]}
    fields.update(changes)
    return consents.record_consent(by=by, **fields)


def test_the_team_records_a_consent_for_the_uses_ticked(team_member):
    consent = record(team_member, uses=["website", "newsletter"], note="Netwerkdag maart")
    assert consent.allows("website") and consent.allows("newsletter")
    assert not consent.allows("social_media") and not consent.allows("annual_report")
    assert consent.recorded_by == team_member
    assert AuditEntry.objects.filter(
        action="network.consent_recorded", object_id=str(consent.pk)
    ).exists()


def test_a_child_under_13_needs_a_parents_name(team_member):
    with pytest.raises(consents.ConsentError) as error:
        record(team_member, subject_name="Lena (10 jaar)", is_minor=True)
    assert error.value.code == "minor_without_parent"
    with pytest.raises(consents.ConsentError):
        record(team_member, subject_name="Lena (10 jaar)", is_minor=True, given_by_name="   ")
    assert not Consent.objects.exists()
    consent = record(
        team_member, subject_name="Lena (10 jaar)", is_minor=True, given_by_name="Mieke Peeters"
    )
    assert consent.is_minor and consent.given_by_name == "Mieke Peeters"


def test_the_child_refusal_reads_in_dutch(team_member):
    from django.utils import translation

    with translation.override("nl"), pytest.raises(consents.ConsentError) as error:
        record(team_member, is_minor=True)
    assert "ouder" in error.value.message


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"subject_name": "  "}, "no_name"),
        ({"uses": []}, "no_use"),
        ({"uses": ["billboards"]}, "no_use"),
        ({"valid_until": datetime.date(2000, 1, 1)}, "expired"),
    ],
)
def test_a_consent_without_name_use_or_future_is_refused(team_member, changes, code):
    with pytest.raises(consents.ConsentError) as error:
        record(team_member, **changes)
    assert error.value.code == code
    assert not Consent.objects.exists()


def test_only_the_team_records(teacher, lab_lead):
    for person in (teacher, lab_lead, None):
        with pytest.raises(consents.ConsentError) as error:
            record(person)
        assert error.value.code == "not_team"
    assert not Consent.objects.exists()


def test_revoking_is_audited_mailed_and_idempotent(team_member, django_capture_on_commit_callbacks):
    consent = record(team_member)
    with django_capture_on_commit_callbacks(execute=True):
        revoked = consents.revoke_consent(
            by=team_member, consent=consent, revoked_by_name="Anna zelf", note="per mail"
        )
    assert revoked.revoked_at is not None and revoked.revoked_by_name == "Anna zelf"
    assert not revoked.allows("website")
    assert len(mail.outbox) == 1
    assert "Anna Peeters" in mail.outbox[0].subject
    revoked_at = revoked.revoked_at
    with django_capture_on_commit_callbacks(execute=True):
        again = consents.revoke_consent(by=team_member, consent=consent)
    assert again.revoked_at == revoked_at  # nothing changed
    assert len(mail.outbox) == 1  # and no second mail
    assert (
        AuditEntry.objects.filter(
            action="network.consent_revoked", object_id=str(consent.pk)
        ).count()
        == 1
    )


def test_a_person_revokes_their_own_consent_but_nobody_elses(team_member, teacher):
    own = record(team_member, subject=teacher, subject_name=teacher.full_name)
    other = record(team_member, subject_name="Iemand anders")
    with pytest.raises(consents.ConsentError) as error:
        consents.revoke_consent(by=teacher, consent=other)
    assert error.value.code == "not_allowed"
    other.refresh_from_db()
    assert other.revoked_at is None
    consents.revoke_consent(by=teacher, consent=own)
    own.refresh_from_db()
    assert own.revoked_at is not None and own.revoked_by_name == str(teacher)


def test_an_expired_consent_allows_nothing(team_member):
    consent = record(team_member, valid_until=timezone.localdate())
    assert consent.allows("website")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert not consent.allows("website", on=tomorrow)


def test_a_photo_upload_records_its_consent_for_a_logged_in_person(lab_lead):
    consent = consents.record_consent_for_upload(
        by=lab_lead, subject_name="De mensen op de foto", uses=["website"]
    )
    assert consent.recorded_by == lab_lead
    anonymous = make_person(email="weg@example.org", full_name="Weg")
    anonymous.is_active = False
    with pytest.raises(consents.ConsentError):
        consents.record_consent_for_upload(by=anonymous, subject_name="X")
