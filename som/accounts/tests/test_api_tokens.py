import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

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
