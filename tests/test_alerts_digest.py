"""The daily digest: first publications only, one mail per subscriber per day listing
all their news, nothing after unsubscribing; the GDPR purge; who sees addresses."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from alerts import scopes, services
from alerts.digest import queue_digests
from alerts.models import Announcement, Subscriber, Subscription
from followup.services import publish_report, unpublish_report
from outbox.models import EmailState, QueuedEmail
from outbox.services import send_pending

from .factories import (
    FollowUpReportFactory,
    LocalPoliceAreaFactory,
    MunicipalityFactory,
    PromisePeriodFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def place():
    town = MunicipalityFactory(name="Ydre", slug="ydre")
    area = LocalPoliceAreaFactory(name="Ydreområdet", slug="ydreomradet", municipalities=[town])
    period = PromisePeriodFactory(municipality=town, police_area=area, slug="2024")
    return town, area, period


def follow(email, *scope_list, at):
    subscriber = Subscriber.objects.create(email=email)
    for scope in scope_list:
        Subscription.objects.create(
            subscriber=subscriber,
            scope_key=scope.key,
            state="confirmed",
            confirmed_at=at,
        )
    return subscriber


def new_report(period, tertial):
    report = FollowUpReportFactory(period=period, year=2024, tertial=tertial, status="draft")
    publish_report(report=report)
    return report


def run(now):
    summary = queue_digests(now=now)
    send_pending(now=max(now, timezone.now()))
    return summary


def test_one_mail_per_subscriber_listing_everything_in_all_their_scopes(place):
    town, area, period = place
    before = timezone.now() - HOUR
    follow(
        "bo@example.se",
        scopes.country(),
        scopes.Scope(scopes.MUNICIPALITY, town),
        scopes.Scope(scopes.POLICE_AREA, area),
        at=before,
    )
    follow("cissi@example.se", scopes.Scope(scopes.COUNTY, town.county), at=before)
    other = PromisePeriodFactory(title="Annat löfte")
    t1, t2 = new_report(period, 1), new_report(period, 2)
    summary = run(timezone.now())
    # Ydre's period (published after they subscribed), the other period, two reports.
    assert (summary.subscribers, summary.news) == (2, 4)
    bo = [m for m in mail.outbox if m.to == ["bo@example.se"]]
    assert len(bo) == 1
    assert bo[0].subject.startswith("4 nya publiceringar")
    for obj in (period, t1, t2, other):
        assert obj.get_absolute_url() in bo[0].body
    [cissi] = [m for m in mail.outbox if m.to == ["cissi@example.se"]]
    assert other.get_absolute_url() not in cissi.body and t2.get_absolute_url() in cissi.body


def test_at_most_one_mail_a_day_and_the_rest_comes_the_next_day(place):
    town, _, period = place
    follow("bo@example.se", scopes.Scope(scopes.MUNICIPALITY, town), at=timezone.now() - HOUR)
    new_report(period, 1)
    now = timezone.now()
    assert run(now).subscribers == 1
    t2 = new_report(period, 2)
    assert run(now + datetime.timedelta(minutes=5)).subscribers == 0
    assert len(mail.outbox) == 1
    tomorrow = now + DAY
    assert run(tomorrow).subscribers == 1
    assert len(mail.outbox) == 2
    assert t2.get_absolute_url() in mail.outbox[1].body
    assert "tertial 1" not in mail.outbox[1].body
    assert run(tomorrow + DAY).subscribers == 0


def test_edits_and_unpublish_republish_announce_nothing_new(place):
    town, _, period = place
    report = new_report(period, 1)
    assert Announcement.objects.filter(kind="report", object_id=report.pk).count() == 1
    follow("bo@example.se", scopes.Scope(scopes.MUNICIPALITY, town), at=timezone.now())
    report.summary = "Ändrad sammanfattning"
    report.save()
    unpublish_report(report=report)
    publish_report(report=report)
    period.title = "Ny rubrik"
    period.save()
    assert Announcement.objects.filter(kind="report").count() == 1
    assert run(timezone.now() + HOUR).subscribers == 0
    assert mail.outbox == []


def test_news_unpublished_before_the_digest_is_left_out(place):
    town, _, period = place
    follow("bo@example.se", scopes.Scope(scopes.MUNICIPALITY, town), at=timezone.now())
    report = new_report(period, 1)
    unpublish_report(report=report)
    assert run(timezone.now()).subscribers == 0


def test_unsubscribing_stops_mail_already_queued(place):
    town, _, period = place
    subscriber = follow(
        "bo@example.se", scopes.Scope(scopes.MUNICIPALITY, town), at=timezone.now() - HOUR
    )
    new_report(period, 1)
    assert queue_digests().subscribers == 1
    services.unsubscribe(subscriber=subscriber)
    assert send_pending().sent == 0
    assert QueuedEmail.objects.get(kind="alerts.digest").state == EmailState.CANCELLED


def test_send_alerts_dry_run_changes_nothing(place):
    town, _, period = place
    follow("bo@example.se", scopes.Scope(scopes.MUNICIPALITY, town), at=timezone.now())
    new_report(period, 1)
    out = io.StringIO()
    call_command("send_alerts", "--dry-run", stdout=out)
    assert "1 e-postmeddelanden om 1 publiceringar skulle läggas i kön" in out.getvalue()
    assert not QueuedEmail.objects.exists() and mail.outbox == []


def test_purge_erases_ended_and_expired_unconfirmed_addresses_with_their_mail(place):
    town, _, _ = place
    scope = scopes.Scope(scopes.MUNICIPALITY, town)
    now = timezone.now()
    kept = follow("kvar@example.se", scope, at=now)
    ended = follow("slutat@example.se", scope, at=now)
    services.unsubscribe(subscriber=ended)
    QueuedEmail.objects.create(
        kind="alerts.digest", recipient="slutat@example.se", subject="s", text_body="t"
    )
    fresh = Subscriber.objects.create(email="ny@example.se")
    Subscription.objects.create(subscriber=fresh, scope_key=scope.key, created_at=now)
    stale = Subscriber.objects.create(email="gammal@example.se")
    Subscription.objects.create(subscriber=stale, scope_key=scope.key, created_at=now - 8 * DAY)

    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "2 e-postadresser till bevakningar skulle raderas" in out.getvalue()
    call_command("purge_personal_data", stdout=out)
    assert "Raderade 2 e-postadresser till bevakningar" in out.getvalue()
    emails = set(Subscriber.objects.values_list("email", flat=True))
    assert emails == {"kvar@example.se", "ny@example.se"}
    assert not QueuedEmail.objects.filter(recipient="slutat@example.se").exists()
    assert kept.subscriptions.get().state == "confirmed"


def test_purge_forgets_delivered_alert_mail_after_a_week(place):
    now = timezone.now()
    for age, state in [(8, "sent"), (8, "pending"), (2, "sent")]:
        QueuedEmail.objects.create(
            kind="alerts.digest",
            recipient="kvar@example.se",
            subject=f"{age} {state}",
            text_body="t",
            state=state,
            sent_at=now if state == "sent" else None,
            created_at=now - age * DAY,
        )
    services.purge(now=now)
    assert set(QueuedEmail.objects.values_list("subject", flat=True)) == {"8 pending", "2 sent"}


def test_only_superusers_see_addresses_editors_see_counts_coordinators_nothing(
    client, place, django_user_model
):
    town, _, _ = place
    follow("hemlig@example.se", scopes.Scope(scopes.MUNICIPALITY, town), at=timezone.now())
    url = "/admin/alerts/subscription/"
    coordinator = django_user_model.objects.create_user("samordnare", is_staff=True)
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    editor = django_user_model.objects.create_user("redaktor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_subscription"))
    client.force_login(editor)
    html = client.get(url).content.decode()
    assert "Bekräftade prenumerationer per område" in html and "Ydre" in html
    assert "hemlig@example.se" not in html
    row = Subscription.objects.get()
    assert client.get(f"{url}{row.pk}/change/").status_code in (302, 403)
    boss = django_user_model.objects.create_superuser("chef", "chef@example.org", None)
    client.force_login(boss)
    assert "hemlig@example.se" in client.get(url).content.decode()
