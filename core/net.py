"""Where a request comes from, behind zero or more trusted reverse proxies."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def is_trusted_proxy(address: str) -> bool:
    """Whether `address` is one of DJANGO_TRUSTED_PROXIES (addresses or networks)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The client's address. X-Forwarded-For is read only when the connection comes from
    a configured proxy (DJANGO_TRUSTED_PROXIES): with gunicorn reachable directly,
    anyone could send the header and pick an address per attempt, dodging the login
    throttle and the form flood limit. Behind DJANGO_PROXY_COUNT trusted proxies it is
    the entry that many places from the right: the left-hand entries are whatever the
    client chose to send."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    if not proxies or not is_trusted_proxy(remote):
        return remote
    forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [ip for ip in forwarded if ip]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote
