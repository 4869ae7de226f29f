"""Where a request comes from, behind zero or more trusted reverse proxies."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address. With DJANGO_PROXY_COUNT trusted proxies in front, it is the
    entry that many places from the right of X-Forwarded-For: the left-hand entries are
    whatever the client chose to send and must not be trusted (they would let anyone
    dodge the login throttle and the form flood limit)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [ip for ip in forwarded if ip]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote
