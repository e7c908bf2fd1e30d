"""The second factor's secrets are encrypted in `mfa_authenticator.data` (som/accounts/mfa.py):
read the way a copy of the database would read them, in raw SQL."""

import importlib
import io
import json
import subprocess

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from som.accounts import mfa
from som.accounts.services import activate_totp, current_totp_code
from som.core.tests.production_env import start_production
from som.network.tests.factories import make_person

SECRET = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA"
OLD_KEY = "old-" + "o" * 50
NEW_KEY = "new-" + "n" * 50


def _stored_rows() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, data FROM mfa_authenticator ORDER BY id")
        return [
            (kind, data if isinstance(data, str) else json.dumps(data))
            for kind, data in cursor.fetchall()
        ]


def _log_in_with_code(client, person, code: str):
    response = client.post(
        "/accounts/login/", {"login": person.email, "password": "correct-horse-battery-staple"}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    return client.post("/accounts/2fa/authenticate/", {"code": code})


def test_a_new_team_member_reaches_the_set_up_page_after_confirming_the_password(client, db):
    newcomer = make_person(email="nieuw-team@som.example", is_staff=True)
    client.post(
        "/accounts/login/", {"login": newcomer.email, "password": "correct-horse-battery-staple"}
    )
    response = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    response = client.post(
        response.redirect_chain[-1][0],
        {"password": "correct-horse-battery-staple"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/accounts/2fa/totp/activate/"
    assert "mfa.totp.secret" in client.session


def test_a_secret_set_up_on_the_two_factor_page_is_not_in_the_table(client, db):
    newcomer = make_person(email="nieuw-team@som.example", is_staff=True)
    client.force_login(newcomer)
    client.post("/accounts/reauthenticate/", {"password": "correct-horse-battery-staple"})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302

    rows = _stored_rows()
    assert {kind for kind, _ in rows} == {"totp", "recovery_codes"}
    for _, data in rows:
        assert secret not in data
        assert json.loads(data).get("secret", mfa.PREFIX).startswith(mfa.PREFIX)
        assert json.loads(data).get("seed", mfa.PREFIX).startswith(mfa.PREFIX)
    codes = Authenticator.objects.get(user=newcomer, type="recovery_codes").wrap()
    assert isinstance(codes, RecoveryCodes)
    seed = mfa.decrypt(codes.instance.data["seed"])
    assert all(seed not in data for _, data in rows)
    assert codes.validate_code(codes.get_unused_codes()[0])  # the codes still work


def test_logging_in_with_the_authenticator_code_still_works(client, team_member):
    from conftest import TEAM_TOTP_SECRET

    assert all(TEAM_TOTP_SECRET not in data for _, data in _stored_rows())
    response = _log_in_with_code(client, team_member, current_totp_code(TEAM_TOTP_SECRET))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(team_member.pk)


def test_a_wrong_code_still_fails(client, team_member):
    response = _log_in_with_code(client, team_member, "000000")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_rotation_re_encrypts_every_secret_under_the_new_key(settings, client, db):
    settings.MFA_ENCRYPTION_KEY, settings.MFA_ENCRYPTION_KEY_FALLBACKS = OLD_KEY, []
    person = make_person(email="roteer@som.example", is_staff=True)
    activate_totp(person=person, secret=SECRET)
    RecoveryCodes.activate(person)
    codes_before = RecoveryCodes(Authenticator.objects.get(type="recovery_codes")).generate_codes()
    stored_before = _stored_rows()

    settings.MFA_ENCRYPTION_KEY, settings.MFA_ENCRYPTION_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    output = io.StringIO()
    call_command("reencrypt_mfa_secrets", stdout=output)
    assert output.getvalue().startswith("2 authenticator(s) re-encrypted")

    settings.MFA_ENCRYPTION_KEY, settings.MFA_ENCRYPTION_KEY_FALLBACKS = NEW_KEY, []
    stored_after = _stored_rows()
    assert stored_after != stored_before
    assert all(SECRET not in data for _, data in stored_after)
    totp = Authenticator.objects.get(type="totp").wrap()
    assert isinstance(totp, TOTP)
    assert totp.validate_code(current_totp_code(SECRET))
    recovery = RecoveryCodes(Authenticator.objects.get(type="recovery_codes"))
    assert recovery.generate_codes() == codes_before


def test_rotation_without_the_old_key_stops_with_a_clear_message(settings, db):
    settings.MFA_ENCRYPTION_KEY, settings.MFA_ENCRYPTION_KEY_FALLBACKS = OLD_KEY, []
    activate_totp(person=make_person(is_staff=True), secret=SECRET)
    settings.MFA_ENCRYPTION_KEY = NEW_KEY
    with pytest.raises(Exception, match="MFA_ENCRYPTION_KEY_FALLBACKS"):
        call_command("reencrypt_mfa_secrets")


def test_a_secret_under_an_unknown_key_does_not_open(settings):
    settings.MFA_ENCRYPTION_KEY = OLD_KEY
    stored = mfa.encrypt(SECRET)
    settings.MFA_ENCRYPTION_KEY = NEW_KEY
    with pytest.raises(mfa.MfaSecretError):
        mfa.decrypt(stored)
    with pytest.raises(mfa.MfaSecretError):
        mfa.decrypt(SECRET)  # never encrypted


def test_the_migration_encrypts_secrets_stored_in_the_clear(db):
    person = make_person(is_staff=True)
    Authenticator.objects.bulk_create(
        [
            Authenticator(user=person, type="totp", data={"secret": SECRET}),
            Authenticator(
                user=person,
                type="recovery_codes",
                data={"seed": "ab" * 40, "used_mask": 0, "migrated_codes": ["12345678"]},
            ),
        ]
    )
    migration = importlib.import_module("som.accounts.migrations.0002_encrypt_mfa_secrets")

    migration.encrypt_secrets(apps, None)
    migration.encrypt_secrets(apps, None)  # a second run changes nothing

    assert all(SECRET not in data and "ab" * 40 not in data for _, data in _stored_rows())
    totp = Authenticator.objects.get(type="totp")
    assert mfa.decrypt(totp.data["secret"]) == SECRET
    recovery = Authenticator.objects.get(type="recovery_codes")
    assert mfa.decrypt(recovery.data["seed"]) == "ab" * 40
    assert recovery.data["used_mask"] == 0
    assert RecoveryCodes(recovery).get_unused_codes() == ["12345678"]

    migration.decrypt_secrets(apps, None)
    assert Authenticator.objects.get(type="totp").data == {"secret": SECRET}


def _production(**env: str) -> subprocess.CompletedProcess[str]:
    """Production complete but for the two-factor key, unless `env` sets it."""
    return start_production("import config.settings", **{"MFA_ENCRYPTION_KEY": None, **env})


def test_production_refuses_to_start_without_an_mfa_key():
    result = _production()
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEY must be set" in result.stderr


def test_production_refuses_a_short_mfa_key_or_fallback():
    assert "too weak" in _production(MFA_ENCRYPTION_KEY="short").stderr
    result = _production(MFA_ENCRYPTION_KEY=NEW_KEY, MFA_ENCRYPTION_KEY_FALLBACKS="old")
    assert "too weak" in result.stderr
    assert "old" not in result.stderr.replace("MFA_ENCRYPTION_KEY", "")  # no key in a log
    assert _production(MFA_ENCRYPTION_KEY=NEW_KEY).returncode == 0
