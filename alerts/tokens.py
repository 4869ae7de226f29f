"""Signed links in alert e-mails. The confirmation link expires; the unsubscribe and
manage links do not (they must work in a mail read months later) but carry the
subscriber's key, so a new key revokes them."""

import datetime
from enum import Enum

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "alerts.confirm"
SUBSCRIBER_SALT = "alerts.subscriber"


class Check(Enum):
    OK = "ok"
    EXPIRED = "expired"
    INVALID = "invalid"


def confirm_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.ALERTS_CONFIRM_DAYS)


def confirm_token(subscription) -> str:
    return signing.dumps(
        {"s": subscription.pk, "k": subscription.subscriber.key}, salt=CONFIRM_SALT
    )


def read_confirm_token(token: str) -> tuple[Check, dict | None]:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
    except signing.SignatureExpired:
        return Check.EXPIRED, None
    except signing.BadSignature:
        return Check.INVALID, None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return Check.INVALID, None
    return Check.OK, data


def subscriber_token(subscriber_id: int, key: str) -> str:
    return signing.Signer(salt=SUBSCRIBER_SALT).sign_object({"s": subscriber_id, "k": key})


def read_subscriber_token(token: str) -> dict | None:
    try:
        data = signing.Signer(salt=SUBSCRIBER_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return None
    return data
