import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from som.accounts.api_tokens import ApiTokenError, revoke_api_token
from som.accounts.models import ApiToken
from som.accounts.services import create_api_token, person_for_token
from som.core.audit import entries_for


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


# --- Scopes, expiry and revocation (issue 17, point 5) ---------------------------------------------


def test_a_token_gets_every_scope_its_owner_may_use_and_a_year_by_default(teacher, team_member):
    token, _secret = create_api_token(person=teacher)
    assert token.scope_list == ["read", "register", "vote"]
    assert create_api_token(person=team_member)[0].scope_list == [
        "read",
        "register",
        "vote",
        "checkin",
    ]
    lifetime = token.expires_at - timezone.now()
    assert datetime.timedelta(days=364) < lifetime <= datetime.timedelta(days=365)


def test_only_the_team_gives_a_token_the_door_and_nobody_an_unknown_scope(teacher, team_member):
    for scopes in (["checkin"], ["read", "admin"], []):
        with pytest.raises(ApiTokenError) as error:
            create_api_token(person=teacher, scopes=scopes)
        assert error.value.code == "invalid_scopes"
    token, _secret = create_api_token(person=team_member, scopes=["checkin", "read"])
    assert token.scope_list == ["read", "checkin"]
    assert not ApiToken.objects.filter(person=teacher).exists()


def test_a_token_lives_at_most_the_setting(teacher, settings):
    settings.API_TOKEN_MAX_DAYS = 90
    for days in (0, 91, -5):
        with pytest.raises(ApiTokenError) as error:
            create_api_token(person=teacher, days=days)
        assert error.value.code == "invalid_expiry"
    token, _secret = create_api_token(person=teacher)  # the default follows the maximum
    assert token.expires_at - timezone.now() <= datetime.timedelta(days=90)


def test_an_expired_token_identifies_nobody(teacher):
    token, secret = create_api_token(person=teacher, days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert person_for_token(secret) is None


def test_a_revocation_is_audited_and_final(teacher):
    token, secret = create_api_token(person=teacher)
    revoke_api_token(token=token, by=teacher)
    token.refresh_from_db()
    revoked_at = token.revoked_at
    assert revoked_at is not None and person_for_token(secret) is None
    assert [e.action for e in entries_for(token)] == ["api_token.revoked", "api_token.created"]
    with pytest.raises(ApiTokenError) as error:
        revoke_api_token(token=token, by=teacher)
    assert error.value.code == "already_revoked"
    token.refresh_from_db()
    assert token.revoked_at == revoked_at


def test_nobody_revokes_somebody_elses_token_but_the_team(teacher, outsider, team_member):
    token, secret = create_api_token(person=teacher)
    with pytest.raises(ApiTokenError) as error:
        revoke_api_token(token=token, by=outsider)
    assert error.value.code == "not_yours"
    assert person_for_token(secret) == teacher
    revoke_api_token(token=token, by=team_member)  # a lost scanner
    assert person_for_token(secret) is None


def test_the_admin_cannot_take_a_revocation_back(client_of, teacher, team_member):
    token, secret = create_api_token(person=teacher)
    revoke_api_token(token=token, by=teacher)
    token.refresh_from_db()
    client = client_of(team_member)
    url = reverse("admin:accounts_apitoken_change", args=[token.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="revoked_at' not in page.content  # shown, not a field
    answer = client.post(url, {"revoked_at_0": "", "revoked_at_1": "", "name": "terug"})
    assert answer.status_code == 403
    assert ApiToken.objects.get(pk=token.pk).revoked_at == token.revoked_at
    assert person_for_token(secret) is None


def test_the_admin_revokes_through_the_service(client_of, teacher, team_member):
    token, secret = create_api_token(person=teacher)
    client = client_of(team_member)
    client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert person_for_token(secret) is None
    assert entries_for(token).filter(action="api_token.revoked", actor=team_member).exists()


def test_the_command_makes_a_door_key_for_a_week(team_member, teacher):
    out = StringIO()
    call_command("create_api_token", team_member.email, "--scope=checkin", "--days=7", stdout=out)
    token = ApiToken.objects.get(person=team_member)
    assert token.scope_list == ["checkin"]
    assert token.expires_at - timezone.now() <= datetime.timedelta(days=7)
    with pytest.raises(CommandError):
        call_command("create_api_token", teacher.email, "--scope=checkin")
