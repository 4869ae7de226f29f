"""Deployment checks on addresses: under DJANGO_SECURE, e-mails and feeds must not link
to this machine or come from (or go to) @localhost."""

import ipaddress
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_HOSTS = {"localhost", "localhost.localdomain"}


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register(Tags.security, deploy=True)
def addresses_are_public(app_configs=None, **kwargs):
    if not getattr(settings, "SECURE", False):
        return []
    errors = []
    host = urlsplit(settings.SITE_URL).hostname or ""
    if _is_loopback(host):
        errors.append(
            Error(
                f"SITE_URL ({settings.SITE_URL}) pekar på den här datorn: länkar i e-post "
                "och flöden skulle gå till localhost.",
                hint="Sätt SITE_URL till webbplatsens publika adress, t.ex. "
                "https://medborgarloften.example.se.",
                id="core.E001",
            )
        )
    addresses = {
        "DEFAULT_FROM_EMAIL": [settings.DEFAULT_FROM_EMAIL],
        "SERVER_EMAIL": [settings.SERVER_EMAIL],
        "ACCESSIBILITY_EDITOR_EMAILS": list(getattr(settings, "ACCESSIBILITY_EDITOR_EMAILS", [])),
        "ADMINS": [email for _, email in getattr(settings, "ADMINS", [])],
    }
    for name, values in addresses.items():
        local = [v for v in values if _is_loopback(parseaddr(v)[1].rpartition("@")[2])]
        if local:
            errors.append(
                Error(
                    f"{name} innehåller en adress på localhost ({', '.join(local)}).",
                    hint=f"Sätt {name} till riktiga adresser.",
                    id="core.E002",
                )
            )
    return errors
