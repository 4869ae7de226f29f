"""Template tags for the admin templates ({% load admin_a11y %}): the error summary's
links and the session limits."""

import time

from django import template
from django.conf import settings

from core.admin_a11y import admin_error_links as _admin_error_links
from core.sessions import LOGIN_STARTED_KEY

register = template.Library()


@register.simple_tag
def admin_error_links(adminform, inline_admin_formsets=()):
    return _admin_error_links(adminform, inline_admin_formsets)


@register.simple_tag(takes_context=True)
def session_limits(context):
    """The idle and absolute limits, and how many seconds are left of the absolute
    one, for the login page's text and the warning before a timeout."""
    request = context.get("request")
    started = None
    if request is not None and hasattr(request, "session"):
        started = request.session.get(LOGIN_STARTED_KEY)
    absolute = settings.SESSION_ABSOLUTE_SECONDS
    absolute_left = absolute - (time.time() - started) if started else absolute
    return {
        "idle_seconds": settings.SESSION_COOKIE_AGE,
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "absolute_hours": absolute // 3600,
        "absolute_left": max(int(absolute_left), 0),
        "warn_seconds": settings.SESSION_WARNING_SECONDS,
    }
