"""Extending an admin session before it times out (WCAG 2.2.1): the warning's
"Förläng" button posts here (CSRF-protected). Any request to the admin would do, since
every request renews the idle timeout (SESSION_SAVE_EVERY_REQUEST); this one answers
quickly and says how long the session now lasts. The absolute limit is never extended."""

import time

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.sessions import LOGIN_STARTED_KEY


@never_cache
@require_POST
def extend_session(request):
    if not (request.user.is_authenticated and request.user.is_staff):
        return JsonResponse({"status": "utloggad"}, status=401)
    request.session.modified = True  # saved with a fresh expiry
    started = request.session.get(LOGIN_STARTED_KEY, time.time())
    absolute_left = settings.SESSION_ABSOLUTE_SECONDS - (time.time() - started)
    if "application/json" not in request.headers.get("Accept", ""):
        # Without JavaScript the button is an ordinary form: back to the page.
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
            target = reverse("admin:index")
        return HttpResponseRedirect(target)
    return JsonResponse(
        {
            "status": "ok",
            "idle_seconds": settings.SESSION_COOKIE_AGE,
            "absolute_seconds": max(int(absolute_left), 0),
        }
    )
