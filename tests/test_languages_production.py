"""The English pages and their Swedish fallback under production settings (issue 20: a
CONSUL installation found its fallbacks silently off in production): real gunicorn, DEBUG
off, the hashed static files, the compiled catalogues as committed, a database of its own
with the seed content. gunicorn listens on a Unix socket in a temporary directory, so no
port is taken from anyone."""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=30)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(30)
        self.sock.connect(self.path)


def fetch(sock, path):
    connection = UnixConnection(str(sock))
    try:
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        GUNICORN_BIND=f"unix:{folder / 'gunicorn.sock'}",
        GUNICORN_WORKERS="1",
        GUNICORN_CONTROL_SOCKET="",
        GUNICORN_ACCESSLOG="",
    )
    for command in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["load_reference_data"],
        ["load_seed_content"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *command, "--verbosity=0"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn configuration
        [str(GUNICORN), "--config", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    sock = folder / "gunicorn.sock"
    try:
        for _ in range(300):
            if sock.exists():
                try:
                    fetch(sock, "/healthz")
                    break
                except OSError:
                    pass
            time.sleep(0.1)
        else:
            raise AssertionError(server.stderr.read1().decode() if server.stderr else "")
        yield sock
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_english_page_falls_back_to_marked_swedish_under_production_settings(production):
    status, headers, html = fetch(production, "/en/kommuner/jonkoping/medborgarloften/2020/")
    assert status == 200 and headers["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert html.count("Parts of this page are only in Swedish.") == 1
    assert re.search(r'<h1><span lang="sv">Medborgarlöfte 2020</span> in Jönköping</h1>', html)
    assert '<h2 id="reports-heading">Follow-up</h2>' in html
    assert "Skip to main content" in html and "/static/css/site." in html
    # The Swedish page is as it always was.
    status, headers, html = fetch(production, "/kommuner/jonkoping/medborgarloften/2020/")
    assert status == 200 and headers["Content-Language"] == "sv"
    assert "<h1>Medborgarlöfte 2020 i Jönköping</h1>" in html
    assert "Hoppa till huvudinnehållet" in html and "only in Swedish" not in html


def test_the_english_error_page_under_production_settings(production):
    status, _headers, html = fetch(production, "/en/kommuner/finns-inte/")
    assert status == 404
    assert '<html lang="en">' in html and "<h1>Page not found</h1>" in html
