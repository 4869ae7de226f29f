"""Project middleware: extra security headers, the absolute session timeout, and the
503 page when the database cannot be reached."""

from django.conf import settings
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from core.sessions import LOGIN_STARTED_KEY


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
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now().timestamp()
            started = request.session.setdefault(self.session_key, now)
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer 503 in the site's layout with
    Retry-After, instead of a stack trace or a bare 500. A form submission gets its own
    text shown back, so nothing the person wrote is lost."""

    # Technical form fields that mean nothing to the person who submitted.
    hidden_fields = {"csrfmiddlewaretoken", "started", "lamna_tomt"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        submitted = [
            value
            for name, value in request.POST.items()
            if name not in self.hidden_fields and value.strip()
        ]
        html = render_to_string("503.html", {"submitted": submitted}, request=request)
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
