"""The search index: kept current on every save, answered from an index (PostgreSQL's
GIN-indexed vector, SQLite's FTS5 table of Python-stemmed words)."""

import pytest
from django.db import connection
from django.urls import reverse

from promises.models import Activity
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_an_edited_activity_is_found_by_its_new_words(seed_content, client):
    activity = Activity.objects.get(text__contains="Öxnehaga torg")
    activity.text = "Kommunen ska bygga en lekplats vid Öxnehaga torg."
    activity.save()
    page = client.get(reverse("portal:search"), {"q": "lekplats"}).content.decode()
    assert "<mark>lekplats</mark>" in page


def test_the_index_answers_from_its_own_text_index(seed_content):
    activity = Activity.objects.get(text__contains="minst fyra tillfällen")
    document = SearchDocument.objects.get(source_type="promises.activity", source_id=activity.pk)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM search_searchdocument "
                "WHERE vector @@ to_tsquery('swedish', search_fold('krogtillsyner'))"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "search_document_vector" in plan
            cursor.execute(
                "SELECT vector @@ to_tsquery('swedish', search_fold('Krogtillsyn')) "
                "FROM search_searchdocument WHERE id = %s",
                [document.pk],
            )
            assert cursor.fetchone()[0] is True
        else:
            cursor.execute("SELECT body FROM search_fts WHERE rowid = %s", [document.pk])
            assert "krogtillsyn" in cursor.fetchone()[0].split()
