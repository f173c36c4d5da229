"""Workbench passwords and tokens, stored only as salted scrypt hashes (``scrypt$N$r$p$salt$key``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# 2**14 is the cost OWASP recommends for scrypt as the least; it takes ~50 ms here.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_KEY_BYTES = 32


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_KEY_BYTES, maxmem=256 * 1024 * 1024)


def hash_password(secret: str) -> str:
    """A new salted scrypt hash of ``secret``, as the ``[workbench]`` table stores it."""
    salt = secrets.token_bytes(16)
    key = _derive(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    encoded = (base64.b64encode(part).decode("ascii") for part in (salt, key))
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), *encoded])


def verify_password(secret: str, stored: str) -> bool:
    """Whether ``secret`` is the password ``stored`` (a hash from ``hash_password``) was made from."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key, validate=True)
        derived = _derive(secret, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(derived, expected)
