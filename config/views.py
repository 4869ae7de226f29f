"""Operational endpoints for load balancers and orchestrators, and the admin's 404 and 403."""

import sys

from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache

from core.forms import given_back
from portal.views import server_error as portal_server_error

from .middleware import DATABASE_ERRORS, database_unavailable


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches neither database nor cache."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: the database and the cache answer; 503 when either does not."""
    checks = {}
    # An answer within 3 s either way: connecting gives up after DATABASE_CONNECT_TIMEOUT
    # (2 s), a wait on an open connection after half a second here (core/postgres/base.py), and
    # Redis after its socket timeouts.
    previous, connection.wait_seconds = getattr(connection, "wait_seconds", None), 0.5
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        checks["database"] = "fel"
    finally:
        connection.wait_seconds = previous
    try:
        cache.set("readyz", "1", 5)
        checks["cache"] = "ok" if cache.get("readyz") == "1" else "fel"
    except Exception:  # noqa: BLE001
        checks["cache"] = "fel"
    ready = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "fel", **checks}, status=200 if ready else 503
    )


def server_error(request):
    """The 500 handler. A database error raised outside a view (in a middleware, such
    as the session or user lookup) still gets the 503 page, not a 500."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return portal_server_error(request)


def csrf_failure(request, reason=""):
    """A failed CSRF check (often: the browser blocks cookies) in the site's layout,
    saying why, with what the person wrote given back (core.forms.given_back)."""
    submitted = given_back(request.POST) if request.method == "POST" else []
    return render(request, "403.html", {"csrf_failure": True, "submitted": submitted}, status=403)


# --- errors inside the admin ------------------------------------------------------------
def _in_admin(request):
    user = getattr(request, "user", None)
    return (
        request.path.startswith(reverse("admin:index"))
        and user is not None
        and user.is_active
        and user.is_staff
    )


def _admin_error(request, status):
    """The admin's layout, in Swedish, with the same words for "not yours" and "not
    there", so an address never tells whether another municipality's object exists."""
    context = {**admin.site.each_context(request), "title": "Ingen behörighet"}
    return render(request, "admin/no_access.html", context, status=status)


def page_not_found(request, exception):
    if _in_admin(request):
        return _admin_error(request, 404)
    return defaults.page_not_found(request, exception)


def permission_denied(request, exception):
    if _in_admin(request):
        return _admin_error(request, 403)
    return defaults.permission_denied(request, exception)
