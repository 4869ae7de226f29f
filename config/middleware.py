"""Project middleware: extra security headers, the absolute session timeout, and the
503 page when the database cannot be reached."""

from django.conf import settings
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from core.forms import given_back
from core.sessions import LOGIN_STARTED_KEY

DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(request):
    """The 503 page in the site's layout with Retry-After, rendered without the database.
    A form submission gets back what the person wrote (core.forms.given_back decides
    which fields: never passwords, tokens or trap fields)."""
    submitted = given_back(request.POST) if request.method == "POST" else []
    session = getattr(request, "session", None)
    if session is not None and not hasattr(session, "_session_cache"):
        # The session could not be loaded. An empty one in its place keeps
        # SessionMiddleware from asking the database again while it answers (it reads
        # the expiry; on a 5xx it saves nothing, so the coordinator stays logged in).
        session._session_cache = {}
    html = render_to_string("503.html", {"submitted": submitted}, request=request)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


class SecurityHeadersMiddleware:
    """Response headers Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault(
            "Permissions-Policy", "camera=(), geolocation=(), microphone=(), interest-cohort=()"
        )
        return response


class AbsoluteSessionTimeoutMiddleware:
    """Log a user out a fixed time after login, however active they are.

    Django's own expiry (SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST) is the idle
    timeout; this adds the absolute one that OWASP asks of an admin.
    """

    session_key = LOGIN_STARTED_KEY

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, no login to end. Asking for the user would mark the empty
            # session read, and every public page "Vary: Cookie": uncacheable.
            return self.get_response(request)
        user = getattr(request, "user", None)
        try:
            # Reading the user loads the session and the user from the database; this
            # runs outside the view, where DatabaseUnavailableMiddleware cannot catch.
            authenticated = user is not None and user.is_authenticated
        except DATABASE_ERRORS:
            return database_unavailable(request)
        if authenticated:
            now = timezone.now().timestamp()
            started = request.session.setdefault(self.session_key, now)
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer 503 in the site's layout with
    Retry-After, instead of a stack trace or a bare 500. A form submission gets its own
    text shown back, so nothing the person wrote is lost. Errors raised by other
    middleware reach the 500 handler instead, which answers the same page
    (config.views.server_error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        return database_unavailable(request)


class MethodPagesMiddleware:
    """Methods the site does not serve get a Swedish page in the layout: TRACE and
    CONNECT are refused before any view (a TRACE must never echo a page), and a 405
    that a view answered with an empty body (Django's require_http_methods) gets the
    405 page, keeping its Allow header."""

    refused = {"TRACE", "CONNECT"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.refused:
            return self.not_allowed(request, "GET, HEAD")
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            return self.not_allowed(request, response.get("Allow", "GET, HEAD"))
        return response

    @staticmethod
    def not_allowed(request, allow):
        response = HttpResponse(render_to_string("405.html", request=request), status=405)
        response["Allow"] = allow
        return response
