import pytest
from django.conf import settings
from django.test import override_settings

from tests import snapshot


@pytest.fixture(scope="session", autouse=True)
def _unhashed_static_files():
    """Tests render templates without running collectstatic first; the hashed manifest
    storage is exercised by its own test (test_static_files.py) and by `make run`."""
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No 3-second statement limit in the test process: emptying the tables after a browser
    test (TRUNCATE of every table) can outlast it on a loaded two-core machine. No test
    here relies on that limit; the fault tests start servers with the production one."""
    from django.db import connections

    for connection in connections.all():
        if connection.vendor == "postgresql":
            connection.settings_dict["OPTIONS"]["options"] = "-c statement_timeout=0"
    settings.DATABASE_WAIT_SECONDS = 0  # core/postgres: no watchdog deadline either


@pytest.fixture
def reference_data(db):
    """The real regions, counties, 290 municipalities and local police areas: what
    `load_reference_data` writes, recorded once per process and copied in (snapshot.py)."""
    snapshot.load("reference")


@pytest.fixture
def seed_content(reference_data):
    """The real regions etc. plus the content of the five source pages
    (`load_seed_content`, recorded once per process like reference_data)."""
    snapshot.load("seed")


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """A per-test memory cache, so cached pages never leak between tests."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests",
        }
    }
    from django.core.cache import cache

    from portal.caching import _Outage

    cache.clear()
    # A cache outage seen by an earlier test does not carry over.
    _Outage.failing = _Outage.check_pending = False


# --- the admin tests' municipalities: each with its content and its own coordinator ---------
@pytest.fixture
def alfa(db):
    from tests.admin_helpers import make_corner

    return make_corner("Alfa")


@pytest.fixture
def beta(db):
    from tests.admin_helpers import make_corner

    return make_corner("Beta")


@pytest.fixture
def corner(alfa):
    """One municipality with its content and coordinator (Alfa)."""
    return alfa
