"""How the project talks to its database, per engine: settings.DATABASES["default"] is
built here from DATABASE_URL, so the rules for each engine are stated in one place."""

# SQLite, the embedded default, is used by several gunicorn workers at once (pages, the
# database cache, coordinators saving). In its default rollback-journal mode a reader
# blocks a writer's commit, and a transaction that starts reading and then writes fails
# at once with "database is locked" when another writer got there first: under load most
# admin saves answered 503 (benchmarks/mixed.py, 2026-12-02). WAL lets readers and one
# writer work side by side, and IMMEDIATE takes the write lock when a transaction begins,
# so a second writer waits (up to the busy timeout) instead of failing midway.
SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
SQLITE_BUSY_TIMEOUT_SECONDS = 5


def database_settings(config, *, conn_max_age, connect_timeout, statement_timeout):
    """The default database's settings from the parsed DATABASE_URL (`config`)."""
    config.update(ATOMIC_REQUESTS=False, CONN_MAX_AGE=conn_max_age, CONN_HEALTH_CHECKS=True)
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.postgresql":
        # The watchdog backend (core/postgres) bounds waits a frozen server never ends.
        config["ENGINE"] = "core.postgres"
        options.update(
            connect_timeout=connect_timeout,
            options=f"-c statement_timeout={int(statement_timeout * 1000)}",
        )
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        options.setdefault("init_command", SQLITE_INIT)
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", SQLITE_BUSY_TIMEOUT_SECONDS)
    return config
