"""Friction 6: add_coordinator takes municipalities and police areas as people write them
(any case, with or without å ä ö, SCB codes) and suggests the closest names."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from municipalities.lookup import find_municipality, find_police_area


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("DJANGO_COORDINATOR_PASSWORD", "Trygghet-i-Vingaker-2024")


def run(*args):
    out = io.StringIO()
    call_command("add_coordinator", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "key", ["Vingåker", "vingåker", "VINGAKER", "vingaker", "0428", "428", "Vingåker kommun"]
)
def test_a_municipality_by_name_slug_or_code(reference_data, key):
    assert find_municipality(key).found.name == "Vingåker"


@pytest.mark.parametrize(
    "key", ["Katrineholm", "katrineholm", "KATRINEHOLM", "Lokalpolisområde Katrineholm"]
)
def test_a_police_area_by_name(reference_data, key):
    assert find_police_area(key).found.slug == "katrineholm"


def test_the_command_takes_names(reference_data, password):
    output = run("eva", "--police-area", "Katrineholm", "--municipality", "Vingåker")
    assert "kommuner Vingåker; lokalpolisområden Katrineholm" in output


def test_a_misspelt_name_gets_the_closest_names(reference_data, password):
    with pytest.raises(CommandError) as error:
        run("eva", "--municipality", "Vingåkr")
    assert "Okänd kommun: Vingåkr. Menade du Vingåker eller Ovanåker?" in str(error.value)
    with pytest.raises(CommandError) as error:
        run("eva", "--police-area", "Katrinehom")
    assert "Okänt lokalpolisområde: Katrinehom. Menade du Katrineholm" in str(error.value)


def test_a_name_two_municipalities_share_is_asked_about(reference_data, password):
    with pytest.raises(CommandError) as error:
        run("eva", "--municipality", "Habo")
    message = str(error.value)
    assert "”Habo” kan vara flera: Habo (0643, Jönköpings län); Håbo (0305, Uppsala län)" in message
