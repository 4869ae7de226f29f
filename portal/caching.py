"""Whole-page caching of the public pages, correct the moment content changes, and
invalidated only where an edit shows.

How the pieces fit:
- A public view is marked cacheable where its URL is routed: `cached_public_page(view,
  reads=..., scope=...)`. `reads` names the query parameters the page reads (its cache
  key is the path, those values and today's date); `scope` says which part of the site
  the page shows (a rule of portal/scopes.py applied to the URL's arguments; the whole
  country when not given). Views that stream (open-data files) declare only their scope
  with `page_scope(view, scope)`, for their validators (opendata/conditional.py).
- portal/page_cache.py serves a cached page before sessions, authentication, CSRF and
  the rest of the middleware run, with the headers the whole stack gave it when it was
  rendered, and answers revalidation with 304.
- portal/versions.py keeps one version per scope in the shared cache. A stored page
  carries the versions it was rendered under; it is served only while they are current,
  and its ETag is built from them, so both change exactly when one of its scopes does.
- Here: the signals. Every save or delete of a row that public pages show bumps the
  scopes the row belongs to (portal.scopes.edit_scopes), at once (so reads on this
  connection and on every server are fresh) and once more after the transaction commits
  (a page another process rendered from the old rows in between must not survive).
  Content rows are found by their `scope_path` to their municipality (the declaration
  the coordinator scope reads, municipalities/scope.py); every other public model is
  reference data and bumps "global". A row moved to another municipality or police area
  bumps the old owner too (read before the save).

If the cache is unreachable the pages are served uncached, never broken, and a change
saved meanwhile is applied when the cache returns (portal/versions.py says how).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpRequest

from core.http import read_only
from municipalities.scope import scope_path, scoped_models

from . import scopes
from .versions import (  # noqa: F401 - _Outage: the tests reset it between tests
    _Outage,
    bump_or_record,
    current_transaction_batch,
    versions_of,
)


# --- what a page declares ----------------------------------------------------------------
@dataclass(frozen=True)
class CacheRule:
    reads: tuple = ()
    scope: scopes.PageScope = scopes.NATIONAL_PAGE
    # Asked before a stored page is served: False sends the request through the whole
    # stack to the view instead (search's limit per address counts cached answers too).
    admit: Callable[[HttpRequest], bool] | None = None


def cached_public_page(view=None, *, reads=(), scope=scopes.NATIONAL_PAGE, admit=None):
    """Mark a public GET view as cached whole (portal/page_cache.py serves it), keyed on
    the path and the parameters in `reads` and invalidated by edits in `scope`. The page
    must be the same for every visitor: it may not read the session, the user or cookies.
    `admit(request)`, if given, runs before a stored page is served (see CacheRule)."""
    if view is None:
        return lambda view: cached_public_page(view, reads=reads, scope=scope, admit=admit)
    wrapper = read_only(view)
    wrapper.page_cache = CacheRule(tuple(reads), scope, admit)
    wrapper.page_scope = scope
    return wrapper


def page_scope(view, scope):
    """Declare the scope of a view that is not cached whole but answers revalidation
    from the scope versions (the streamed open-data files)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.page_scope = scope
    return wrapper


def request_scope(request):
    """The scopes (global first) of the page being answered, from its URL's declaration;
    the whole country for a view that declares none."""
    match = getattr(request, "resolver_match", None)
    scope = getattr(match.func, "page_scope", None) if match else None
    return (scope or scopes.NATIONAL_PAGE).names(match.kwargs if match else {})


def etag_for(versions, path_hash):
    """An ETag that changes exactly when one of the page's scope versions does."""
    stamp = hashlib.sha256(".".join(f"{v:x}" for v in versions).encode()).hexdigest()
    return f'"{stamp[:16]}-{path_hash[:12]}"'


def last_modified_for(versions):
    return max(versions) // 1_000_000_000


# --- what an edit invalidates ------------------------------------------------------------
def public_models():
    """Every model whose rows public pages show: those that declare a public() queryset
    (the same declaration the pages start from), so a new public model is covered
    without a list to keep."""
    return [m for m in apps.get_models() if callable(getattr(m._default_manager, "public", None))]


def invalidating_models():
    """The public models plus every scoped model (content a coordinator edits, such as
    the signatories a period page lists)."""
    return list(dict.fromkeys([*public_models(), *scoped_models()]))


def _owner_now(instance, memo):
    """(municipality id, police area id) of a content row as it is now, reading the
    relations already loaded on it and querying (once per parent row and transaction)
    only for the rest of the path."""
    obj = instance
    parts = [p for p in scope_path(type(instance)).split("__") if p]
    for index, name in enumerate(parts):
        field = obj._meta.get_field(name)
        if field.is_cached(obj):
            obj = getattr(obj, name)
            continue
        parent_id = getattr(obj, field.attname)
        key = (field.related_model._meta.label, parent_id)
        if key not in memo:
            rest = "".join(f"{p}__" for p in parts[index + 1 :])
            memo[key] = (
                field.related_model._base_manager.filter(pk=parent_id)
                .values_list(f"{rest}municipality_id", f"{rest}police_area_id")
                .first()
            )
        return memo[key]
    return obj.municipality_id, obj.police_area_id


def _owner_stored(instance):
    """(municipality id, police area id) of the row as stored, before this save."""
    model = type(instance)
    path = scope_path(model)
    return (
        model._base_manager.filter(pk=instance.pk)
        .values_list(f"{path}municipality_id", f"{path}police_area_id")
        .first()
    )


def _bump(names, batch):
    bump_or_record(names)
    if batch is not None:
        batch.names |= names


def remember_stored_owner(sender, instance, raw=False, **kwargs):
    """pre_save: read where an existing content row belongs before it is saved, so a
    row moved to another municipality or police area also invalidates the old one."""
    if raw or instance._state.adding or instance.pk is None:
        return
    instance._page_scope_owner_before = _owner_stored(instance)


def content_changed(sender, instance, **kwargs):
    """post_save / post_delete of a content row: bump its municipality's scopes."""
    if kwargs.get("raw"):
        # Fixtures load rows whose parents may not be there yet: invalidate everything.
        return reference_changed(sender)
    batch = current_transaction_batch()
    memo = batch.memo if batch is not None else {}
    owners = {instance.__dict__.pop("_page_scope_owner_before", None)}
    try:
        owners.add(_owner_now(instance, memo))
    except ObjectDoesNotExist:
        return reference_changed(sender)
    if None in owners and len(owners) == 1:
        return reference_changed(sender)  # no owner found: be safe
    owners.discard(None)
    _bump(scopes.edit_scopes(owners, memo), batch)


def reference_changed(sender, **kwargs):
    """Reference data changed (or a row whose place is unknown): every page is stale."""
    _bump({scopes.GLOBAL}, current_transaction_batch())


def relation_changed(sender, instance, action, **kwargs):
    """m2m_changed: a relation of a public row changed."""
    if not action.startswith("post_"):
        return
    if scope_path(type(instance)) is not None:
        content_changed(type(instance), instance)
    else:
        reference_changed(sender)


def invalidate_on_public_content_change():
    """Connect the receivers: content rows bump their scopes, reference rows bump global."""
    for model in invalidating_models():
        uid = f"page-scope-{model._meta.label_lower}"
        changed = content_changed if scope_path(model) is not None else reference_changed
        if scope_path(model) is not None:
            pre_save.connect(remember_stored_owner, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(changed, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                relation_changed, sender=field.remote_field.through, dispatch_uid=uid + field.name
            )
