"""The fault matrix (`make chaos`): PostgreSQL, Redis and an SMTP sink, each passed, cut
and hung through the TCP fault proxy (tests/faultproxy.py), against two gunicorn
instances. Prints a table: what a cached page, an uncached page, search, the barrier
form, the admin and the outbox (the cron command) answered, how long it took, and
whether anything a person sent was lost.

Needs PostgreSQL on 127.0.0.1:5432 and Redis on :6379. Uses the database
mbl_reliability_chaos, Redis database 10 and ports 18140-18149.
"""

import socketserver
import subprocess
import sys
import threading
import time

import psycopg
import redis

from benchmarks.serving import ROOT, Gunicorn
from tests.faultproxy import CUT, HANG, PASS, FaultProxy
from tests.test_servers import PASSWORD, PG, Visitor, environment, hidden, manage

DATABASE = "mbl_reliability_chaos"
REDIS_DB = 10
PG_PROXY, REDIS_PROXY, SMTP_PROXY, SMTP_SINK, SERVERS = 18140, 18141, 18142, 18143, (18145, 18146)


class SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept any message and forget it."""

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        in_data = False
        for line in self.rfile:
            if in_data:
                if line.rstrip(b"\r\n") == b".":
                    in_data = False
                    self.wfile.write(b"250 ok\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_data = True
                self.wfile.write(b"354 go on\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb == b"EHLO":
                self.wfile.write(b"250 sink\r\n")
            else:
                self.wfile.write(b"250 ok\r\n")


def timed(call, *args):
    started = time.monotonic()
    status, _, page = call(*args)
    return status, page, time.monotonic() - started


def cell(status, seconds, note=""):
    return f"{status} {seconds:.1f} s{(' ' + note) if note else ''}"


def probe(server, visitor, editor, n):
    """One round of what people do; returns the cells and whether anything was lost."""
    row, lost = [], []
    status, _, seconds = timed(visitor.get, server.url + "/kommuner/sollentuna/")
    row.append(cell(status, seconds))
    status, _, seconds = timed(visitor.get, server.url + f"/lan/saknas-{n}/")  # uncached
    row.append(cell(status, seconds))
    status, _, seconds = timed(visitor.get, server.url + f"/sok/?q=trygghet+{n}")
    row.append(cell(status, seconds))

    form_url = server.url + "/tillganglighet/pata-brister/"
    text = f"Kaosprov {n}: knappen går inte att nå."
    status, page, seconds = timed(
        visitor.post,
        form_url,
        {
            "csrfmiddlewaretoken": visitor.token,
            "started": visitor.started,
            "lamna_tomt": "",
            "page_url": "/",
            "message": text,
            "consent": "on",
        },
    )
    if status == 302:
        note = "sparad"
    elif text in page:
        note = "texten tillbaka"
    else:
        note, lost = "FÖRLORAD", [text]
    row.append(cell(status, seconds, note))
    status, _, seconds = timed(editor.get, server.url + "/admin/")
    row.append(cell(status, seconds))
    return row, lost


def outbox(env):
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "send_pending_notifications"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.monotonic() - started
    summary = (result.stdout.strip().splitlines() or ["fel"])[-1]
    sent = summary.split(": ")[-1].split(",")[0] if result.returncode == 0 else "fel (databasen)"
    return f"{sent} {seconds:.1f} s"


def prepare():
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    redis.Redis(db=REDIS_DB).flushdb()
    direct = environment(DATABASE_URL=f"{PG}/{DATABASE}")
    for command in (["migrate"], ["load_reference_data"], ["load_seed_content"]):
        manage(*command, env=direct)
    manage(
        "createsuperuser",
        "--noinput",
        "--username",
        "chef",
        "--email",
        "chef@example.se",
        env={**direct, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )


def log_in(server):
    editor = Visitor()
    _, _, page = editor.get(server.url + "/admin/login/")
    editor.post(
        server.url + "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            "username": "chef",
            "password": PASSWORD,
        },
    )
    return editor


def main():
    started = time.monotonic()
    prepare()
    sink = socketserver.ThreadingTCPServer(("127.0.0.1", SMTP_SINK), SmtpSink)
    sink.daemon_threads = True
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    proxies = {
        "PostgreSQL": FaultProxy(5432, port=PG_PROXY),
        "Redis": FaultProxy(6379, port=REDIS_PROXY),
        "SMTP": FaultProxy(SMTP_SINK, port=SMTP_PROXY),
    }
    env = environment(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_PROXY}/{DATABASE}",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PROXY}/{REDIS_DB}",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PROXY),
        EMAIL_TIMEOUT="2",
        ACCESSIBILITY_RATE_LIMIT_PER_HOUR="1000",
        ACCESSIBILITY_MIN_FILL_SECONDS="0",
        ACCESSIBILITY_EDITOR_EMAILS="redaktor@example.se",
        SEARCH_RATE_LIMIT_PER_MINUTE="1000",
        CACHE_BREAKER_SECONDS="2",
    )
    servers = [Gunicorn(env, port=port) for port in SERVERS]
    rows, lost = [], []
    try:
        visitors, editors = [], []
        for server in servers:
            visitor = Visitor()
            _, _, page = visitor.get(server.url + "/tillganglighet/pata-brister/")
            visitor.token, visitor.started = (
                hidden(page, "csrfmiddlewaretoken"),
                hidden(page, "started"),
            )
            visitor.get(server.url + "/kommuner/sollentuna/")  # cached from now on
            visitors.append(visitor)
            editors.append(log_in(server))
        n = 0
        for name, proxy in proxies.items():
            for fault in (PASS, CUT, HANG):
                proxy.set_mode(fault)
                time.sleep(0.2)
                n += 1
                i = n % 2
                row, missing = probe(servers[i], visitors[i], editors[i], n)
                lost += missing
                row.append(outbox(env))
                rows.append([name, fault, *row])
                proxy.set_mode(PASS)
                time.sleep(2.2)  # let the circuit breaker close again
    finally:
        for server in servers:
            server.stop()
        for proxy in proxies.values():
            proxy.stop()
        sink.shutdown()
    header = [
        "beroende",
        "fel",
        "cachad sida",
        "ocachad sida",
        "sök",
        "formulär",
        "admin",
        "utkorg (cron)",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nFörlorat: {len(lost) or 'inget'}. Total tid {time.monotonic() - started:.0f} s.")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
