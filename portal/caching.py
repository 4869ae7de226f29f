"""Whole-page caching of the public pages, correct the moment content changes.

One "content version" in the shared cache stamps every cached page and every ETag.
Any save or delete of content bumps it (signals: the one side effect we allow in them),
so the next request on any server renders afresh. Promises change a few times a year
and are read all the time, so one version for all pages is both simple and cheap.
If the cache is unreachable the pages are served uncached, never broken.

A change saved while the cache is unreachable cannot bump the version, and when the
cache comes back it still holds pages stamped with the old one. Of the two ways out —
(a) record the invalidation in the database and apply it before serving from the cache
again, or (b) trust a cached page only with a version the database confirms — we chose
(a): (b) costs a query on every cached page and makes cached pages wait for (or fail
with) a database that hangs, while (a) costs nothing in the normal case. The failed bump
writes a PendingInvalidation row in the same transaction as the change (so it exists
exactly when the change does); a process that has seen the cache fail applies the
pending rows (bumps the version, deletes them) the moment the cache answers again,
before it serves anything from it. Limit: a server that never lost the cache while
another one did is told at its next own outage or the next change, not at once.
"""

import hashlib
import logging
import time
from functools import wraps

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from core.http import read_only

logger = logging.getLogger(__name__)

VERSION_KEY = "public-content-version"
PAGE_TTL = 60 * 60 * 24


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


def content_version():
    """The current version (nanoseconds since the epoch of the last change), or None
    when the cache cannot be reached."""
    return _safely(cache.get_or_set, VERSION_KEY, time.time_ns, None)


def _write_new_version():
    # In a savepoint: with the database as cache, a failing write must not abort the
    # transaction of the save that triggered it.
    with transaction.atomic():
        cache.set(VERSION_KEY, time.time_ns(), None)


def _bump_or_record():
    """Bump the version; when the cache cannot be reached, record the invalidation in
    the database (in the current transaction, if any) to apply when it returns."""
    try:
        _write_new_version()
    except Exception:  # noqa: BLE001 - every backend raises its own errors
        _Outage.failed("set")
        from .models import PendingInvalidation

        PendingInvalidation.objects.create()
        return
    _Outage.succeeded()


def _write_new_version_after_commit():
    _bump_or_record()


def apply_pending_invalidations():
    """Bump the version once for the changes saved while the cache was unreachable.
    Runs before a process serves from the cache after an outage; a database that cannot
    be asked leaves the check for the next request."""
    from .models import PendingInvalidation

    try:
        last = PendingInvalidation.objects.order_by("-pk").values_list("pk", flat=True).first()
        if last is not None:
            _write_new_version()
            PendingInvalidation.objects.filter(pk__lte=last).delete()
            logger.warning("Applied the cache invalidations saved during the outage.")
    except DatabaseError:
        return
    except Exception:  # noqa: BLE001 - the cache failed again: still pending
        _Outage.failed("set")
        return
    _Outage.check_pending = False


def bump_content_version(**kwargs):
    """Signal receiver: content changed, so every cached page and ETag is stale.

    The version changes at once (so reads on this connection are fresh) and, inside a
    transaction, once more when it commits: a page another process rendered from the
    old rows in between must not survive. One after-commit write per transaction, not
    one per saved row."""
    _bump_or_record()
    connection = transaction.get_connection()
    # run_on_commit holds (savepoint ids, callback, robust) for this transaction.
    pending = any(entry[1] is _write_new_version_after_commit for entry in connection.run_on_commit)
    if connection.in_atomic_block and not pending:
        transaction.on_commit(_write_new_version_after_commit)


def public_models():
    """Every model whose rows public pages show: those that declare a public() queryset
    (the same declaration the pages start from), so a new public model is covered
    without a list to keep."""
    return [m for m in apps.get_models() if callable(getattr(m._default_manager, "public", None))]


def invalidate_on_public_content_change():
    """Bump the content version whenever a row of a public model is saved or deleted, or
    a many-to-many relation of one changes."""
    for model in public_models():
        uid = f"bump-content-version-{model._meta.label_lower}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                bump_content_version,
                sender=field.remote_field.through,
                dispatch_uid=uid + field.name,
            )


def _public_headers(response, version):
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if version is not None:
        response["Last-Modified"] = http_date(version // 1_000_000_000)
    return response


def page_key_source(request, reads=()):
    """What a cached page is keyed on: the path and the values of the query parameters
    the page reads, nothing else. Any other query string (?utm_source=…, a cache
    buster) gets the same page from the same entry instead of a render and a copy each.
    The pages build absolute addresses from SITE_URL, never from the request's Host or
    query (templates/base.html, portal/sitemaps.py), so one entry is right for all."""
    read = [f"{name}={request.GET.get(name, '')}" for name in reads]
    return " ".join([request.path, *read])


def cached_public_page(view=None, *, reads=()):
    """Cache a public GET view whole, keyed on the path and the parameters in `reads`
    (page_key_source) and stamped with the content version, and answer conditional
    requests (ETag / Last-Modified) with 304."""
    if view is None:
        return lambda view: cached_public_page(view, reads=reads)

    @read_only
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # Today's date is part of the key: whether a period is in force changes at
        # midnight without any edit.
        today = timezone.localdate().isoformat()
        source = page_key_source(request, reads)
        path_hash = hashlib.sha256(f"{today} {source}".encode()).hexdigest()
        page_key = f"page:{path_hash}"
        # One round trip for both: the version and the stored page, which carries the
        # version it was rendered under.
        found = _safely(cache.get_many, [VERSION_KEY, page_key])
        if found is not None and _Outage.check_pending:
            apply_pending_invalidations()
            found = _safely(cache.get_many, [VERSION_KEY, page_key])
        version = found.get(VERSION_KEY) if found is not None else None
        if version is None and found is not None:
            version = content_version()
        if version is None:
            return _public_headers(view(request, *args, **kwargs), None)
        etag = f'"{version:x}-{path_hash[:12]}"'
        last_modified = version // 1_000_000_000
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return _public_headers(not_modified, version)
        stored = found.get(page_key)
        if stored is not None and stored[0] == version:
            response = HttpResponse(stored[1], content_type=stored[2])
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render"):  # a TemplateResponse, such as the sitemap
                    response.render()
                page = (version, response.content, response["Content-Type"])
                _safely(cache.set, page_key, page, PAGE_TTL)
        if response.status_code == 200:
            response["ETag"] = etag
            _public_headers(response, version)
        return response

    return wrapper
