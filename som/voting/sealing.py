"""Seal a secret ballot while its poll is open, and open the seals when it closes.

A sealed ballot is AES-GCM over a JSON of the choices and receipt hashes, padded to one length,
under a key derived (HKDF-SHA256) from the server's SECRET_KEY and the poll's id, with the poll's
id as associated data (a seal cannot be moved to another poll). The database, its backups and
the back office hold only the seals; the key lives in the server's environment. Rotating
SECRET_KEY while a secret poll is open is safe as long as the old key stays in
SECRET_KEY_FALLBACKS until the poll is closed.
"""

import json
import os
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

NONCE_BYTES = 12
# Every seal has the same length whatever the number of choices (up to some fifty options) and
# of receipt hashes (a weight of up to four), so its size tells nothing; a larger ballot takes the
# next multiple. Small on purpose: every ballot writes it (G4's p99 on PostgreSQL).
PADDED_BYTES = 512


class SealError(Exception):
    """A seal does not open with the server's keys (SECRET_KEY and its fallbacks)."""


@lru_cache(maxsize=64)
def _key(secret: str, poll_id: int) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"som.voting.sealed-ballot",
        info=f"poll:{poll_id}".encode(),
    ).derive(secret.encode())
    return AESGCM(derived)


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def seal(poll_id: int, content: dict[str, Any]) -> bytes:
    text = json.dumps(content, separators=(",", ":")).encode()
    padded = text.ljust(max(PADDED_BYTES, -(-len(text) // PADDED_BYTES) * PADDED_BYTES))
    nonce = os.urandom(NONCE_BYTES)
    return nonce + _key(settings.SECRET_KEY, poll_id).encrypt(nonce, padded, str(poll_id).encode())


def unseal(poll_id: int, sealed: bytes) -> dict[str, Any]:
    nonce, body = bytes(sealed[:NONCE_BYTES]), bytes(sealed[NONCE_BYTES:])
    for secret in _secrets():
        try:
            text = _key(secret, poll_id).decrypt(nonce, body, str(poll_id).encode())
        except InvalidTag:
            continue
        content: dict[str, Any] = json.loads(text)
        return content
    raise SealError(f"a sealed ballot of poll {poll_id} does not open with the server's keys")
