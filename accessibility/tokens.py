"""Signed tokens: when a form was shown (the time-trap) and what a receipt shows.

Both are signed with the secret key, so they cannot be forged, and the receipt needs no
database lookup: its address cannot be guessed and it shows nothing personal.
"""

import datetime
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

FORM_SALT = "accessibility.form-started"
RECEIPT_SALT = "accessibility.receipt"
# The time-trap never asks a person to wait longer than this, whatever the setting says.
MAX_MIN_FILL_SECONDS = 5


def min_fill_seconds() -> int:
    return max(0, min(settings.ACCESSIBILITY_MIN_FILL_SECONDS, MAX_MIN_FILL_SECONDS))


def form_started_token(at: float | None = None) -> str:
    """A signed timestamp for the hidden field of a freshly shown form."""
    return signing.dumps(at if at is not None else time.time(), salt=FORM_SALT)


def seconds_since_started(token: str, now: float | None = None) -> float | None:
    """Seconds since the form was shown, or None when the token is missing or forged."""
    try:
        started = signing.loads(token or "", salt=FORM_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(started, (int, float)):
        return None
    return (now if now is not None else time.time()) - started


def quarantine_reason(token: str) -> str:
    """Why a submission looks automated, or "" when it does not."""
    elapsed = seconds_since_started(token)
    if elapsed is None:
        return "Formulärets tidsstämpel saknas eller är ogiltig."
    minimum = min_fill_seconds()
    if elapsed < minimum:
        return (
            f"Skickades {max(elapsed, 0):.1f} sekunder efter att formuläret visades "
            f"(gräns {minimum} s)."
        )
    return ""


@dataclass(frozen=True)
class Receipt:
    reference: str
    kind: str
    due_on: datetime.date


def receipt_token(receipt: Receipt) -> str:
    # No timestamp: the same request always has the same receipt address.
    return signing.Signer(salt=RECEIPT_SALT).sign_object(
        {"r": receipt.reference, "k": receipt.kind, "d": receipt.due_on.isoformat()},
        compress=True,
    )


def read_receipt_token(token: str) -> Receipt | None:
    try:
        data = signing.Signer(salt=RECEIPT_SALT).unsign_object(token)
        return Receipt(
            reference=str(data["r"]),
            kind=str(data["k"]),
            due_on=datetime.date.fromisoformat(data["d"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
