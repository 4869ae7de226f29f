"""The version of each scope (portal/scopes.py) in the shared cache: read with the page in
one round trip, bumped by edits, and kept honest through cache outages.

A version is the time of the scope's last change in nanoseconds. A missing version (a
fresh or evicted cache) is created with the current time, which no stored page carries,
so losing a version can only cost renders, never serve a stale page.

Outages: a bump that cannot reach the cache records a PendingInvalidation in the
database, in the transaction of the change (so it exists exactly when the change does).
A process that has seen the cache fail applies the pending rows the moment the cache
answers again, before it serves anything from it: one bump of "global", which every page
depends on. Recording the scopes instead would save renders after a rare outage at the
price of resolving scopes while the cache is down; the global bump is the simpler safe
choice. Limit: a server that never lost the cache while another one did is told at its
next own outage or the next change, not at once. Why (a) record-and-apply and not (b)
confirm every cached page's version with the database: (b) costs a query on every hit
and makes cached pages wait for (or fail with) a database that hangs.
"""

import hashlib
import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction

from .scopes import GLOBAL

logger = logging.getLogger(__name__)

KEY_PREFIX = "scope-version:"


class _Outage:
    """Log a cache outage once when it starts and once when it ends, not per call, and
    remember that pending invalidations must be applied before the cache is used."""

    failing = False
    check_pending = False

    @classmethod
    def failed(cls, what):
        if not cls.failing:
            logger.error("Cache unreachable (%s); public pages are served uncached.", what)
        cls.failing = True

    @classmethod
    def succeeded(cls):
        if cls.failing:
            logger.warning("Cache reachable again.")
            cls.check_pending = True
        cls.failing = False


def _safely(operation, *args):
    """Run a cache operation; a cache outage must not take the pages down."""
    try:
        result = operation(*args)
    except Exception:  # noqa: BLE001 - every backend raises its own errors
        _Outage.failed(operation.__name__)
        return None
    _Outage.succeeded()
    return result


def version_key(name):
    # A name comes from a URL; one too long for a cache key (the database cache keeps
    # 255 characters) cannot name a real place, but must not break the cache either.
    if len(name) > 200:
        name = "hash:" + hashlib.sha256(name.encode()).hexdigest()
    return KEY_PREFIX + name


def fetch(names, *other_keys, create=True):
    """The versions of the scopes `names` (a tuple, in order) and the cache entries
    `other_keys`, in one round trip: (versions, {key: value}), or None when the cache
    cannot be reached. Missing versions are created (more round trips, rarely), or with
    create=False left as None for create_missing()."""
    keys = [version_key(name) for name in names]
    found = _safely(cache.get_many, [*keys, *other_keys])
    if found is not None and _Outage.check_pending:
        apply_pending_invalidations()
        found = _safely(cache.get_many, [*keys, *other_keys])
    if found is None:
        return None
    versions = tuple(found.get(key) for key in keys)
    if create and None in versions:
        versions = create_missing(names, versions, time.time_ns())
        if versions is None:
            return None
    return versions, found


def create_missing(names, versions, value):
    """`versions` with each missing one created as `value`, or None if another process
    created or bumped one first (then a page rendered before `value` may be stale). The
    page cache creates them only for a page that rendered (200), so a request for a place
    that does not exist leaves no key behind."""
    created = list(versions)
    for index, name in enumerate(names):
        if created[index] is None:
            # add(): two processes that both find it missing agree on one value.
            if _safely(cache.add, version_key(name), value, None) is not True:
                return None
            created[index] = value
    return tuple(created)


def versions_of(names):
    """The versions of the scopes `names`, or None when the cache cannot be reached."""
    found = fetch(tuple(names))
    return None if found is None else found[0]


def _write(names):
    # In a savepoint: with the database as cache, a failing write must not abort the
    # transaction of the save that triggered it.
    now = time.time_ns()
    with transaction.atomic():
        cache.set_many({version_key(name): now for name in names}, None)


def bump_or_record(names):
    """Bump the scopes `names`; when the cache cannot be reached, record the change in
    the database (in the current transaction, if any) to apply when it returns."""
    try:
        _write(names)
    except Exception:  # noqa: BLE001 - every backend raises its own errors
        _Outage.failed("set")
        from .models import PendingInvalidation

        PendingInvalidation.objects.create()
        return
    _Outage.succeeded()


def apply_pending_invalidations():
    """Bump "global" once for the changes saved while the cache was unreachable. Runs
    before a process serves from the cache after an outage; a database that cannot be
    asked leaves the check for the next request."""
    from .models import PendingInvalidation

    try:
        last = PendingInvalidation.objects.order_by("-pk").values_list("pk", flat=True).first()
        if last is not None:
            _write([GLOBAL])
            PendingInvalidation.objects.filter(pk__lte=last).delete()
            logger.warning("Applied the cache invalidations saved during the outage.")
    except DatabaseError:
        return
    except Exception:  # noqa: BLE001 - the cache failed again: still pending
        _Outage.failed("set")
        return
    _Outage.check_pending = False


class AfterCommit:
    """The scopes one transaction touched, bumped once more when it commits: a page
    another process rendered from the old rows between the immediate bump and the commit
    must not survive. One bump per transaction, not one per saved row. `memo` keeps the
    transaction's scope look-ups (portal.scopes.edit_scopes)."""

    def __init__(self):
        self.names = set()
        self.memo = {}

    def __call__(self):
        bump_or_record(self.names)


def current_transaction_batch():
    """The AfterCommit of the transaction in progress (registered on first use), or None
    outside a transaction, where the immediate bump is the only one needed."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    # run_on_commit holds (savepoint ids, callback, robust) for this transaction.
    for entry in connection.run_on_commit:
        if isinstance(entry[1], AfterCommit):
            return entry[1]
    batch = AfterCommit()
    transaction.on_commit(batch)
    return batch
