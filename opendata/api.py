"""The read-only JSON API under /api/v1/, built with django-ninja.

django-ninja was chosen over Django REST framework: it derives the OpenAPI 3 document and
the validation of query parameters from pydantic types, with no serializer layer of its
own, which is all a read-only API over declared tables needs. Its Swagger page is off
(it loads scripts from a CDN, which the CSP forbids); docs.py renders our own page.

Each table in datasets.py gets a list endpoint (keyset pagination by id: a stable order,
one query per page whatever the page size) and a detail endpoint. Rows are written by the
same code as the JSON files, so the API and the downloads always agree.
"""

import datetime
import json
from typing import Annotated

from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_noop
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from pydantic import create_model

from .apilimits import ApiProblem, error_response, rate_limited
from .conditional import Validators
from .datasets import DATASETS

MAX_LIMIT = 500
DEFAULT_LIMIT = 100
MAX_ID = 2**63 - 1  # bigint: a larger id cannot exist, and must not reach the database

api = NinjaAPI(
    title="Medborgarlöften – öppna data",
    version="1",
    description=gettext_noop(
        "Läs medborgarlöften, aktiviteter och uppföljningar från hela landet. "
        "Bara GET; inga nycklar behövs. Licens: CC0 1.0."
    ),
    docs_url=None,
    openapi_url=None,
    urls_namespace="api-v1",
)

_PY_TYPES = {
    "integer": int,
    "string": str,
    "date": datetime.date,
    "datetime": datetime.datetime,
    "boolean": bool,
}


class ErrorOut(Schema):
    parameter: str | None = Field(
        None, description=gettext_noop("Parametern som är fel, om någon.")
    )
    message_sv: str = Field(description=gettext_noop("Vad som är fel, på svenska."))
    message_en: str = Field(description="What is wrong, in English.")


def _row_schema(dataset):
    fields = {}
    for column in dataset.columns:
        kind = _PY_TYPES[column.type]
        if not column.required and column.type != "string":
            kind = kind | None
        fields[column.name] = (kind, Field(description=column.meaning, examples=[column.example]))
    name = "".join(part.title() for part in dataset.slug.split("-"))
    return create_model(name, __base__=Schema, **fields)


def _page_schema(dataset, row):
    return create_model(
        f"{row.__name__}Page",
        __base__=Schema,
        results=(list[row], Field(description=gettext_noop("Raderna på sidan, i id-ordning."))),
        next=(
            str | None,
            Field(description=gettext_noop("Adressen till nästa sida; null på sista sidan.")),
        ),
    )


def _filter_schema(dataset):
    f = dataset.filters
    fields = {}
    if f.municipality:
        fields["municipality"] = (
            str | None,
            Field(
                None,
                description=gettext_noop("Kommunkod enligt SCB, fyra siffror."),
                pattern=r"^\d{4}$",
            ),
        )
    if f.county:
        fields["county"] = (
            str | None,
            Field(
                None,
                description=gettext_noop("Länskod enligt SCB, två siffror."),
                pattern=r"^\d{2}$",
            ),
        )
    if f.police_area:
        fields["police_area"] = (
            str | None,
            Field(
                None,
                description=gettext_noop(
                    "Lokalpolisområdets kortnamn (slug), till exempel jonkoping."
                ),
                pattern=r"^[-a-z0-9_]{1,120}$",
            ),
        )
    if f.period:
        fields["period_from"] = (
            datetime.date | None,
            Field(
                None,
                description=gettext_noop("Bara rader vars period slutar detta datum eller senare."),
            ),
        )
        fields["period_to"] = (
            datetime.date | None,
            Field(
                None,
                description=gettext_noop(
                    "Bara rader vars period börjar detta datum eller tidigare."
                ),
            ),
        )
    if f.updated:
        fields["updated_since"] = (
            datetime.datetime | None,
            Field(
                None,
                description="Bara rader ändrade vid eller efter denna tidpunkt (ISO 8601; "
                "utan tidszon: svensk tid). För inkrementell skördning. " + dataset.updated_note,
            ),
        )
    fields["after"] = (
        int | None,
        Field(
            None,
            ge=0,
            le=MAX_ID,
            description=gettext_noop(
                "Börja efter raden med detta id (nästa sida; följ länken `next`)."
            ),
        ),
    )
    fields["limit"] = (
        int,
        Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=gettext_noop("Rader per sida, 1–500.")
        ),
    )
    name = "".join(part.title() for part in dataset.slug.split("-")) + "Filter"
    return create_model(name, __base__=Schema, **fields)


