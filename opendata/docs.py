"""The machine-facing documents and the API's documentation page: the OpenAPI document,
the page rendered from it (server-side, so it works without JavaScript and under the CSP;
its fixed words in the page's language, the document's own texts translated where the
catalogue has them and marked as Swedish where not), the DCAT-AP-SE catalogue, and JSON
for addresses under /api/v1/ that do not exist."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .api import openapi_document
from .apilimits import ApiProblem, error_response, rate_limited, with_cors
from .conditional import Validators
from .dcat import catalogue

_TYPE_NAMES = {
    "integer": gettext_lazy("heltal"),
    "string": gettext_lazy("text"),
    "boolean": gettext_lazy("sant/falskt"),
    "array": gettext_lazy("lista"),
    "object": gettext_lazy("objekt"),
}
_FORMAT_NAMES = {
    "date": gettext_lazy("datum (ÅÅÅÅ-MM-DD)"),
    "date-time": gettext_lazy("tidpunkt (ISO 8601)"),
}
_STATUS_TEXT = {
    "200": "OK",
    "304": gettext_lazy("Inte ändrad (ETag/If-None-Match)"),
    "400": gettext_lazy("Fel parameter"),
    "404": gettext_lazy("Finns inte"),
    "429": gettext_lazy("För många anrop"),
}


@rate_limited
def openapi(request):
    validators = Validators(request)
    not_modified = validators.not_modified(request)
    if not_modified is not None:
        return not_modified
    body = json.dumps(openapi_document(), ensure_ascii=False, indent=1)
    return validators.stamp(HttpResponse(body, content_type="application/json"))


def _type_label(schema):
    """A JSON Schema type in Swedish words ("heltal", "datum (ÅÅÅÅ-MM-DD)", "…, kan saknas")."""
    options = schema.get("anyOf") or [schema]
    nullable = any(option.get("type") == "null" for option in options)
    option = next((o for o in options if o.get("type") != "null"), {})
    label = _FORMAT_NAMES.get(option.get("format")) or _TYPE_NAMES.get(
        option.get("type"), option.get("type", "")
    )
    return _("{type}, kan saknas").format(type=label) if nullable else label


def _constraints(schema):
    options = schema.get("anyOf") or [schema]
    option = next((o for o in options if o.get("type") != "null"), {})
    parts = []
    if "pattern" in option:
        parts.append(_("mönster {pattern}").format(pattern=option["pattern"]))
    if "minimum" in option:
        parts.append(_("minst {minimum}").format(minimum=option["minimum"]))
    if "maximum" in option:
        parts.append(_("högst {maximum}").format(maximum=option["maximum"]))
    if "default" in schema:
        parts.append(_("standard {default}").format(default=schema["default"]))
    return ", ".join(parts)


def _operations(document):
    """Each documented operation as plain data for the template, in document order."""
    components = document.get("components", {}).get("schemas", {})
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": p["name"],
                    "where": _("sökväg") if p["in"] == "path" else _("frågesträng"),
                    "required": p.get("required", False),
                    "type": _type_label(p.get("schema", {})),
                    "constraints": _constraints(p.get("schema", {})),
                    "description": p.get("description") or p.get("schema", {}).get("description"),
                }
                for p in operation.get("parameters", [])
            ]
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            body = components.get(ok["$ref"].rsplit("/", 1)[-1], {})
            if "results" in body.get("properties", {}):
                rows = body["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[-1]
                body = components.get(rows, {})
            fields = [
                {"name": name, "type": _type_label(spec), "description": spec.get("description")}
                for name, spec in body.get("properties", {}).items()
            ]
            codes = sorted({*operation["responses"], "304"})
            yield {
                "id": operation["operationId"].replace("_", "-"),
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "tag": (operation.get("tags") or [""])[0],
                "parameters": parameters,
                "fields": fields,
                "is_list": "results" in ok.get("$ref", "") or ok["$ref"].endswith("Page"),
                "responses": [(code, _STATUS_TEXT.get(code, "")) for code in codes],
            }


def api_docs(request):
    document = openapi_document()
    return render(
        request,
        "opendata/api_docs.html",
        {
            "document": document,
            "server": document["servers"][0]["url"],
            "operations": list(_operations(document)),
            "rate_limit": settings.OPENDATA_API_RATE_LIMIT_PER_MINUTE,
        },
    )


TURTLE = "text/turtle"
RDF_XML = "application/rdf+xml"


def _wants_turtle(request):
    if request.GET.get("format") == "ttl":
        return True
    if request.GET.get("format") in ("rdf", "xml"):
        return False
    return (
        request.accepts(TURTLE)
        and not request.accepts(RDF_XML)
        or (request.headers.get("Accept", "").startswith(TURTLE))
    )


def dcat_catalogue(request):
    """The DCAT-AP-SE catalogue: RDF/XML (what dataportal.se harvests), or Turtle with
    ?format=ttl or Accept: text/turtle."""
    turtle = _wants_turtle(request)
    validators = Validators(request, vary="ttl" if turtle else "xml")
    response = validators.not_modified(request)
    if response is None:
        graph = catalogue()
        if turtle:
            body, content_type = graph.serialize(format="turtle"), f"{TURTLE}; charset=utf-8"
        else:
            body, content_type = graph.serialize(format="pretty-xml"), f"{RDF_XML}; charset=utf-8"
        response = validators.stamp(HttpResponse(body, content_type=content_type))
    patch_vary_headers(response, ["Accept"])
    return response


def api_not_found(request, rest=""):
    """Addresses under /api/v1/ that are not in the document: JSON, not the HTML page."""
    problem = ApiProblem(
        None,
        "Adressen finns inte i API:t. Se /api/v1/openapi.json.",
        "No such address in the API. See /api/v1/openapi.json.",
    )
    return with_cors(error_response(problem, 404))
