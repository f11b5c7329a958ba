"""Opaque NextToken: a key-based cursor bound to the query it came from."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json

from .errors import validation

INVALID = "Invalid pagination token"


def query_hash(query: dict) -> str:
    """A short digest of the query parameters a token is only valid for."""
    blob = json.dumps({k: v for k, v in query.items() if k not in ("NextToken", "MaxResults")},
                      sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def encode(cursor: tuple, query: dict) -> str:
    """A token that resumes after cursor (the last sort key returned)."""
    raw = json.dumps({"after": list(cursor), "q": query_hash(query)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode(token: str, query: dict) -> tuple:
    """The cursor in token; ValidationException when it does not decode or belongs to another query."""
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        cursor, digest = data["after"], data["q"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeError):
        raise validation(INVALID) from None
    if digest != query_hash(query) or not isinstance(cursor, list):
        raise validation(INVALID)
    return tuple(cursor)
