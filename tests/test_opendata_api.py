"""The read-only API: the OpenAPI document validates and every documented path answers as
documented; pagination, filters, updated_since, ETag, CORS, errors, the rate limit and
constant query counts."""

import datetime

import pytest
from django.utils import timezone
from openapi_spec_validator import validate as validate_spec

from core.publishing import PublicationStatus
from opendata.datasets import DATASETS
from promises.models import Activity
from tests.factories import ActivityFactory, ActivityStatusFactory, PromisePeriodFactory
from tests.opendata_helpers import add_signatories

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(seed_content):
    """The seed content plus a published status and signatories (the sources give none)."""
    ActivityStatusFactory(comment="Två vandringar gjorda.")
    add_signatories()


def test_openapi_document_validates_and_every_path_answers(client, content):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate_spec(document)
    assert document["servers"][0]["url"].startswith("http")
    components = document["components"]["schemas"]
    for path, methods in document["paths"].items():
        operation = methods["get"]
        assert set(methods) == {"get"}
        assert {"200", "400", "404", "429"} <= set(operation["responses"])
        slug = path.split("/")[3]
        dataset = next(d for d in DATASETS if d.slug == slug)
        if "{id}" in path:
            first = dataset.select().values_list("pk", flat=True).first()
            answer = client.get(path.replace("{id}", str(first)))
            assert answer.status_code == 200, path
            row = answer.json()
        else:
            answer = client.get(path, {"limit": 2})
            assert answer.status_code == 200, path
            page = answer.json()
            assert set(page) == {"results", "next"}
            row = page["results"][0] if page["results"] else None
        if row is not None:
            ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            schema = components[ref.rsplit("/", 1)[-1]]
            if "results" in schema["properties"]:
                items = schema["properties"]["results"]["items"]["$ref"]
                schema = components[items.rsplit("/", 1)[-1]]
            assert set(row) == set(schema["properties"]), path
        assert answer["Access-Control-Allow-Origin"] == "*"


def test_pagination_follows_next_links_in_a_stable_order(client, seed_content):
    seen, url, pages = [], "/api/v1/aktiviteter/?limit=7&municipality=0680", 0
    while url:
        page = client.get(url).json()
        seen.extend(row["id"] for row in page["results"])
        url, pages = page["next"], pages + 1
    expected = list(
        Activity.objects.public()
        .filter(period__municipality__code="0680")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert seen == expected and pages == len(expected) // 7 + 1


def test_jonkoping_2020_through_the_api(client, seed_content):
    rows = client.get(
        "/api/v1/aktiviteter/",
        {"municipality": "0680", "period_from": "2020-01-01", "period_to": "2020-12-31"},
    ).json()["results"]
    assert len(rows) == 11
    assert rows[2]["responsible_label"] == "Polisen och kommunen gemensamt"
    periods = client.get("/api/v1/perioder/", {"county": "06"}).json()["results"]
    assert periods and {p["municipality_code"] for p in periods} == {"0680"}
    area = client.get(f"/api/v1/lokalpolisomraden/{periods[0]['police_area_id']}/").json()
    by_area = client.get("/api/v1/kommuner/", {"police_area": area["slug"]}).json()["results"]
    assert "Jönköping" in [m["name"] for m in by_area]


def test_updated_since_returns_only_what_changed(client, seed_content):
    later = timezone.now() + datetime.timedelta(seconds=1)
    assert client.get("/api/v1/perioder/", {"updated_since": later.isoformat()}).json() == {
        "results": [],
        "next": None,
    }
    period = PromisePeriodFactory(title="Nytt löfte")
    ActivityFactory(period=period, text="Ny aktivitet")
    period.save()
    changed = client.get("/api/v1/aktiviteter/", {"updated_since": "2000-01-01"}).json()
    assert len(changed["results"]) == 100 or changed["next"] is None
    since = (period.updated_at - datetime.timedelta(milliseconds=1)).isoformat()
    rows = client.get("/api/v1/aktiviteter/", {"updated_since": since}).json()["results"]
    assert [r["text"] for r in rows] == ["Ny aktivitet"]


def test_drafts_are_not_in_the_api(client, seed_content):
    draft = PromisePeriodFactory(status=PublicationStatus.DRAFT, title="Utkast")
    activity = ActivityFactory(period=draft)
    assert client.get(f"/api/v1/perioder/{draft.pk}/").status_code == 404
    missing = client.get(f"/api/v1/aktiviteter/{activity.pk}/")
    assert missing.status_code == 404
    assert missing.json()["message_sv"] == "Det finns ingen sådan rad."


def test_etag_and_304(client, seed_content):
    first = client.get("/api/v1/kommuner/?limit=5")
    again = client.get("/api/v1/kommuner/?limit=5", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    other = client.get("/api/v1/kommuner/?limit=6", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("query", "parameter", "swedish"),
    [
        ({"limit": "abc"}, "limit", "måste vara ett heltal"),
        ({"limit": "0"}, "limit", "måste vara minst 1"),
        ({"limit": "100000"}, "limit", "får vara högst 500"),
        ({"after": "99999999999999999999999"}, "after", "får vara högst"),
        ({"municipality": "06800"}, "municipality", "har fel form"),
        ({"municipality": "06\x008"}, "municipality", "har fel form"),
        ({"county": "'; drop table x;--"}, "county", "har fel form"),
        ({"police_area": "ÅÄÖ" * 100}, "police_area", "har fel form"),
        ({"period_from": "2020-13-45"}, "period_from", "måste vara ett datum"),
        ({"updated_since": "igår"}, "updated_since", "måste vara en tidpunkt"),
    ],
)
def test_bad_parameters_answer_400_in_swedish_and_english(client, query, parameter, swedish):
    response = client.get("/api/v1/aktiviteter/", query)
    assert response.status_code == 400
    problem = response.json()
    assert problem["parameter"] == parameter
    assert swedish in problem["message_sv"] and parameter in problem["message_en"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/aktiviteter/99999999999999999999999/",
        "/api/v1/aktiviteter/0/",
        "/api/v1/aktiviteter/abc/",
        "/api/v1/finns-inte/",
        "/api/v1/../../etc/passwd",
    ],
)
def test_unknown_addresses_answer_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code in (404, 400)
    assert response["Content-Type"] == "application/json"
    assert "message_sv" in response.json()


def test_only_get_is_allowed(client, db):
    response = client.post("/api/v1/kommuner/", {})
    assert response.status_code == 405
    assert "Access-Control-Allow-Origin" not in response


def test_rate_limit_answers_429_with_retry_after(client, db, settings):
    settings.OPENDATA_API_RATE_LIMIT_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/api/v1/polisregioner/").status_code == 200
    limited = client.get("/api/v1/polisregioner/")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "För många anrop" in limited.json()["message_sv"]
    other = client.get("/api/v1/polisregioner/", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.slug)
def test_one_query_per_page_whatever_the_page_size(
    client, content, django_assert_num_queries, dataset
):
    for limit in (1, 500):
        with django_assert_num_queries(1):
            response = client.get(f"/api/v1/{dataset.slug}/", {"limit": limit, "county": "06"})
        assert response.status_code == 200
    with django_assert_num_queries(1):
        client.get(f"/api/v1/{dataset.slug}/1/")
