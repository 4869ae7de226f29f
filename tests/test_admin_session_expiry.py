"""Session expiry while typing: an admin form sent after the session ended is kept for
the user who was logged in and given back after logging in again; never lost."""

import re

import pytest
from django.test import Client

from followup.models import FollowUpReport
from tests.admin_helpers import admin_url, form_data
from tests.helpers import html_of

pytestmark = pytest.mark.django_db

PASSWORD = "ett-långt-lösenord-för-test"


def log_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    login = "/admin/login/"
    client.get(login)
    response = client.post(login, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_a_form_sent_after_the_session_ended_comes_back_after_logging_in(alfa):
    coordinator = Client()
    log_in(coordinator, alfa.coordinator)
    url = admin_url("followup", "followupreport", "change", alfa.report.pk)
    typed = {**form_data(coordinator.get(url)), "summary": "Det jag skrev länge."}

    coordinator.session.flush()  # the idle timeout: the session is gone on the server
    coordinator.cookies.pop("sessionid", None)
    refused = coordinator.post(url, typed)
    assert refused.status_code == 401
    page = html_of(refused)
    assert "Du har blivit utloggad" in page and "Det jag skrev länge." in page
    assert FollowUpReport.objects.get(pk=alfa.report.pk).summary != "Det jag skrev länge."

    restore = page.split('href="/admin/login/?next=')[1].split('"')[0].replace("%2F", "/")
    log_in(coordinator, alfa.coordinator)
    back = coordinator.get(restore)
    assert back.status_code == 200
    assert "Det jag skrev länge." in html_of(back)
    # "Spara ändringarna": the kept fields go to the change page, as typed.
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html_of(back)))
    assert fields["summary"] == "Det jag skrev länge."
    assert coordinator.post(url, fields).status_code == 302
    assert FollowUpReport.objects.get(pk=alfa.report.pk).summary == "Det jag skrev länge."


def test_someone_else_cannot_take_a_kept_form(alfa, beta):
    coordinator = Client()
    log_in(coordinator, alfa.coordinator)
    url = admin_url("followup", "followupreport", "change", alfa.report.pk)
    typed = {**form_data(coordinator.get(url)), "summary": "Alfas hemliga utkast."}
    coordinator.cookies.pop("sessionid", None)
    page = html_of(coordinator.post(url, typed))
    restore = page.split('href="/admin/login/?next=')[1].split('"')[0].replace("%2F", "/")

    other = Client()
    log_in(other, beta.coordinator)
    assert other.get(restore).status_code == 403