def _json(request, validators, payload):
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False}, safe=False)
    return validators.stamp(response)


def _next_url(request, filters, last_id):
    params = {k: v for k, v in filters.items() if v is not None and k not in ("after",)}
    params["after"] = last_id
    query = urlencode({k: str(v) for k, v in params.items()})
    return request.build_absolute_uri(f"{request.path}?{query}")


def _register(dataset):
    row_schema = _row_schema(dataset)
    page_schema = _page_schema(dataset, row_schema)
    filter_schema = _filter_schema(dataset)
    errors = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}
    tag = dataset.title

    @api.get(
        f"/{dataset.slug}/",
        response={200: page_schema, **errors},
        summary=f"{dataset.title}: lista",
        description=dataset.description,
        operation_id=f"list_{dataset.slug.replace('-', '_')}",
        tags=[tag],
    )
    @rate_limited
    def list_rows(request, filters: Annotated[filter_schema, Query()]):  # type: ignore[valid-type]
        validators = Validators(request)
        not_modified = validators.not_modified(request)
        if not_modified is not None:
            return not_modified
        params = filters.dict()
        updated = params.get("updated_since")
        if updated is not None and timezone.is_naive(updated):
            updated = timezone.make_aware(updated)
        queryset = dataset.select(
            municipality=params.get("municipality"),
            county=params.get("county"),
            police_area=params.get("police_area"),
            period_from=params.get("period_from"),
            period_to=params.get("period_to"),
            updated_since=updated,
        )
        if params["after"] is not None:
            queryset = queryset.filter(pk__gt=params["after"])
        limit = params["limit"]
        # One row more than asked for tells whether there is a next page.
        rows = list(dataset.json_rows(queryset[: limit + 1], chunk_size=limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        next_url = _next_url(request, params, rows[-1]["id"]) if more else None
        return _json(request, validators, {"results": rows, "next": next_url})

    @api.get(
        f"/{dataset.slug}/{{id}}/",
        response={200: row_schema, **errors},
        summary=f"{dataset.title}: en rad",
        description=f"En rad ur {dataset.title.lower()}, efter id.",
        operation_id=f"get_{dataset.slug.replace('-', '_')}",
        tags=[tag],
    )
    @rate_limited
    def get_row(request, id: int):  # noqa: A002 - the documented parameter name
        validators = Validators(request)
        not_modified = validators.not_modified(request)
        if not_modified is not None:
            return not_modified
        if not 0 < id <= MAX_ID:
            raise Http404
        rows = list(dataset.json_rows(dataset.select().filter(pk=id), chunk_size=2))
        if not rows:
            raise Http404
        return _json(request, validators, rows[0])


for _dataset in DATASETS:
    _register(_dataset)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    """A bad parameter: 400, naming it, in Swedish and English."""
    return error_response(ApiProblem.from_validation(exc.errors), 400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(ApiProblem(None, "Det finns ingen sådan rad.", "No such row."), 404)


def openapi_document():
    """The OpenAPI 3 document, with the site's address as the server."""
    from django.conf import settings

    # Through JSON and back: plain dicts with string keys (response codes are ints here).
    schema = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1")))
    schema["servers"] = [{"url": settings.SITE_URL}]
    return schema
