"""Session expiry while typing: an admin form sent after the idle or absolute timeout is
kept server-side for a short time, tied to the user who was logged in, and given back
after they log in again, instead of a redirect to the login page that loses the text.

Who was logged in is proven by a signed, HttpOnly, SameSite=Lax cookie set at login (a
cross-site form cannot send it). The form is kept in the shared cache for
KEPT_POST_SECONDS; after logging in, /admin/aterstall/<nyckel>/ shows what was typed and
sends it again to where it was going with one button. Nothing is saved without that
click, so a follow-up that changed meanwhile meets its conflict check (followup/conflicts.py).
If the cache cannot keep it, or nobody can be proven, the text is shown on the page.
"""

import secrets

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from core.forms import given_back, may_give_back

MARKER = "mbl_last_user"
SALT = "config.kept_posts"


def remember_user(sender, request, user, **kwargs):
    """At login: remember (signed) who is logged in on this browser."""
    request.kept_posts_user = user.pk


user_logged_in.connect(remember_user, dispatch_uid="kept-posts-remember-user")


def _set_marker(request, response):
    pk = getattr(request, "kept_posts_user", None)
    if pk is not None:
        response.set_cookie(
            MARKER,
            signing.dumps(pk, salt=SALT),
            max_age=settings.SESSION_ABSOLUTE_SECONDS * 2,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def _proven_user(request):
    try:
        return signing.loads(
            request.COOKIES.get(MARKER, ""),
            salt=SALT,
            max_age=settings.SESSION_ABSOLUTE_SECONDS * 2,
        )
    except signing.BadSignature:
        return None


def _is_kept_post(request):
    admin = reverse("admin:index")
    return (
        request.method == "POST"
        and request.path.startswith(admin)
        and request.path not in (reverse("admin:login"), reverse("admin:logout"))
        and MARKER in request.COOKIES
        and not request.user.is_authenticated
    )


class KeepExpiredPostMiddleware:
    """After AbsoluteSessionTimeoutMiddleware: it sees the user as the view would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_kept_post(request):
            return self.keep(request)
        return _set_marker(request, self.get_response(request))

    def keep(self, request):
        owner = _proven_user(request)
        token = secrets.token_urlsafe(16)
        data = [
            (name, value)
            for name, values in request.POST.lists()
            for value in values
            if name != "csrfmiddlewaretoken"
        ]
        kept = False
        if owner is not None:
            try:
                cache.set(
                    f"kept-post:{token}", (owner, request.path, data), settings.KEPT_POST_SECONDS
                )
                kept = True
            except Exception:  # noqa: BLE001 - no cache: the text is shown below instead
                kept = False
        restore = reverse("kept-post", args=[token])
        login = reverse("admin:login") + "?" + urlencode({"next": restore})
        context = {
            "kept": kept,
            "login_url": login if kept else reverse("admin:login"),
            "minutes": settings.KEPT_POST_SECONDS // 60,
            "submitted": given_back(request.POST),
        }
        return render(request, "admin/kept_post.html", context, status=401)


def restore(request, token):
    """The kept form, for the user it belongs to, with one button to send it again."""
    found = cache.get(f"kept-post:{token}")
    if found is None:
        raise Http404
    owner, path, data = found
    if owner != request.user.pk:
        raise PermissionDenied
    shown = [value for name, value in data if may_give_back(name) and value.strip()]
    return render(
        request,
        "admin/kept_post_restore.html",
        {"action": path, "data": data, "shown": shown, "title": "Dina osparade ändringar"},
    )
