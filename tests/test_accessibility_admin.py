"""The editors' queue in the admin: who may see it, what it shows, what its actions do."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accessibility import services
from accessibility.models import (
    AccessibilityRequest,
    AccessibilityStatement,
    Notification,
    NotificationKind,
    NotificationState,
    RequestKind,
    RequestState,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accessibility_accessibilityrequest_changelist")
OUTBOX = reverse("admin:accessibility_notification_changelist")
STATEMENT_LIST = reverse("admin:accessibility_accessibilitystatement_changelist")
HOSTILE = "<script>alert('x')</script>"


def make_request(reference, *, due_on=None, **fields):
    defaults = {
        "kind": RequestKind.BARRIER,
        "page_url": "/sok/",
        "message": "Sökrutan saknar etikett.",
        "contact_name": "Alva Andersson",
        "contact_email": "alva@example.se",
        "consent_given": True,
        "due_on": due_on or timezone.localdate() + datetime.timedelta(days=5),
    }
    return AccessibilityRequest.objects.create(reference=reference, **{**defaults, **fields})


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redaktor", password="x" * 16, is_staff=True)
    user.groups.add(services.ensure_editor_group())
    return user


@pytest.fixture
def coordinator(django_user_model):
    """A staff user who edits promises but has no accessibility permissions."""
    user = django_user_model.objects.create_user("samordnare", password="x" * 16, is_staff=True)
    group, _ = Group.objects.get_or_create(name="Samordnare")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="promises", codename__startswith="change"
        )
    )
    user.groups.add(group)
    return user


@pytest.mark.parametrize("url", [CHANGELIST, OUTBOX])
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("url", [CHANGELIST, OUTBOX])
def test_coordinators_cannot_see_requests_holding_personal_data(client, coordinator, url):
    make_request("TG-AAAAAA")
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    change = reverse(
        "admin:accessibility_accessibilityrequest_change",
        args=[AccessibilityRequest.objects.get().pk],
    )
    assert client.get(change).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "Tillgänglighetsärenden" not in index and "TG-AAAAAA" not in index


def test_editor_sees_the_queue_with_due_dates_and_overdue_as_text(client, editor):
    make_request("TG-LATE22", due_on=timezone.localdate() - datetime.timedelta(days=1))
    make_request("TG-ONTIME", due_on=timezone.localdate() + datetime.timedelta(days=3))
    make_request(
        "TG-DONE33",
        due_on=timezone.localdate() - datetime.timedelta(days=9),
        state=RequestState.ANSWERED,
        answered_at=timezone.now(),
    )
    client.force_login(editor)
    body = client.get(CHANGELIST).content.decode()
    for text in ("TG-LATE22", "TG-ONTIME", "TG-DONE33", "Svara senast", "Handläggare"):
        assert text in body
    assert body.count("<strong>Försenad</strong>") == 1

    overdue = client.get(CHANGELIST, {"forsenad": "ja"}).content.decode()
    assert "TG-LATE22" in overdue and "TG-ONTIME" not in overdue and "TG-DONE33" not in overdue
    on_time = client.get(CHANGELIST, {"forsenad": "nej"}).content.decode()
    assert "TG-LATE22" not in on_time and "TG-ONTIME" in on_time
    found = client.get(CHANGELIST, {"q": "tg-ontime"}).content.decode()
    assert "TG-ONTIME" in found and "TG-LATE22" not in found


def test_changelist_query_count_does_not_grow(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    for i in range(3):
        make_request(f"TG-AAAA{i}2", handler=editor)
    client.get(CHANGELIST)
    with django_assert_max_num_queries(12) as captured:
        client.get(CHANGELIST)
    few = len(captured)
    for i in range(10):
        make_request(f"TG-BBBB{i}3", handler=editor)
    with django_assert_max_num_queries(few):
        client.get(CHANGELIST)


def test_hostile_text_is_escaped_in_the_admin(client, editor):
    request = make_request("TG-EVIL22", message=HOSTILE, page_url=HOSTILE)
    client.force_login(editor)
    body = client.get(
        reverse("admin:accessibility_accessibilityrequest_change", args=[request.pk])
    ).content.decode()
    assert HOSTILE not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body


def test_actions_move_requests_and_record_when(client, editor):
    request = make_request("TG-MOVE22")
    client.force_login(editor)

    def act(action):
        return client.post(
            CHANGELIST, {"action": action, "_selected_action": [request.pk]}, follow=True
        )

    assert "1 ärenden markerades som under handläggning" in act("mark_in_progress").content.decode()
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS
    assert request.acknowledged_at is not None and request.handler == editor

    act("mark_answered")
    act("mark_closed")
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED
    assert request.answered_at is not None and request.closed_at is not None


def test_editing_state_in_the_change_form_records_the_time(client, editor):
    request = make_request("TG-FORM22")
    client.force_login(editor)
    url = reverse("admin:accessibility_accessibilityrequest_change", args=[request.pk])
    response = client.post(
        url,
        {
            "state": RequestState.CLOSED,
            "handler": editor.pk,
            "reply_note": "Rättat etiketten.",
            "notifications-TOTAL_FORMS": "0",
            "notifications-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED and request.closed_at is not None
    assert request.reply_note == "Rättat etiketten."
    # What the person sent cannot be rewritten.
    assert request.message == "Sökrutan saknar etikett."


def test_handler_can_only_be_someone_who_handles_requests(client, editor, coordinator):
    request = make_request("TG-WHO222")
    client.force_login(editor)
    body = client.get(
        reverse("admin:accessibility_accessibilityrequest_change", args=[request.pk])
    ).content.decode()
    assert ">redaktor<" in body and ">samordnare<" not in body


def test_release_from_quarantine_sends_the_mail(client, editor, django_capture_on_commit_callbacks):
    request = make_request("TG-QUAR22", is_quarantined=True, quarantine_reason="för snabbt")
    client.force_login(editor)
    assert "I karantän" in client.get(CHANGELIST, {"is_quarantined__exact": "1"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            CHANGELIST,
            {"action": "release_from_quarantine", "_selected_action": [request.pk]},
        )
    request.refresh_from_db()
    assert not request.is_quarantined
    assert len(mail.outbox) == 2


def test_outbox_shows_failed_mail_and_retries_it(
    client, editor, django_capture_on_commit_callbacks
):
    request = make_request("TG-FAIL22", contact_email="")
    row = Notification.objects.create(
        request=request,
        kind=NotificationKind.EDITOR,
        state=NotificationState.FAILED,
        attempts=5,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    client.force_login(editor)
    body = client.get(OUTBOX, {"state__exact": "failed"}).content.decode()
    assert "<strong>Misslyckad</strong>" in body and "SMTPServerDisconnected" in body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(OUTBOX, {"action": "retry", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.state == NotificationState.SENT
    assert len(mail.outbox) == 1


def test_editor_edits_the_statement_but_cannot_add_or_delete_one(client, editor):
    client.force_login(editor)
    statement = AccessibilityStatement.objects.get()
    url = reverse("admin:accessibility_accessibilitystatement_change", args=[statement.pk])
    body = client.get(url).content.decode()
    assert "Bristande förenlighet med lagkraven" in body
    assert client.get(reverse("admin:accessibility_accessibilitystatement_add")).status_code == 403
    assert (
        client.get(
            reverse("admin:accessibility_accessibilitystatement_delete", args=[statement.pk])
        ).status_code
        == 403
    )
    assert client.get(STATEMENT_LIST).status_code == 200


def test_editors_cannot_add_or_delete_requests(client, editor):
    request = make_request("TG-KEEP22")
    client.force_login(editor)
    add = reverse("admin:accessibility_accessibilityrequest_add")
    delete = reverse("admin:accessibility_accessibilityrequest_delete", args=[request.pk])
    assert client.get(add).status_code == 403
    assert client.get(delete).status_code == 403


def test_editor_group_exists_after_migrate_with_only_accessibility_permissions():
    group = Group.objects.get(name="Tillgänglighetsredaktör")
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"accessibility"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == set(services.EDITOR_PERMISSIONS)
    assert "delete_accessibilityrequest" not in codenames
