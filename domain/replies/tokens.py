"""Reply tokens: who a digest went to and which digest, signed so a reply cannot forge one.

A token is 20 bytes written in lower-case base32 (32 letters and digits, no padding), short
enough for an address's local part (`closeout+TOKEN@domain` stays under the 64 characters
RFC 5321 allows) and unchanged by mail systems that fold case. It holds the person the digest
went to, the digest (a `ReplyDigest` row: its areas in the order it numbers them), the day it
was issued, and the first 10 bytes of an HMAC-SHA256 of those over the
secret from settings.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
from dataclasses import dataclass
from datetime import date, timedelta

EPOCH = date(2020, 1, 1)
_PAYLOAD = struct.Struct(">IIH")  # person id, digest id, days since EPOCH
_MAC_BYTES = 10
TOKEN_LENGTH = 32


class BadToken(ValueError):
    """A token that is not one Closeout issued: malformed, or signed with another secret."""


@dataclass(frozen=True)
class ReplyToken:
    """What a valid token says: the digest's recipient, the digest, the day it was issued."""

    person_id: int
    digest_id: int
    issued_on: date

    def expires_on(self, days: int) -> date:
        """The last day a reply with this token is accepted."""
        return self.issued_on + timedelta(days=days)

    def is_expired(self, today: date, days: int) -> bool:
        return today > self.expires_on(days)


def _mac(payload: bytes, secret: str) -> bytes:
    return hmac.new(secret.encode(), b"closeout-reply:" + payload, hashlib.sha256).digest()


def mint_token(token: ReplyToken, secret: str) -> str:
    """The token's text, signed with `secret`."""
    payload = _PAYLOAD.pack(token.person_id, token.digest_id, (token.issued_on - EPOCH).days)
    raw = payload + _mac(payload, secret)[:_MAC_BYTES]
    return base64.b32encode(raw).decode().lower()


def read_token(text: str, secret: str) -> ReplyToken:
    """The token `text` stands for; BadToken when it is malformed or its signature fails."""
    cleaned = text.strip().upper()
    if len(cleaned) != TOKEN_LENGTH:
        raise BadToken(f"a reply token has {TOKEN_LENGTH} characters, not {len(cleaned)}")
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raise BadToken("a reply token holds only the letters a-z and digits 2-7") from None
    payload, mac = raw[: _PAYLOAD.size], raw[_PAYLOAD.size :]
    if not hmac.compare_digest(mac, _mac(payload, secret)[:_MAC_BYTES]):
        raise BadToken("the reply token was not issued by Closeout or has been changed")
    person_id, digest_id, days = _PAYLOAD.unpack(payload)
    return ReplyToken(person_id, digest_id, EPOCH + timedelta(days=days))


def reply_address(address: str, token: str) -> str:
    """`address` with the token after a '+' in its local part: closeout+TOKEN@domain."""
    local, _, domain = address.rpartition("@")
    return f"{local}+{token}@{domain}"


def token_in(address: str, reply_address_setting: str) -> str | None:
    """The token in `address` when it is the reply address with a '+token', else None."""
    local, _, domain = address.strip().lower().rpartition("@")
    base_local, _, base_domain = reply_address_setting.strip().lower().rpartition("@")
    base, plus, token = local.partition("+")
    if not plus or base != base_local or domain != base_domain or not token:
        return None
    return token
