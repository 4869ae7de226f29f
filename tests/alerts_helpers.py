"""Shared steps of the alert tests: subscribe like a browser does, read the mails."""

import re
import time

from django.core import mail

from accessibility import tokens as form_tokens

LINK = re.compile(r"https?://\S+")


def old_enough_token():
    """The form's time stamp as if the page was shown a minute ago."""
    return form_tokens.form_started_token(at=time.time() - 60)


def subscribe(client, email, scope_value, capture, **extra):
    with capture(execute=True):
        return client.post(
            "/folj/",
            {"email": email, "omrade": scope_value, "started": old_enough_token(), **extra},
        )


def links_in(message):
    return LINK.findall(message.body)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def confirm_link(message):
    return next(path_of(url) for url in links_in(message) if "/folj/bekrafta/" in url)


def mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]
