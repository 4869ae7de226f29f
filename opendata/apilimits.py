"""What every API answer shares: JSON errors in Swedish and English, CORS open for
GET, and a rate limit per client address kept in the shared cache."""

import contextlib
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.http import JsonResponse

from core.net import client_ip
from core.throttle import client_key, count

WINDOW_SECONDS = 60

# pydantic error type -> (Swedish, English); {…} filled from the error's context.
_MESSAGES = {
    "int_parsing": ("måste vara ett heltal", "must be an integer"),
    "int_type": ("måste vara ett heltal", "must be an integer"),
    "date_from_datetime_parsing": (
        "måste vara ett datum, ÅÅÅÅ-MM-DD",
        "must be a date, YYYY-MM-DD",
    ),
    "date_parsing": ("måste vara ett datum, ÅÅÅÅ-MM-DD", "must be a date, YYYY-MM-DD"),
    "date_from_datetime_inexact": (
        "måste vara ett datum, ÅÅÅÅ-MM-DD",
        "must be a date, YYYY-MM-DD",
    ),
    "datetime_parsing": (
        "måste vara en tidpunkt enligt ISO 8601, till exempel 2026-11-21T10:00:00Z",
        "must be an ISO 8601 date-time, such as 2026-11-21T10:00:00Z",
    ),
    "datetime_from_date_parsing": (
        "måste vara en tidpunkt enligt ISO 8601, till exempel 2026-11-21T10:00:00Z",
        "must be an ISO 8601 date-time, such as 2026-11-21T10:00:00Z",
    ),
    "greater_than_equal": ("måste vara minst {ge}", "must be at least {ge}"),
    "less_than_equal": ("får vara högst {le}", "must be at most {le}"),
    "string_pattern_mismatch": (
        "har fel form (ska matcha {pattern})",
        "has the wrong form (must match {pattern})",
    ),
}


@dataclass
class ApiProblem:
    parameter: str | None
    message_sv: str
    message_en: str

    @classmethod
    def from_validation(cls, errors):
        """The first problem pydantic found, worded for people."""
        error = errors[0] if errors else {}
        location = error.get("loc") or ()
        # ('query', 'filters', 'limit') or ('query', 'limit') or ('path', 'id')
        parameter = str(location[-1]) if location else None
        sv, en = _MESSAGES.get(error.get("type"), ("har ett ogiltigt värde", "is not valid"))
        context = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
        with contextlib.suppress(KeyError, IndexError):
            sv, en = sv.format(**context), en.format(**context)
        name = parameter or "värdet"
        return cls(parameter, f"Parametern {name} {sv}.", f"The parameter {name} {en}.")


def with_cors(response):
    """Anyone's page may read the API with GET; nothing else is allowed."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(problem: ApiProblem, status: int, **headers):
    response = JsonResponse(
        {
            "parameter": problem.parameter,
            "message_sv": problem.message_sv,
            "message_en": problem.message_en,
        },
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return with_cors(response)


def over_limit(request) -> int | None:
    """Count this request (core.throttle: increment first, fail open); the seconds to
    wait when the address is over its limit."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    place = count(client_key("api-rl", client_ip(request), window), WINDOW_SECONDS)
    if place is not None and place > settings.OPENDATA_API_RATE_LIMIT_PER_MINUTE:
        return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))
    return None


def rate_limited(view):
    """Answer 429 with Retry-After when the client is over its limit; CORS on every answer."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        wait = over_limit(request)
        if wait is not None:
            problem = ApiProblem(
                None,
                f"För många anrop. Försök igen om {wait} sekunder.",
                f"Too many requests. Try again in {wait} seconds.",
            )
            return error_response(problem, 429, Retry_After=str(wait))
        return with_cors(view(request, *args, **kwargs))

    return wrapper
