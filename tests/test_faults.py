"""Real faults between real gunicorn and PostgreSQL / Redis, through the TCP fault proxy
(tests/faultproxy.py): a database or cache that is cut or hangs must never hang a page,
lose what a person typed, or show a secret.

Run with `make test-servers`; needs PostgreSQL on 127.0.0.1:5432 and Redis on :6379.
"""

import time

import psycopg
import pytest
import redis

from benchmarks.serving import Gunicorn
from tests.faultproxy import CUT, HANG, PASS, FaultProxy
from tests.test_servers import PASSWORD, PG, Visitor, environment, hidden, manage

pytestmark = pytest.mark.servers

DATABASE = "mbl_reliability_faults"
REDIS_DB = 10
# Ports of this suite (proxies and gunicorn), clear of the other suites' ranges.
PG_PROXY, REDIS_PROXY, SERVER = 18110, 18111, 18120


@pytest.fixture(scope="module")
def stack():
    """PostgreSQL and Redis each behind a fault proxy, and one gunicorn using both."""
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    redis.Redis(db=REDIS_DB).flushdb()
    direct = environment(
        DATABASE_URL=f"{PG}/{DATABASE}", REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}"
    )
    for command in (["migrate"], ["load_reference_data"], ["load_seed_content"]):
        manage(*command, env=direct)
    manage(
        "createsuperuser",
        "--noinput",
        "--username",
        "chef",
        "--email",
        "chef@example.se",
        env={**direct, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )
    database, cache = FaultProxy(5432, port=PG_PROXY), FaultProxy(6379, port=REDIS_PROXY)
    server = Gunicorn(
        environment(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_PROXY}/{DATABASE}",
            REDIS_URL=f"redis://127.0.0.1:{REDIS_PROXY}/{REDIS_DB}",
            CACHE_BREAKER_SECONDS="2",
        ),
        port=SERVER,
    )
    yield server, database, cache
    server.stop()
    database.stop()
    cache.stop()


@pytest.fixture
def faults(stack):
    """The stack with both proxies passing again after each test."""
    yield stack
    _, database, cache = stack
    database.set_mode(PASS)
    cache.set_mode(PASS)
    time.sleep(0.3)


def timed(call, *args):
    started = time.monotonic()
    status, headers, page = call(*args)
    return status, headers, page, time.monotonic() - started


def form_page(server, visitor):
    url = server.url + "/tillganglighet/pata-brister/"
    _, _, page = visitor.get(url)
    return url, {
        "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
        "started": hidden(page, "started"),
        "lamna_tomt": "",
        "page_url": "/kommuner/jarfalla/",
        "message": "Tabellen med löften går inte att läsa med skärmläsare.",
        "consent": "on",
    }


@pytest.mark.parametrize("fault", [HANG, CUT])
def test_a_database_fault_answers_503_within_5_seconds_and_gives_the_text_back(faults, fault):
    server, database, _ = faults
    visitor = Visitor()
    assert visitor.get(server.url + "/kommuner/sollentuna/")[0] == 200  # now cached
    url, form = form_page(server, visitor)
    time.sleep(1.2)  # slower than the form's time-trap

    database.set_mode(fault)
    status, headers, page, seconds = timed(visitor.get, server.url + f"/lan/{fault}/")
    assert (status, headers["Retry-After"]) == (503, "60") and seconds < 5
    assert "Tjänsten är tillfälligt otillgänglig" in page

    status, _, page, seconds = timed(visitor.post, url, form)
    assert status == 503 and seconds < 5
    assert "Ditt meddelande skickades inte" in page and form["message"] in page
    assert form["csrfmiddlewaretoken"] not in page and form["started"] not in page

    status, _, page, seconds = timed(visitor.get, server.url + "/sok/?q=trygghet")
    assert status == 503 and seconds < 5

    status, _, page, seconds = timed(visitor.get, server.url + "/kommuner/sollentuna/")
    assert status == 200 and "Medborgarlöfte 2023–2024" in page and seconds < 1, "cached"

    status, _, page, seconds = timed(visitor.get, server.url + "/healthz")
    assert status == 200 and seconds < 1
    status, _, page, seconds = timed(visitor.get, server.url + "/readyz")
    assert status == 503 and '"database": "fel"' in page and seconds < 3


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


