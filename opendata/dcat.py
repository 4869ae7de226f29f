"""The DCAT-AP-SE catalogue that Sveriges dataportal harvests from /datasets/dcat.

Every catalogue, dataset, distribution, publisher and contact point has an IRI of its own
(no blank nodes), absolute and stable, under settings.SITE_URL; the publisher is the
organisation number IRI dataportal.se knows. Each table in datasets.py is a dcat:Dataset
with a CSV and a JSON file and the API; the whole country in one ZIP is a dataset of its own.
"""

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from promises.models import PromisePeriod

from .datasets import DATASETS
from .streaming import LICENSE_URL

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
FILE_TYPE = Namespace(EU + "file-type/")
FREQUENCY = Namespace(EU + "frequency/")
SWEDEN = URIRef(EU + "country/SWE")
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "zip": "application/zip"}
KEYWORDS = ("medborgarlöften", "trygghet", "brottsförebyggande", "polisen", "kommuner")


def _iri(path: str) -> URIRef:
    return URIRef(settings.SITE_URL + path)


def _texts(graph, subject, predicate, sv: str, en: str):
    graph.add((subject, predicate, Literal(sv, lang="sv")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def _temporal(graph, dataset_iri, span):
    """The span the published periods cover (a PeriodOfTime may be a blank node)."""
    if span["start"] is None:
        return
    node = BNode()
    graph.add((dataset_iri, DCTERMS.temporal, node))
    graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((node, DCAT.startDate, Literal(span["start"], datatype=XSD.date)))
    graph.add((node, DCAT.endDate, Literal(span["end"], datatype=XSD.date)))


def catalogue() -> Graph:
    """The whole catalogue as an rdflib graph."""
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        graph.bind(prefix, namespace)
    graph.bind("vcard", VCARD)
    page = reverse("opendata:index")
    catalog = _iri(page + "#katalog")
    publisher = URIRef(f"http://dataportal.se/organisation/SE{settings.OPENDATA_PUBLISHER_ORGNR}")
    contact = _iri(page + "#kontakt")
    service = _iri(reverse("opendata:api-docs") + "#tjanst")
    licence = URIRef(LICENSE_URL)
    span = PromisePeriod.objects.public().aggregate(start=Min("starts_on"), end=Max("ends_on"))

    graph.add((catalog, RDF.type, DCAT.Catalog))
    _texts(
        graph,
        catalog,
        DCTERMS.title,
        "Medborgarlöften – öppna data",
        "Citizen promises – open data",
    )
    _texts(
        graph,
        catalog,
        DCTERMS.description,
        "Polisens och kommunernas medborgarlöften och deras uppföljning per tertial.",
        "The citizen promises of the Swedish Police and municipalities and their follow-up.",
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, FOAF.homepage, _iri(page)))
    graph.add((catalog, DCAT.service, service))

    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(settings.OPENDATA_PUBLISHER_NAME, lang="sv")))

    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(settings.OPENDATA_CONTACT_NAME)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.OPENDATA_CONTACT_EMAIL}")))

    api_docs = reverse("opendata:api-docs")
    graph.add((service, RDF.type, DCAT.DataService))
    _texts(
        graph,
        service,
        DCTERMS.title,
        "Medborgarlöften – API (läsning, JSON)",
        "Citizen promises – read-only JSON API",
    )
    graph.add((service, DCAT.endpointURL, _iri("/api/v1/")))
    graph.add((service, DCAT.endpointDescription, _iri(reverse("opendata:openapi"))))
    graph.add((service, FOAF.page, _iri(api_docs)))
    graph.add((service, DCTERMS.publisher, publisher))
    graph.add((service, DCTERMS.license, licence))
    graph.add((service, DCAT.contactPoint, contact))

    def add_dataset(slug, title, title_en, description, description_en, files):
        iri = _iri(f"{page}#dataset-{slug}")
        graph.add((catalog, DCAT.dataset, iri))
        graph.add((iri, RDF.type, DCAT.Dataset))
        _texts(graph, iri, DCTERMS.title, title, title_en)
        _texts(graph, iri, DCTERMS.description, description, description_en)
        graph.add((iri, DCTERMS.publisher, publisher))
        graph.add((iri, DCAT.contactPoint, contact))
        graph.add((iri, DCAT.theme, THEME.JUST))
        graph.add((iri, DCAT.theme, THEME.GOVE))
        for word in KEYWORDS:
            graph.add((iri, DCAT.keyword, Literal(word, lang="sv")))
        graph.add((iri, DCTERMS.spatial, SWEDEN))
        graph.add((iri, DCTERMS.accrualPeriodicity, FREQUENCY.IRREG))
        graph.add((iri, DCAT.landingPage, _iri(page)))
        _temporal(graph, iri, span)
        for fmt, url in files:
            distribution = _iri(f"{page}#distribution-{slug}-{fmt}")
            graph.add((iri, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            _texts(
                graph,
                distribution,
                DCTERMS.title,
                f"{title} ({fmt.upper()})",
                f"{title_en} ({fmt.upper()})",
            )
            graph.add((distribution, DCAT.accessURL, _iri(url)))
            graph.add((distribution, DCAT.downloadURL, _iri(url)))
            graph.add((distribution, DCTERMS.format, FILE_TYPE[fmt.upper()]))
            graph.add(
                (
                    distribution,
                    DCAT.mediaType,
                    URIRef("http://www.iana.org/assignments/media-types/" + MEDIA_TYPES[fmt]),
                )
            )
            graph.add((distribution, DCTERMS.license, licence))
        return iri

    add_dataset(
        "medborgarloften",
        "Medborgarlöften – hela landet",
        "Citizen promises – the whole country",
        "Alla tabeller för hela landet i en ZIP-fil med CSV-filer och datapackage.json "
        "(Frictionless Data Package).",
        "Every table for the whole country in one ZIP file of CSV files with a "
        "datapackage.json (Frictionless Data Package).",
        [("zip", reverse("opendata:national-zip"))],
    )
    for dataset in DATASETS:
        files = [
            (fmt, reverse("opendata:national-file", kwargs={"dataset": dataset.slug, "fmt": fmt}))
            for fmt in ("csv", "json")
        ]
        iri = add_dataset(
            dataset.slug,
            dataset.title,
            dataset.title_en,
            dataset.description,
            dataset.description_en,
            files,
        )
        api_distribution = _iri(f"{page}#distribution-{dataset.slug}-api")
        graph.add((iri, DCAT.distribution, api_distribution))
        graph.add((api_distribution, RDF.type, DCAT.Distribution))
        _texts(
            graph,
            api_distribution,
            DCTERMS.title,
            f"{dataset.title} (API)",
            f"{dataset.title_en} (API)",
        )
        graph.add((api_distribution, DCAT.accessURL, _iri(f"/api/v1/{dataset.slug}/")))
        graph.add((api_distribution, DCAT.accessService, service))
        graph.add((api_distribution, DCTERMS.format, FILE_TYPE.JSON))
        graph.add((api_distribution, DCTERMS.license, licence))
        graph.add((service, DCAT.servesDataset, iri))
    return graph
