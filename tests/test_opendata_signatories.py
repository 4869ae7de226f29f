"""Who signed each citizen promise and agreement, and when as far as the source says, in
the files, the ZIP's datapackage, the API, the data dictionary and the catalogue."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from frictionless import validate

from core.publishing import PublicationStatus
from promises.models import AgreementSignatory, CooperationAgreement, PeriodSignatory, PromisePeriod
from tests.factories import PromisePeriodFactory

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode(), newline="")))


@pytest.fixture
def signed(seed_content):
    """Jönköping's 2017 period signed on a known day by two; Sollentuna's known only by
    the year; Järfälla's agreement signed on a day the source does not give; a draft
    period's signatory, who must not be published."""
    jonkoping = PromisePeriod.objects.get(municipality__code="0680", starts_on__year=2017)
    PromisePeriod.objects.filter(pk=jonkoping.pk).update(signed_on=datetime.date(2017, 9, 12))
    PeriodSignatory.objects.create(
        period=jonkoping,
        order=1,
        name="Anna Andersson",
        role="kommunstyrelsens ordförande",
        organisation="Jönköpings kommun",
    )
    PeriodSignatory.objects.create(
        period=jonkoping, order=2, name="Bo Berg", role="lokalpolisområdeschef"
    )
    sollentuna = PromisePeriod.objects.get(municipality__code="0163")
    PromisePeriod.objects.filter(pk=sollentuna.pk).update(
        signed_on=datetime.date(2023, 1, 1), signed_precision="year"
    )
    PeriodSignatory.objects.create(period=sollentuna, name="Cecilia Carlsson")
    agreement = CooperationAgreement.objects.get(municipality__code="0123")
    AgreementSignatory.objects.create(
        agreement=agreement, name="Dan Dahl", organisation="Järfälla kommun"
    )
    draft = PromisePeriodFactory(status=PublicationStatus.DRAFT)
    PeriodSignatory.objects.create(period=draft, name="Hemlig Undertecknare")
    return jonkoping, sollentuna, agreement


def test_signatories_csv_holds_exactly_the_public_signatories(client, signed):
    jonkoping, sollentuna, _ = signed
    rows = csv_rows(client.get("/oppna-data/undertecknare.csv"))
    assert [r["name"] for r in rows] == ["Anna Andersson", "Bo Berg", "Cecilia Carlsson"]
    anna, bo, cecilia = rows
    assert anna == {
        "id": anna["id"],
        "period_id": str(jonkoping.pk),
        "order": "1",
        "name": "Anna Andersson",
        "role": "kommunstyrelsens ordförande",
        "organisation": "Jönköpings kommun",
        "signed_on": "2017-09-12",
        "signed_precision": "day",
        "url": "http://127.0.0.1:8000" + jonkoping.get_absolute_url(),
    }
    assert (bo["organisation"], bo["role"]) == ("", "lokalpolisområdeschef")
    assert (cecilia["period_id"], cecilia["signed_on"], cecilia["signed_precision"]) == (
        str(sollentuna.pk),
        "2023-01-01",
        "year",
    )
    raw = body(client.get("/oppna-data/undertecknare.csv")).decode()
    assert "Hemlig" not in raw


def test_an_unknown_signing_date_is_empty_never_guessed(client, signed):
    _, _, agreement = signed
    rows = json.loads(body(client.get("/oppna-data/overenskommelser-undertecknare.json")))
    assert rows == [
        {
            "id": rows[0]["id"],
            "agreement_id": agreement.pk,
            "order": 0,
            "name": "Dan Dahl",
            "role": "",
            "organisation": "Järfälla kommun",
            "signed_on": None,
            "signed_precision": "",
            "url": "http://127.0.0.1:8000" + agreement.get_absolute_url(),
        }
    ]
    periods = {p["id"]: p for p in json.loads(body(client.get("/oppna-data/perioder.json")))}
    assert periods[signed[0].pk]["signed_on"] == "2017-09-12"
    assert [p["signed_precision"] for p in periods.values() if p["signed_on"] is None][:1] == [""]


def test_per_municipality_and_the_api(client, signed, django_assert_num_queries):
    rows = csv_rows(client.get("/oppna-data/kommuner/0680/undertecknare.csv"))
    assert [r["name"] for r in rows] == ["Anna Andersson", "Bo Berg"]
    for limit in (1, 500):
        with django_assert_num_queries(1):
            page = client.get("/api/v1/undertecknare/", {"limit": limit}).json()
        assert page["results"][0]["name"] == "Anna Andersson"
    files = json.loads(body(client.get("/oppna-data/undertecknare.json")))
    assert client.get("/api/v1/undertecknare/", {"limit": 500}).json()["results"] == files
    only = client.get("/api/v1/undertecknare/", {"municipality": "0163"}).json()["results"]
    assert [r["name"] for r in only] == ["Cecilia Carlsson"]
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/undertecknare/" in schema["paths"]
    fields = schema["components"]["schemas"]["Undertecknare"]["properties"]
    assert "signed_precision" in fields and "organisation" in fields


def test_the_zip_package_validates_with_the_signatories(client, signed, tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/oppna-data/medborgarloften.zip"))))
    archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    resource = next(r for r in descriptor["resources"] if r["name"] == "undertecknare")
    assert {"fields": ["period_id"], "reference": {"resource": "perioder", "fields": ["id"]}} in (
        resource["schema"]["foreignKeys"]
    )
    assert "Anna Andersson" in (tmp_path / "undertecknare.csv").read_text()
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_page_and_the_catalogue_describe_them(client, signed):
    page = client.get("/oppna-data/").content.decode()
    assert 'href="/oppna-data/undertecknare.csv"' in page
    assert "signed_precision" in page and "Tomt när datumet inte är känt." in page
    catalogue = client.get("/datasets/dcat", {"format": "ttl"}).content.decode()
    assert "/oppna-data/undertecknare.csv" in catalogue
    assert "Undertecknare av medborgarlöften" in catalogue
