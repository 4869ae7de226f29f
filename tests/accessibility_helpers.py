"""Helpers for the accessibility request form tests: valid data as a person sends it."""

import re
import time
from io import StringIO

from django.core.management import call_command

from accessibility import tokens
from accessibility.models import WantedFormat


def started_long_ago():
    """A time-trap token from a form shown a minute ago, as a person would send it."""
    return tokens.form_started_token(at=time.time() - 60)


def barrier_data(**overrides):
    data = {
        "page_url": "http://testserver/om-medborgarloften/",
        "message": "Länken till källan går inte att nå med tangentbordet.",
        "assistive_technology": "NVDA",
        "browser": "Firefox på dator",
        "contact_name": "Alva Andersson",
        "contact_email": "alva@example.se",
        "consent": "on",
        "lamna_tomt": "",
        "started": started_long_ago(),
    }
    return {**data, **overrides}


def format_data(**overrides):
    data = {
        "message": "Uppföljningen för tertial 3 2018 i Jönköping.",
        "page_url": "",
        "wanted_format": WantedFormat.EASY_TO_READ,
        "wanted_format_other": "",
        "contact_name": "",
        "contact_email": "bo@example.se",
        "consent": "on",
        "lamna_tomt": "",
        "started": started_long_ago(),
    }
    return {**data, **overrides}


def post(client, url, data, django_capture_on_commit_callbacks):
    """POST as the browser does, running what the view schedules after its commit; then
    the cron command sends what the request queued (the request itself sends nothing)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    call_command("send_pending_notifications", stdout=StringIO())
    return response


def html(response):
    return response.content.decode()


def error_summary_links(response):
    body = html(response)
    start = body.index('class="error-summary"')
    summary = body[start : body.index("</ul>", start)]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
