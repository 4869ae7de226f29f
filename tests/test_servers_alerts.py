"""Alerts end to end through real processes: gunicorn on PostgreSQL and Redis, Django's
SMTP backend, and an SMTP sink process (tests/smtp_sink.py). Subscribe → confirmation
mail → confirm → a report is published → `send_alerts` → one mail with RFC 8058 headers
→ one-click unsubscribe → nothing more.

Run with `make test-servers`; needs PostgreSQL on 127.0.0.1:5432 and Redis on 6379.
"""

import email
import email.policy
import re
import subprocess
import sys
import time

import psycopg
import pytest
import redis

from benchmarks.serving import ROOT, Gunicorn, free_port

from .test_servers import PG, Visitor, environment, hidden, manage

pytestmark = pytest.mark.servers

DATABASE = "medborgarloften_servers_alerts"
REDIS = "redis://127.0.0.1:6379/11"
ADDRESS = "anna@example.se"
PUBLISH = """
from followup.services import create_report, publish_report
from promises.models import PromisePeriod
period = PromisePeriod.objects.get(municipality__slug="jonkoping", slug="2020")
publish_report(report=create_report(period=period, year=2020, tertial={tertial}))
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    redis.Redis.from_url(REDIS).flushdb()
    maildir = tmp_path_factory.mktemp("mail")
    port = free_port()
    sink = subprocess.Popen(  # noqa: S603 - our own sink
        [sys.executable, "-m", "tests.smtp_sink", str(port), str(maildir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert sink.stdout.readline().strip() == "ready"
    env = environment(
        DATABASE_URL=f"{PG}/{DATABASE}",
        REDIS_URL=REDIS,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
    )
    for command in (
        ["migrate"],
        ["createcachetable"],
        ["load_reference_data"],
        ["load_seed_content"],
    ):
        manage(*command, env=env)
    server = Gunicorn(env)
    yield server, env, maildir
    server.stop()
    sink.terminate()
    sink.wait(timeout=10)


def mails(maildir, count, seconds=15):
    """The messages in the sink, once there are at least `count` of them."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = sorted(maildir.glob("*.eml"))
        if len(found) >= count:
            break
        time.sleep(0.2)
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(maildir.glob("*.eml"))
    ]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_subscribe_confirm_publish_mail_and_unsubscribe_through_smtp(world):
    server, env, maildir = world
    visitor = Visitor()
    _, _, page = visitor.get(server.url + "/kommuner/jonkoping/")
    time.sleep(1.2)  # slower than the time-trap, like a person
    status, headers, _ = visitor.post(
        server.url + "/folj/",
        {
            "email": ADDRESS,
            "omrade": hidden(page, "omrade"),
            "started": hidden(page, "started"),
            "lamna_tomt": "",
        },
    )
    assert status == 302 and headers["Location"] == "/folj/tack/"

    [confirmation] = mails(maildir, 1)
    assert confirmation["To"] == ADDRESS
    assert confirmation["Subject"].strip().startswith("Bekräfta att du vill följa Jönköping")
    link = re.search(r"https?://\S+/folj/bekrafta/\S+", text_of(confirmation)).group(0)
    _, _, page = visitor.get(server.url + path_of(link))
    status, _, page = visitor.post(
        server.url + path_of(link),
        {"csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken")},
    )
    assert status == 200 and "Du följer Jönköping" in page

    manage("shell", "-c", PUBLISH.format(tertial=1), env=env)
    manage("send_alerts", env=env)
    messages = mails(maildir, 2)
    assert len(messages) == 2
    digest = messages[1]
    assert digest["Subject"].strip().startswith("Nytt: Uppföljning tertial 1 2020 – Jönköping")
    assert "/kommuner/jonkoping/medborgarloften/2020/uppfoljning/2020-tertial-1/" in text_of(digest)
    assert digest["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    unsubscribe = digest["List-Unsubscribe"].strip().strip("<>")

    # Sent again: nothing new.
    manage("send_alerts", env=env)
    assert len(mails(maildir, 3, seconds=2)) == 2

    # One click, as a mail provider does it: a POST without cookies or token.
    status, _, page = Visitor().post(
        server.url + path_of(unsubscribe), {"List-Unsubscribe": "One-Click"}
    )
    assert status == 200 and "Du får ingen mer e-post" in page
    manage("shell", "-c", PUBLISH.format(tertial=2), env=env)
    manage("send_alerts", env=env)
    assert len(mails(maildir, 3, seconds=2)) == 2
