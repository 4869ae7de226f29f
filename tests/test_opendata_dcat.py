"""The DCAT-AP-SE catalogue at /datasets/dcat: RDF/XML by default, Turtle on request,
parsed with rdflib and checked with a SHACL shape of DCAT-AP-SE's mandatory properties."""

from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db
SHAPE = Path(__file__).parent / "shapes" / "dcat_ap_se.ttl"
VCARD_ORG = URIRef("http://www.w3.org/2006/vcard/ns#Organization")


@pytest.fixture
def catalogue_settings(settings):
    settings.SITE_URL = "https://medborgarloften.example.se"
    settings.OPENDATA_PUBLISHER_NAME = "Exempelmyndigheten"
    settings.OPENDATA_PUBLISHER_ORGNR = "2021001234"
    settings.OPENDATA_CONTACT_EMAIL = "oppnadata@example.se"
    return settings


def parse(response, fmt):
    graph = Graph()
    graph.parse(data=response.content.decode(), format=fmt)
    return graph


def test_rdf_xml_passes_the_dcat_ap_se_shape(client, seed_content, catalogue_settings):
    response = client.get("/datasets/dcat")
    assert response["Content-Type"] == "application/rdf+xml; charset=utf-8"
    graph = parse(response, "xml")
    conforms, _, report = shacl_validate(graph, shacl_graph=str(SHAPE), inference="none")
    assert conforms, report


def test_catalogue_content(client, seed_content, catalogue_settings):
    graph = parse(client.get("/datasets/dcat"), "xml")
    publisher = URIRef("http://dataportal.se/organisation/SE2021001234")
    assert (publisher, FOAF.name, Literal("Exempelmyndigheten", lang="sv")) in graph
    assert len(list(graph.subjects(RDF.type, FOAF.Agent))) == 1
    contact = next(graph.subjects(RDF.type, VCARD_ORG))
    assert contact != publisher
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(DATASETS) + 1
    activities = URIRef("https://medborgarloften.example.se/oppna-data/#dataset-aktiviteter")
    assert (activities, DCTERMS.title, Literal("Aktiviteter", lang="sv")) in graph
    assert (activities, DCTERMS.title, Literal("Activities", lang="en")) in graph
    downloads = {
        str(url)
        for distribution in graph.objects(activities, DCAT.distribution)
        for url in graph.objects(distribution, DCAT.downloadURL)
    }
    assert downloads == {
        "https://medborgarloften.example.se/oppna-data/aktiviteter.csv",
        "https://medborgarloften.example.se/oppna-data/aktiviteter.json",
    }
    licences = set(graph.objects(None, DCTERMS.license))
    assert licences == {URIRef("http://creativecommons.org/publicdomain/zero/1.0/")}
    service = next(graph.subjects(RDF.type, DCAT.DataService))
    assert str(next(graph.objects(service, DCAT.endpointDescription))).endswith(
        "/api/v1/openapi.json"
    )
    temporal = next(graph.objects(activities, DCTERMS.temporal))
    assert str(next(graph.objects(temporal, DCAT.startDate))) <= "2017-09-01"
    # Every IRI absolute; blank nodes only for periods of time.
    for s, _, o in graph:
        for node in (s, o):
            if isinstance(node, URIRef):
                assert str(node).startswith(("http://", "https://", "mailto:")), node
                assert " " not in str(node)
            if isinstance(node, BNode):
                assert (node, RDF.type, DCTERMS.PeriodOfTime) in graph


@pytest.mark.parametrize(
    ("query", "headers"),
    [({"format": "ttl"}, {}), ({}, {"HTTP_ACCEPT": "text/turtle"})],
)
def test_turtle_by_parameter_or_negotiation(client, seed_content, query, headers):
    response = client.get("/datasets/dcat", query, **headers)
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    assert "Accept" in response["Vary"]
    graph = parse(response, "turtle")
    assert len(set(graph.subjects(RDF.type, DCAT.Catalog))) == 1


def test_catalogue_revalidates(client, seed_content):
    first = client.get("/datasets/dcat")
    assert client.get("/datasets/dcat", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    turtle = client.get("/datasets/dcat?format=ttl")
    assert turtle["ETag"] != first["ETag"]


def test_the_shape_catches_a_missing_mandatory_property(client, seed_content):
    graph = parse(client.get("/datasets/dcat"), "xml")
    publisher = next(graph.subjects(RDF.type, FOAF.Agent))
    graph.remove((publisher, FOAF.name, None))
    blank = BNode()
    graph.add((blank, RDF.type, DCAT.Distribution))
    conforms, _, report = shacl_validate(graph, shacl_graph=str(SHAPE), inference="none")
    assert not conforms
    assert "name" in report and "IRI" in report
