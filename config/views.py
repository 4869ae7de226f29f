"""Operational endpoints for load balancers and orchestrators, and the admin's 404 and 403."""

from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches neither database nor cache."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: the database and the cache answer; 503 when either does not."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        checks["database"] = "fel"
    try:
        cache.set("readyz", "1", 5)
        checks["cache"] = "ok" if cache.get("readyz") == "1" else "fel"
    except Exception:  # noqa: BLE001
        checks["cache"] = "fel"
    ready = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "fel", **checks}, status=200 if ready else 503
    )


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
