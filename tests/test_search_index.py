"""The stored search vector: kept current by the database, answered from an index."""

import pytest
from django.db import connection
from django.urls import reverse

from promises.models import Activity

pytestmark = pytest.mark.django_db


def test_an_edited_activity_is_found_by_its_new_words(seed_content, client):
    activity = Activity.objects.get(text__contains="Öxnehaga torg")
    activity.text = "Kommunen ska bygga en lekplats vid Öxnehaga torg."
    activity.save()
    page = client.get(reverse("portal:search"), {"q": "lekplats"}).content.decode()
    assert "<mark>lekplats</mark>" in page


def test_postgresql_answers_from_the_gin_index_and_sqlite_leaves_the_column_empty(seed_content):
    activity = Activity.objects.get(text__contains="minst fyra tillfällen")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM promises_activity "
                "WHERE search_vector @@ to_tsquery('swedish', 'krogtillsyn:*')"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "promises_activity_search" in plan
            cursor.execute(
                "SELECT search_vector @@ to_tsquery('swedish', 'krogtillsyn') "
                "FROM promises_activity WHERE id = %s",
                [activity.pk],
            )
            assert cursor.fetchone()[0] is True
        else:
            cursor.execute(
                "SELECT search_vector FROM promises_activity WHERE id = %s", [activity.pk]
            )
            assert cursor.fetchone()[0] is None
