"""Open data files: exactly the public rows, RFC 4180 CSV, JSON, a ZIP that Frictionless
validates, revalidation and invalidation after a publish."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from frictionless import Package, validate

from core.publishing import PublicationStatus
from opendata.datasets import DATASETS
from promises.models import Activity
from tests.factories import (
    ActivityFactory,
    ActivityStatusFactory,
    FollowUpReportFactory,
    PromisePeriodFactory,
)
from tests.opendata_helpers import add_signatories

pytestmark = pytest.mark.django_db

JONKOPING_2020_RESPONSIBLE = [
    "polisen",
    "polisen",
    "gemensamt",
    "kommunen",
    "polisen",
    "gemensamt",
    "kommunen",
    "kommunen",
    "kommunen",
    "gemensamt",
    "gemensamt",
]


def body(response):
    return b"".join(response.streaming_content)


def csv_rows(response):
    text = body(response).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def drafts(seed_content):
    """A draft period with an activity, and a draft report of a published period with a
    status: none of it may be published."""
    draft = PromisePeriodFactory(status=PublicationStatus.DRAFT, title="Hemligt utkast")
    ActivityFactory(period=draft, text="Utkastets aktivitet")
    public = PromisePeriodFactory(title="Publicerad period")
    report = FollowUpReportFactory(period=public, status=PublicationStatus.DRAFT)
    ActivityStatusFactory(report=report, comment="Utkastets kommentar")
    return draft


def test_activities_csv_holds_exactly_the_public_rows(client, drafts):
    response = client.get("/oppna-data/aktiviteter.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="medborgarloften-aktiviteter-{today}.csv"'
    )
    raw = body(client.get("/oppna-data/aktiviteter.csv"))
    assert raw.startswith(b"id,period_id,promise_id,order,text,responsible,")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF, none bare
    rows = csv_rows(response)
    public = Activity.objects.public()
    assert sorted(int(r["id"]) for r in rows) == sorted(public.values_list("pk", flat=True))
    assert "Utkastets aktivitet" not in raw.decode()
    jonkoping = [r for r in rows if "/kommuner/jonkoping/medborgarloften/2020/" in r["url"]]
    assert len(jonkoping) == 11
    assert [r["responsible"] for r in jonkoping] == JONKOPING_2020_RESPONSIBLE
    assert jonkoping[2]["responsible_label"] == "Polisen och kommunen gemensamt"
    assert jonkoping[0]["url"].startswith("http")


def test_json_download_matches_csv_and_leaves_out_draft_statuses(client, drafts):
    activities = json.loads(body(client.get("/oppna-data/aktiviteter.json")))
    assert {a["id"] for a in activities} == set(
        Activity.objects.public().values_list("pk", flat=True)
    )
    first = activities[0]
    assert isinstance(first["id"], int) and first["target_count"] in (None, first["target_count"])
    statuses = json.loads(body(client.get("/oppna-data/aktivitetsstatus.json")))
    assert "Utkastets kommentar" not in json.dumps(statuses, ensure_ascii=False)
    periods = json.loads(body(client.get("/oppna-data/perioder.json")))
    assert "Hemligt utkast" not in {p["title"] for p in periods}
    assert all(p["published_at"].endswith("Z") for p in periods)


def test_per_municipality_files_hold_only_that_municipality(client, seed_content):
    rows = csv_rows(client.get("/oppna-data/kommuner/0680/aktiviteter.csv"))
    assert rows and all("/kommuner/jonkoping/" in r["url"] for r in rows)
    assert len([r for r in rows if "/2020/" in r["url"]]) == 11
    municipalities = json.loads(body(client.get("/oppna-data/kommuner/0680/kommuner.json")))
    assert [m["name"] for m in municipalities] == ["Jönköping"]
    assert client.get("/oppna-data/kommuner/9999/aktiviteter.csv").status_code == 404
    assert client.get("/oppna-data/kommuner/0680/finns-inte.csv").status_code == 404
    assert client.get("/oppna-data/aktiviteter.xlsx").status_code == 404


def test_national_zip_is_a_valid_frictionless_package(client, seed_content, tmp_path):
    response = client.get("/oppna-data/medborgarloften.zip")
    assert response["Content-Type"] == "application/zip"
    assert response.streaming
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    names = set(archive.namelist())
    assert names == {f"{d.slug}.csv" for d in DATASETS} | {"datapackage.json"}
    archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["path"] == "http://creativecommons.org/publicdomain/zero/1.0/"
    activities = next(r for r in descriptor["resources"] if r["name"] == "aktiviteter")
    fields = {f["name"]: f for f in activities["schema"]["fields"]}
    assert fields["responsible"]["description"].startswith("Ansvarig")
    assert {"fields": ["period_id"], "reference": {"resource": "perioder", "fields": ["id"]}} in (
        activities["schema"]["foreignKeys"]
    )
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with_rows = Package(str(tmp_path / "datapackage.json")).get_resource("aktiviteter")
    assert len(with_rows.read_rows()) == Activity.objects.public().count()


def test_revalidation_and_invalidation_after_a_publish(client, seed_content):
    first = client.get("/oppna-data/perioder.csv")
    etag = first["ETag"]
    assert first["Last-Modified"]
    again = client.get("/oppna-data/perioder.csv", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    draft = PromisePeriodFactory(status=PublicationStatus.DRAFT, title="Snart publicerad")
    assert "Snart publicerad" not in body(client.get("/oppna-data/perioder.csv")).decode()
    draft.mark_published()
    draft.save()
    fresh = client.get("/oppna-data/perioder.csv", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert "Snart publicerad" in body(fresh).decode()


def test_the_page_describes_every_table_and_links_the_downloads(client, seed_content):
    page = client.get("/oppna-data/").content.decode()
    assert "<h1>Öppna data</h1>" in page
    assert "http://creativecommons.org/publicdomain/zero/1.0/" in page
    assert 'href="/oppna-data/medborgarloften.zip"' in page
    for dataset in DATASETS:
        assert f'href="/oppna-data/{dataset.slug}.csv"' in page
        for column in dataset.columns:
            assert column.meaning.replace("”", "&quot;")[:20] in page or column.name in page
    assert "Data → Från text/CSV" in page
    home = client.get("/").content.decode()
    assert home.count('href="/oppna-data/"') == 2  # the start page and the footer


def test_choosing_a_municipality(client, seed_content):
    response = client.get("/oppna-data/", {"kommun": "0680"})
    assert response.status_code == 302 and response["Location"] == "/oppna-data/kommuner/0680/"
    page = client.get(response["Location"]).content.decode()
    assert "Öppna data: Jönköping" in page
    assert 'href="/oppna-data/kommuner/0680/aktiviteter.csv"' in page
    wrong = client.get("/oppna-data/", {"kommun": "<script>"})
    assert wrong.status_code == 200
    text = wrong.content.decode()
    assert "Välj en kommun i listan." in text and "Det finns ett problem" in text
    assert "<script>" not in text
    nul = client.get("/oppna-data/", {"kommun": "06\x0080"})
    assert nul.status_code == 200 and "Välj en kommun i listan." in nul.content.decode()


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.slug)
def test_json_files_and_the_api_agree_row_for_row(client, seed_content, dataset):
    ActivityStatusFactory(comment='Citat: "trygg" och ny\nrad')
    add_signatories()
    rows = json.loads(body(client.get(f"/oppna-data/{dataset.slug}.json")))
    assert rows, dataset.slug
    page = client.get(f"/api/v1/{dataset.slug}/", {"limit": 500}).json()["results"]
    assert rows[: len(page)] == page
    csv_first = csv_rows(client.get(f"/oppna-data/{dataset.slug}.csv"))[0]
    assert list(csv_first) == list(rows[0])
    for name, value in rows[0].items():
        expected = "" if value is None else str(value).lower() if value in (True, False) else value
        assert csv_first[name] == str(expected), name
