"""Views that only read."""

from functools import wraps

from django.http import HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

READ_METHODS = ("GET", "HEAD")


def read_only(view):
    """GET and HEAD only; anything else gets 405 with Allow: GET, HEAD (in the site's
    layout: config.middleware.MethodPagesMiddleware). Exempt from the CSRF check: a
    page that changes nothing has nothing to protect, and a POST to it must get the
    405 that says so, not a CSRF failure."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            return HttpResponseNotAllowed(READ_METHODS)
        return view(request, *args, **kwargs)

    return wrapper
