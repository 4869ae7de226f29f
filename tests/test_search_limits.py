"""Search under hostile use: a limit per client address with a Swedish 429 that keeps
the query, and a bound on each search's database time."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from core.db import is_statement_timeout, statement_timeout
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

URL = reverse("portal:search")


def test_one_address_searching_too_often_gets_a_swedish_429_keeping_the_query(
    client, settings, seed_content
):
    settings.SEARCH_PER_MINUTE = 3
    for word in ("trygghet", "krogtillsyn", "Järfälla"):
        assert client.get(URL, {"q": word}, REMOTE_ADDR="198.51.100.7").status_code == 200
    response = client.get(URL, {"q": "trygg skola"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Du har sökt många gånger på kort tid" in text_of(response)
    assert 'value="trygg skola"' in response.content.decode()
    # Another address, and the search page without a query, are not affected.
    assert client.get(URL, {"q": "trygghet"}, REMOTE_ADDR="198.51.100.8").status_code == 200
    assert client.get(URL, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_a_statement_over_the_search_bound_is_cancelled():
    if connection.vendor == "postgresql":
        with (
            pytest.raises(OperationalError) as cancelled,
            statement_timeout(0.05),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT pg_sleep(1)")
        assert is_statement_timeout(cancelled.value)
    else:  # SQLite: no statement timeout to set; the block runs as it is
        with statement_timeout(0.05), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
