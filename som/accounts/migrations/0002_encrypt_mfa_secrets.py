"""Encrypt the authenticator-app secrets and recovery-code seeds that were stored in the clear
(som/accounts/mfa.py), under the key of the environment the migration runs in."""

from typing import Any

from django.db import migrations


def _rewrite(apps: Any, change: Any) -> None:
    from som.accounts import mfa

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.order_by("pk").iterator():
        data = mfa.transform_data(authenticator.data, change)
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps: Any, schema_editor: Any) -> None:
    from som.accounts import mfa

    _rewrite(apps, lambda value: value if mfa.is_encrypted(value) else mfa.encrypt(value))


def decrypt_secrets(apps: Any, schema_editor: Any) -> None:
    from som.accounts import mfa

    _rewrite(apps, lambda value: mfa.decrypt(value) if mfa.is_encrypted(value) else value)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets, elidable=False)]
