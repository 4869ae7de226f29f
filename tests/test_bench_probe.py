"""The mixed benchmark's hit rate is counted from benchmarks/probe.py's header: a page the
cache serves must read as a hit, a page rendered from the database as a miss, and an
edit must turn the next answer into a miss again — or the printed hit rate would lie."""

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from benchmarks.probe import HEADER, application, asks_for_content
from promises.models import PromisePeriod

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The real WSGI handler closes old connections per request, which would end the
    test's transaction on PostgreSQL; Django's test client leaves them open too."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


JARFALLA = "/kommuner/jarfalla/"


def marked(path):
    """GET `path` through the probed WSGI application: (status, the probe's header)."""
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    body = application(environ, start_response)
    b"".join(body)
    body.close()
    return answer["status"], answer["headers"].get(HEADER)


def test_a_page_reads_as_rendered_then_as_served_from_the_cache(seed_content):
    assert marked(JARFALLA) == ("200 OK", "1")
    assert marked(JARFALLA) == ("200 OK", "0")


def test_an_edit_makes_the_next_answer_a_rendered_one(seed_content):
    marked(JARFALLA)
    period = PromisePeriod.objects.get(municipality__slug="jarfalla", slug="2024")
    period.lead = "Ny ingress från samordnaren."
    period.save()
    assert marked(JARFALLA) == ("200 OK", "1")


def test_the_database_caches_own_queries_and_transactions_are_not_content():
    assert not asks_for_content('SELECT "cache_key" FROM "django_cache" WHERE …')
    assert not asks_for_content('DELETE FROM "django_cache_counters" WHERE …')
    assert not asks_for_content('SAVEPOINT "s1_x1"')
    assert not asks_for_content('RELEASE SAVEPOINT "s1_x1"')
    assert asks_for_content('SELECT "municipalities_municipality"."id" FROM …')
