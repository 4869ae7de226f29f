"""Several servers: two gunicorn instances on one PostgreSQL database and one Redis, as
behind a load balancer; and one whose database is unreachable.

Run with `make test-servers` (part of .ci/run); needs PostgreSQL on 127.0.0.1:5432 and
Redis on 127.0.0.1:6379, like the machines the portal runs on.
"""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import psycopg
import pytest
import redis

from benchmarks.serving import ROOT, Gunicorn

pytestmark = pytest.mark.servers

# Overridable, so engineers sharing a machine do not share a database, Redis or ports.
DATABASE = os.environ.get("SERVERS_DATABASE", "medborgarloften_servers")
PG = "postgres://postgres@127.0.0.1:5432"
REDIS = os.environ.get("SERVERS_REDIS", "redis://127.0.0.1:6379/14")
PORT_BASE = int(os.environ.get("SERVERS_PORT_BASE", "0"))  # 0: any free port


def port(n):
    return PORT_BASE + n if PORT_BASE else None


PASSWORD = "ett-långt-lösenord-för-servertest"


def environment(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"{PG}/{DATABASE}",
        REDIS_URL=REDIS,
        DJANGO_SECRET_KEY="servertest-" + "x" * 60,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ACCESSIBILITY_RATE_LIMIT_PER_HOUR="2",
        ACCESSIBILITY_MIN_FILL_SECONDS="1",
        GUNICORN_WORKERS="1",
        GUNICORN_ACCESSLOG="",
    )
    env.update(overrides)
    return env


def manage(*args, env):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


class Visitor:
    """A cookie-keeping HTTP client, enough for CSRF-protected forms."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        handler = urllib.request.HTTPCookieProcessor(self.jar)
        self.opener = urllib.request.build_opener(handler, NoRedirect)

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data, referer=None):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Referer", referer or url)
        return self._open(request)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


@pytest.fixture(scope="module")
def servers():
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    redis.Redis.from_url(REDIS).flushdb()
    env = environment()
    for command in (
        ["migrate"],
        ["createcachetable"],
        ["load_reference_data"],
        ["load_seed_content"],
    ):
        manage(*command, env=env)
    manage(
        "createsuperuser",
        "--noinput",
        "--username",
        "chef",
        "--email",
        "chef@example.se",
        env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )
    first, second = Gunicorn(env, port=port(0)), Gunicorn(env, port=port(1))
    yield first, second
    first.stop()
    second.stop()


def logged_in(server):
    editor = Visitor()
    _, _, page = editor.get(server.url + "/admin/login/")
    status, _, _ = editor.post(
        server.url + "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            "username": "chef",
            "password": PASSWORD,
        },
    )
    assert status == 302
    return editor


def test_a_change_published_through_one_server_shows_at_once_on_the_other(servers):
    first, second = servers
    reader = Visitor()
    status, headers, page = reader.get(second.url + "/kommuner/sollentuna/")
    assert status == 200 and "Medborgarlöfte 2023–2024" in page
    assert headers["ETag"], "the page is now cached in the shared Redis"

    with psycopg.connect(f"{PG}/{DATABASE}") as conn:
        period_id = conn.execute(
            "SELECT p.id FROM promises_promiseperiod p JOIN municipalities_municipality m"
            " ON m.id = p.municipality_id WHERE m.slug = 'sollentuna'"
        ).fetchone()[0]
    editor = logged_in(first)
    changelist = first.url + "/admin/promises/promiseperiod/"
    _, _, page = editor.get(changelist)
    status, _, _ = editor.post(
        changelist,
        {
            "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            "action": "unpublish_selected",
            "_selected_action": str(period_id),
            "index": "0",
        },
    )
    assert status == 302

    status, _, page = reader.get(second.url + "/kommuner/sollentuna/")
    assert status == 200
    assert "Medborgarlöfte 2023–2024" not in page
    status, _, _ = reader.get(second.url + "/kommuner/sollentuna/medborgarloften/2023-2024/")
    assert status == 404


def submit_barrier_report(server, visitor, text):
    form_url = server.url + "/tillganglighet/pata-brister/"
    _, _, page = visitor.get(form_url)
    time.sleep(1.2)  # slower than the time-trap, like a person
    return visitor.post(
        form_url,
        {
            "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            "started": hidden(page, "started"),
            "lamna_tomt": "",
            "page_url": "/",
            "message": text,
            "consent": "on",
        },
    )


def test_the_form_flood_limit_counts_across_both_servers(servers):
    first, second = servers
    visitor = Visitor()
    assert submit_barrier_report(first, visitor, "Första rapporten.")[0] == 302
    assert submit_barrier_report(second, visitor, "Andra rapporten.")[0] == 302
    status, headers, page = submit_barrier_report(first, visitor, "Tredje rapporten.")
    assert status == 429
    assert int(headers["Retry-After"]) > 0
    assert "Tredje rapporten." in page, "the refused text is shown back"


def test_with_the_database_down_pages_answer_503_in_the_sites_layout():
    down = Gunicorn(
        environment(DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere"), port=port(2)
    )
    try:
        visitor = Visitor()
        status, headers, page = visitor.get(down.url + "/kommuner/jarfalla/")
        assert status == 503
        assert headers["Retry-After"] == "60"
        assert "Tjänsten är tillfälligt otillgänglig" in page
        assert "Hoppa till huvudinnehållet" in page and "Tillgänglighetsredogörelse" in page
        assert "Traceback" not in page

        ready, _, _ = visitor.get(down.url + "/readyz")
        alive, _, _ = visitor.get(down.url + "/healthz")
        assert (ready, alive) == (503, 200)

        # A form sent while the database is down: the person gets their text back.
        secret = "a" * 32  # a CSRF secret of our own, as a browser's cookie would hold
        visitor.jar.set_cookie(
            http.cookiejar.Cookie(
                0,
                "csrftoken",
                secret,
                None,
                False,
                "127.0.0.1",
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )
        status, _, page = visitor.post(
            down.url + "/tillganglighet/pata-brister/",
            {
                "csrfmiddlewaretoken": secret,
                "page_url": "/",
                "consent": "on",
                "message": "Knappen går inte att nå med tangentbordet.",
            },
        )
        assert status == 503
        assert "Ditt meddelande skickades inte" in page
        assert "Knappen går inte att nå med tangentbordet." in page
    finally:
        down.stop()