@pytest.mark.parametrize("fault", [HANG, CUT])
def test_a_coordinator_with_a_session_gets_the_503_page_not_a_500(faults, fault):
    server, database, _ = faults
    editor = logged_in(server)
    assert "Samordnarens arbetsyta" in editor.get(server.url + "/admin/")[2]

    database.set_mode(fault)
    status, headers, page, seconds = timed(editor.get, server.url + "/admin/")
    assert status == 503 and seconds < 5
    assert "Tjänsten är tillfälligt otillgänglig" in page and "Tillgänglighetsredogörelse" in page
    status, _, page, _ = timed(editor.get, server.url + "/kommuner/sollentuna/")
    assert status in (200, 503) and "Traceback" not in page and "Server Error" not in page


def test_the_503_page_never_shows_a_password_back(faults):
    server, database, _ = faults
    visitor = Visitor()
    _, _, page = visitor.get(server.url + "/admin/login/")
    token = hidden(page, "csrfmiddlewaretoken")
    database.set_mode(CUT)
    status, _, page = visitor.post(
        server.url + "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": token, "username": "chef", "password": PASSWORD},
    )
    assert status == 503
    assert "chef" in page, "the user name is given back"
    assert PASSWORD not in page and token not in page


def test_a_hanging_redis_costs_pages_almost_nothing(faults):
    server, _, cache = faults
    visitor = Visitor()
    pages = ["/", "/kommuner/sollentuna/", "/kommuner/jarfalla/", "/lan/stockholms-lan/"]
    for path in pages:
        assert visitor.get(server.url + path)[0] == 200

    cache.set_mode(HANG)
    times = []
    for path in pages * 3:
        status, _, page, seconds = timed(visitor.get, server.url + path)
        assert status == 200 and "Medborgarlöften" in page
        times.append(seconds)
    # A few slow cache calls (a quarter second each) until the breaker opens, and one
    # probe per pause; before, every one of these pages took 5 s.
    assert sum(times) < 4 and max(times) < 1.5, times
    status, _, page, seconds = timed(visitor.get, server.url + "/readyz")
    assert status == 503 and '"cache": "fel"' in page and seconds < 3


def test_an_unpublish_while_redis_is_cut_shows_once_redis_is_back(faults):
    server, _, cache = faults
    reader, editor = Visitor(), logged_in(server)
    status, _, page = reader.get(server.url + "/kommuner/jonkoping/")
    assert status == 200 and "Medborgarlöfte 2020" in page  # cached in Redis

    cache.set_mode(CUT)
    with psycopg.connect(f"{PG}/{DATABASE}") as conn:
        ids = [
            str(row[0])
            for row in conn.execute(
                "SELECT p.id FROM promises_promiseperiod p JOIN municipalities_municipality m"
                " ON m.id = p.municipality_id WHERE m.slug = 'jonkoping'"
            )
        ]
    changelist = server.url + "/admin/promises/promiseperiod/"
    _, _, page = editor.get(changelist)
    status, _, _ = editor.post(
        changelist,
        [
            ("csrfmiddlewaretoken", hidden(page, "csrfmiddlewaretoken")),
            ("action", "unpublish_selected"),
            ("index", "0"),
            *(("_selected_action", pk) for pk in ids),
        ],
    )
    assert status == 302, "the change is saved although the cache is unreachable"

    cache.set_mode(PASS)
    time.sleep(2.5)  # the circuit breaker's pause (CACHE_BREAKER_SECONDS)
    status, _, page = reader.get(server.url + "/kommuner/jonkoping/")
    assert status == 200 and "Medborgarlöfte 2020" not in page
