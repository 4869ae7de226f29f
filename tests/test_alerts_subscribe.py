"""The subscription form and the signed links: Swedish errors, nothing half-saved, no
enumeration, the forms' honeypot, time-trap and rate limit, three confirmations a day."""

import datetime
import time

import pytest
from django.core import mail, signing

from alerts import scopes, services, tokens
from alerts.models import Subscriber, Subscription
from outbox.models import QueuedEmail

from .alerts_helpers import confirm_link, mails_to, subscribe
from .factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

ADDRESS = "eva@example.se"


@pytest.fixture
def town():
    return MunicipalityFactory(name="Ödeshög", slug="odeshog")


def test_an_invalid_address_gets_a_swedish_error_and_keeps_what_was_typed(
    client, town, django_capture_on_commit_callbacks
):
    response = subscribe(
        client, "eva.example.se", "kommun/odeshog", django_capture_on_commit_callbacks
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fel: Få e-post om Ödeshög" in html
    assert "Det finns ett problem" in html
    assert 'href="#id_email">Skriv e-postadressen i rätt format' in html
    assert 'aria-invalid="true"' in html and 'value="eva.example.se"' in html
    assert 'name="omrade" value="kommun/odeshog"' in html
    assert not Subscriber.objects.exists() and not QueuedEmail.objects.exists()


@pytest.mark.parametrize("scope_value", ["kommun/finns-inte", "planet/jorden", "kommun", ""])
def test_an_unknown_scope_gets_a_swedish_page_and_nothing_is_saved(
    client, town, scope_value, django_capture_on_commit_callbacks
):
    response = subscribe(client, ADDRESS, scope_value, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Området finns inte" in response.content.decode()
    assert not Subscriber.objects.exists() and mail.outbox == []
    assert client.get("/folj/", {"omrade": scope_value or "x"}).status_code == 400


def test_the_subscribe_page_preselects_the_scope(client, town):
    html = client.get("/folj/", {"omrade": "kommun/odeshog"}).content.decode()
    assert "<h1>Få e-post om Ödeshög</h1>" in html
    assert 'name="omrade" value="kommun/odeshog"' in html
    assert "Vi sparar bara din e-postadress" in html  # what, why, how long, how to stop
    assert "Få e-post om hela landet" in client.get("/folj/").content.decode()


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(
    client, town, django_capture_on_commit_callbacks
):
    first = subscribe(client, ADDRESS, "kommun/odeshog", django_capture_on_commit_callbacks)
    client.post(confirm_link(mails_to(ADDRESS)[0]))
    again = subscribe(client, ADDRESS.upper(), "kommun/odeshog", django_capture_on_commit_callbacks)
    stranger = subscribe(
        client, "ny@example.se", "kommun/odeshog", django_capture_on_commit_callbacks
    )
    assert first.status_code == again.status_code == stranger.status_code == 302
    assert first["Location"] == again["Location"] == stranger["Location"] == "/folj/tack/"
    # The owner of the confirmed address learns it in their own mailbox, nobody else.
    assert mails_to(ADDRESS)[1].subject.startswith("Du följer redan Ödeshög")
    assert Subscriber.objects.filter(email=ADDRESS).count() == 1


def test_at_most_three_confirmation_mails_a_day_per_address_whatever_the_client(
    client, town, django_capture_on_commit_callbacks
):
    for n in range(5):
        subscribe(
            client,
            ADDRESS,
            "kommun/odeshog",
            django_capture_on_commit_callbacks,
            REMOTE_ADDR=f"10.0.0.{n}",
        )
    assert len(mails_to(ADDRESS)) == 3
    # A day later, one more is allowed.
    QueuedEmail.objects.update(
        created_at=QueuedEmail.objects.first().created_at - datetime.timedelta(days=1, minutes=1)
    )
    subscribe(client, ADDRESS, "kommun/odeshog", django_capture_on_commit_callbacks)
    assert len(mails_to(ADDRESS)) == 4


def test_a_filled_honeypot_gets_the_normal_answer_and_nothing_happens(
    client, town, django_capture_on_commit_callbacks
):
    response = subscribe(
        client, ADDRESS, "kommun/odeshog", django_capture_on_commit_callbacks, lamna_tomt="spam"
    )
    assert response["Location"] == "/folj/tack/"
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_too_fast_or_without_time_stamp_is_asked_again_with_the_address_kept(
    client, town, django_capture_on_commit_callbacks
):
    for started in ["", signing.dumps(time.time(), salt="accessibility.form-started")]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/folj/", {"email": ADDRESS, "omrade": "kommun/odeshog", "started": started}
            )
        html = response.content.decode()
        assert response.status_code == 200
        assert "tryck på ”Prenumerera” igen" in html and f'value="{ADDRESS}"' in html
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_the_shared_rate_limit_answers_429_in_swedish(
    client, town, settings, django_capture_on_commit_callbacks
):
    settings.ACCESSIBILITY_RATE_LIMIT_PER_HOUR = 2
    for n in range(2):
        subscribe(client, f"p{n}@example.se", "kommun/odeshog", django_capture_on_commit_callbacks)
    response = subscribe(
        client, "p9@example.se", "kommun/odeshog", django_capture_on_commit_callbacks
    )
    assert response.status_code == 429 and "Retry-After" in response
    assert not Subscriber.objects.filter(email="p9@example.se").exists()


def test_an_expired_confirmation_link_says_so_and_what_to_do(
    client, town, django_capture_on_commit_callbacks, settings
):
    subscribe(client, ADDRESS, "kommun/odeshog", django_capture_on_commit_callbacks)
    link = confirm_link(mails_to(ADDRESS)[0])
    settings.ALERTS_CONFIRM_DAYS = 0
    time.sleep(1.1)
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 400
        assert "Länken har gått ut" in response.content.decode()
    assert not Subscription.objects.confirmed().exists()


def test_a_tampered_link_says_so_and_changes_nothing(
    client, town, django_capture_on_commit_callbacks
):
    subscribe(client, ADDRESS, "kommun/odeshog", django_capture_on_commit_callbacks)
    link = confirm_link(mails_to(ADDRESS)[0])
    tampered = link.replace("/bekrafta/", "/bekrafta/x")
    for url in (tampered, "/folj/avsluta/abc/", "/folj/hantera/abc:def/"):
        response = client.post(url)
        assert response.status_code == 400, url
        assert "Länken fungerar inte" in response.content.decode()
    assert not Subscription.objects.confirmed().exists()


def test_the_manage_page_stops_one_scope_and_keeps_the_others(client, town):
    subscriber = Subscriber.objects.create(email=ADDRESS)
    for scope in (scopes.country(), scopes.Scope(scopes.MUNICIPALITY, town)):
        Subscription.objects.create(
            subscriber=subscriber,
            scope_key=scope.key,
            state="confirmed",
            confirmed_at=datetime.datetime.now(datetime.UTC),
        )
    url = services.subscriber_links(subscriber.pk, subscriber.key)["manage_url"]
    path = url.replace("http://127.0.0.1:8000", "")
    html = client.get(path).content.decode()
    assert "Hela landet" in html and "Ödeshög" in html
    saved = client.post(path, {"behall": [scopes.Scope(scopes.MUNICIPALITY, town).key]})
    assert "Ändringarna är sparade" in saved.content.decode()
    states = dict(subscriber.subscriptions.values_list("scope_key", "state"))
    assert states == {"land:": "unsubscribed", f"kommun:{town.pk}": "confirmed"}
    # A new key revokes every earlier link.
    subscriber.key = "ny-nyckel"
    subscriber.save()
    assert client.get(path).status_code == 400


def test_confirmation_token_expiry_follows_the_setting(settings):
    settings.ALERTS_CONFIRM_DAYS = 7
    assert tokens.confirm_max_age() == datetime.timedelta(days=7)
