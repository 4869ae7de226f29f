"""Two coordinators on one follow-up: the second save does not silently revert the
first; it gets a Swedish conflict message with the saved version, keeps its own text,
and replaces the saved version only when saved again."""

import pytest
from django.test import Client

from followup.models import FollowUpReport
from tests.admin_helpers import admin_url, form_data, make_superuser
from tests.helpers import html_of

pytestmark = pytest.mark.django_db


def test_a_second_save_over_a_newer_one_shows_both_versions(alfa):
    a, b = Client(), Client()
    a.force_login(alfa.coordinator)
    b.force_login(make_superuser())
    url = admin_url("followup", "followupreport", "change", alfa.report.pk)
    opened_by_a, opened_by_b = form_data(a.get(url)), form_data(b.get(url))

    a_saves = {
        **opened_by_a,
        "summary": "A:s sammanfattning.",
        "statuses-0-status": "genomford",
        "statuses-0-comment": "A:s kommentar",
    }
    assert a.post(url, a_saves).status_code == 302

    b_saves = {**opened_by_b, "summary": "B:s sammanfattning."}
    conflict = b.post(url, b_saves)
    assert conflict.status_code == 200
    page = html_of(conflict)
    assert "sparade den här uppföljningen" in page and "samordnare-alfa" in page
    assert "A:s sammanfattning." in page and "A:s kommentar" in page  # the saved version
    assert "B:s sammanfattning.</textarea>" in page  # what B typed is kept
    report = FollowUpReport.objects.get(pk=alfa.report.pk)
    assert report.summary == "A:s sammanfattning."
    assert report.statuses.get().comment == "A:s kommentar"

    # B has seen A's version; saving again replaces it knowingly.
    assert b.post(url, form_data(conflict)).status_code == 302
    assert FollowUpReport.objects.get(pk=alfa.report.pk).summary == "B:s sammanfattning."
