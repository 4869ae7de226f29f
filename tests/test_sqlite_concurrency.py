"""The embedded default under several gunicorn workers: a coordinator's save must not
wait for (or fail because of) visitors reading pages at the same moment. Runs on a
SQLite file of its own with the settings config/database.py gives SQLite, whichever
database the rest of the suite uses."""

import environ
import pytest
from django.db.utils import ConnectionHandler, load_backend

from config.database import database_settings


def worker(path, alias):
    """A connection as one gunicorn worker would open it."""
    config = database_settings(
        environ.Env.db_url_config(f"sqlite:///{path}"),
        conn_max_age=0,
        connect_timeout=2,
        statement_timeout=3,
    )
    config["OPTIONS"]["timeout"] = 1  # a blocked commit fails after 1 s, not 5
    config = ConnectionHandler().configure_settings({"default": config})["default"]
    return load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)


@pytest.fixture
def two_workers(tmp_path, django_db_blocker):
    path = tmp_path / "site.sqlite3"
    with django_db_blocker.unblock():  # its own file, never the suite's test database
        reader, writer = worker(path, "reader"), worker(path, "writer")
        with writer.cursor() as cursor:
            cursor.execute("CREATE TABLE report (id INTEGER PRIMARY KEY, summary TEXT)")
            cursor.execute("INSERT INTO report (summary) VALUES ('utkast')")
        yield reader, writer
        reader.close()
        writer.close()


def test_a_save_commits_while_a_page_is_being_read(two_workers):
    reader, writer = two_workers
    with _reading(reader) as seen:
        assert seen() == ["utkast"]
        with writer.cursor() as cursor:  # the coordinator's save, committed at once
            cursor.execute("UPDATE report SET summary = 'publicerad'")
        assert seen() == ["utkast"], "the page being rendered keeps one consistent view"
    with reader.cursor() as cursor:
        cursor.execute("SELECT summary FROM report")
        assert [row[0] for row in cursor.fetchall()] == ["publicerad"]


class _reading:
    """A read transaction held open, as while a page renders from several queries."""

    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.cursor = self.connection.cursor()
        self.cursor.execute("BEGIN")
        return self.seen

    def seen(self):
        self.cursor.execute("SELECT summary FROM report")
        return [row[0] for row in self.cursor.fetchall()]

    def __exit__(self, *exc):
        self.cursor.execute("COMMIT")
        self.cursor.close()
