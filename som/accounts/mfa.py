"""The second factor's secrets, encrypted in the database.

allauth keeps an authenticator app's secret (`data["secret"]` of a TOTP authenticator) and the
seed the recovery codes are computed from (`data["seed"]`, or the codes themselves in
`data["migrated_codes"]`) in `mfa_authenticator.data`, in the clear unless the MFA adapter's
`encrypt` / `decrypt` hooks say otherwise. Ours encrypt them with Fernet (AES-CBC with an
HMAC-SHA256) under a key derived (HKDF-SHA256) from MFA_ENCRYPTION_KEY in the server's
environment, never from the database: a copy of the database, a backup or the back office does
not give anybody's second factor. Without MFA_ENCRYPTION_KEY (development, demo, tests) the key
comes from SECRET_KEY; production does not start without one (config/settings.py).

Rotation (docs/deploy.md): the new key in MFA_ENCRYPTION_KEY, the old one in
MFA_ENCRYPTION_KEY_FALLBACKS, then `manage.py reencrypt_mfa_secrets`, then drop the old key.
"""

import base64
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction

# Marks a value we encrypted, so the data migration and the rotation know what they hold.
PREFIX = "fernet:"


class MfaSecretError(Exception):
    """A stored secret does not open with the server's keys (MFA_ENCRYPTION_KEY and its
    fallbacks), or was never encrypted."""


@lru_cache(maxsize=16)
def _fernet(key: str) -> Fernet:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"som.accounts.mfa-secrets", info=b"fernet"
    ).derive(key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def _keys() -> list[str]:
    """The key that encrypts first, then the old ones that still decrypt."""
    fallbacks = list(getattr(settings, "MFA_ENCRYPTION_KEY_FALLBACKS", []))
    key = getattr(settings, "MFA_ENCRYPTION_KEY", "")
    if key:
        return [key, *fallbacks]
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", []), *fallbacks]


def _fernets() -> MultiFernet:
    return MultiFernet([_fernet(key) for key in _keys()])


def is_encrypted(value: str) -> bool:
    return value.startswith(PREFIX)


def encrypt(text: str) -> str:
    return PREFIX + _fernets().encrypt(text.encode()).decode()


def _token(value: str) -> bytes:
    if not is_encrypted(value):
        raise MfaSecretError("an MFA secret is stored unencrypted: run `manage.py migrate`")
    return value.removeprefix(PREFIX).encode()


def decrypt(value: str) -> str:
    try:
        return _fernets().decrypt(_token(value)).decode()
    except InvalidToken:
        raise MfaSecretError(
            "an MFA secret does not open with MFA_ENCRYPTION_KEY or its fallbacks"
        ) from None


def reencrypt(value: str) -> str:
    """The same secret under the current key (decrypted with whichever key opens it)."""
    try:
        return PREFIX + _fernets().rotate(_token(value)).decode()
    except InvalidToken:
        raise MfaSecretError(
            "an MFA secret does not open with MFA_ENCRYPTION_KEY or its fallbacks"
        ) from None


def transform_data(data: dict[str, Any], change: Callable[[str], str]) -> dict[str, Any]:
    """`data` of an authenticator with each secret passed through `change`: a TOTP's secret, the
    recovery codes' seed and migrated codes (allauth's only calls of `encrypt`)."""
    data = dict(data)
    for name in ("secret", "seed"):
        if isinstance(data.get(name), str):
            data[name] = change(data[name])
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
    return data


def reencrypt_all() -> int:
    """Re-encrypt every authenticator's secrets under the current key; the number of
    authenticators. Each row is locked while it is rewritten (a recovery code being used at the
    same moment waits, and then reads the new value)."""
    from allauth.mfa.models import Authenticator

    done = 0
    for pk in Authenticator.objects.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            authenticator = Authenticator.objects.select_for_update().filter(pk=pk).first()
            if authenticator is None:
                continue  # removed meanwhile
            authenticator.data = transform_data(authenticator.data, reencrypt)
            authenticator.save(update_fields=["data"])
            done += 1
    return done


class MFAAdapter(DefaultMFAAdapter):
    """allauth's MFA adapter with the secrets encrypted (MFA_ADAPTER in config/settings.py)."""

    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)
