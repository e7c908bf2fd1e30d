import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from som.accounts.models import ApiToken
from som.accounts.services import create_api_token, person_for_token


def test_create_api_token_prints_a_token_that_is_stored_only_hashed(teacher):
    out = StringIO()
    call_command("create_api_token", teacher.email, stdout=out)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(person=teacher)
    assert secret.startswith("som_")
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in token.token_hash
    assert person_for_token(secret) == teacher


def test_create_api_token_for_an_unknown_email_fails(db):
    with pytest.raises(CommandError):
        call_command("create_api_token", "niemand@example.org")


def test_a_revoked_token_identifies_nobody(teacher):
    token, secret = create_api_token(person=teacher)
    token.revoked_at = token.created_at
    token.save()
    assert person_for_token(secret) is None


def test_a_token_of_a_deactivated_person_or_a_wrong_secret_identifies_nobody(teacher):
    _token, secret = create_api_token(person=teacher)
    assert person_for_token(secret + "x") is None
    teacher.is_active = False
    teacher.save()
    assert person_for_token(secret) is None


def test_the_token_gives_the_whole_person_and_records_its_use_once_in_five_minutes(teacher):
    token, secret = create_api_token(person=teacher)
    person = person_for_token(secret)
    assert person is not None and person.is_active
    assert (person.email, person.full_name, person.date_joined) == (
        teacher.email,
        teacher.full_name,
        teacher.date_joined,
    )
    token.refresh_from_db()
    assert token.last_used_at is not None
    recently = timezone.now() - datetime.timedelta(minutes=4)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recently)
    person_for_token(secret)
    token.refresh_from_db()
    assert token.last_used_at == recently
    a_while_ago = timezone.now() - datetime.timedelta(minutes=6)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=a_while_ago)
    person_for_token(secret)
    token.refresh_from_db()
    assert token.last_used_at > recently
