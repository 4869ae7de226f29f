"""Subscribe, confirm, unsubscribe and manage: thin views over alerts.services.

None of these pages is cached (they are personal or answer a POST). The subscribe
view is CSRF-exempt because its form sits on cached public pages, where a per-visitor
token cannot be: a forged POST can at most cause a confirmation mail, which the
address's owner must act on, capped at three a day per address and by the shared rate
limit per client. The unsubscribe view is exempt because RFC 8058 has mail providers
POST to it without any token."""

import logging

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from accessibility import ratelimit
from accessibility import tokens as form_tokens
from accessibility.views import too_many_requests
from core.net import client_ip

from . import scopes, services, tokens
from .forms import SubscribeForm

logger = logging.getLogger(__name__)


def problem(request, *, title, message, status=400, scope=None):
    """A Swedish page saying what went wrong and what to do next."""
    return render(
        request,
        "alerts/problem.html",
        {"title": title, "message": message, "scope": scope},
        status=status,
    )


def _fresh_form(scope, email=""):
    return SubscribeForm(
        initial={
            "email": email,
            "omrade": scope.form_value,
            "started": form_tokens.form_started_token(),
        }
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        scope = scopes.from_form_value(request.GET.get("omrade", "land"))
        if scope is None:
            return _unknown_scope(request)
        return render(
            request, "alerts/subscribe.html", {"form": _fresh_form(scope), "scope": scope}
        )
    form = SubscribeForm(request.POST)
    if form.honeypot_filled():
        # Only an address would be kept, and nobody to ask about it: store nothing.
        logger.info("Honeypot filled on the subscription form; nothing stored.")
        return redirect("alerts:subscribed")
    if not form.is_valid():
        if "omrade" in form.errors:
            return _unknown_scope(request)
        scope = scopes.from_form_value(request.POST.get("omrade", ""))
        return render(request, "alerts/subscribe.html", {"form": form, "scope": scope})
    scope = form.cleaned_data["omrade"]
    if form.quarantine_reason():
        # Sent faster than a person types, or without the form's time stamp: ask once
        # more with a fresh form instead of mailing anyone. Never blocks a slow person.
        return render(
            request,
            "alerts/subscribe.html",
            {
                "form": _fresh_form(scope, form.cleaned_data["email"]),
                "scope": scope,
                "check_again": True,
            },
        )
    # Increment first, then decide (accessibility.ratelimit.take): the same atomic count
    # as the request forms, so concurrent subscriptions cannot slip past the limit.
    ip = client_ip(request)
    if not ratelimit.take(ip):
        return too_many_requests(request, form=form)
    services.subscribe(email=form.cleaned_data["email"], scope=scope)
    return redirect("alerts:subscribed")


def _unknown_scope(request):
    return problem(
        request,
        title=_("Området finns inte"),
        message=_(
            "Vi hittar inte det du ville följa. Gå till sidan för din kommun, ditt län "
            "eller ditt lokalpolisområde och använd formuläret under ”Följ” där."
        ),
    )


@never_cache
@require_GET
def subscribed(request):
    return render(request, "alerts/subscribed.html")


def _bad_link(request, check):
    if check is tokens.Check.EXPIRED:
        return problem(
            request,
            title=_("Länken har gått ut"),
            message=_(
                "Bekräftelselänken gäller i sju dagar. Be om en ny genom att fylla i "
                "din e-postadress under ”Följ” på sidan du vill följa."
            ),
        )
    return problem(
        request,
        title=_("Länken fungerar inte"),
        message=_(
            "Länken är ofullständig, ändrad eller gäller inte längre. Kopiera hela länken "
            "från e-postmeddelandet, eller be om en ny under ”Följ” på sidan du vill följa."
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    # GET only shows a button: link scanners in mail systems open links, people press.
    if request.method == "GET":
        check, _ = tokens.read_confirm_token(token)
        if check is not tokens.Check.OK:
            return _bad_link(request, check)
        return render(request, "alerts/confirm.html", {"token": token})
    result = services.confirm(token=token)
    if result.check is not tokens.Check.OK:
        return _bad_link(request, result.check)
    return render(
        request,
        "alerts/confirmed.html",
        {"scope": result.scope, "manage_url": result.manage_url},
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = services.subscriber_from_token(token)
    if subscriber is None:
        if tokens.read_subscriber_token(token) is None:
            return _bad_link(request, tokens.Check.INVALID)
        # A valid link whose address is already erased: it is already done.
        return render(request, "alerts/unsubscribed.html")
    if request.method == "GET":
        return render(request, "alerts/unsubscribe.html", {"token": token})
    services.unsubscribe(subscriber=subscriber)
    return render(request, "alerts/unsubscribed.html")


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = services.subscriber_from_token(token)
    if subscriber is None:
        return _bad_link(request, tokens.Check.INVALID)
    subscriptions = list(services.active_subscriptions(subscriber).order_by("scope_key"))
    found = scopes.from_keys(s.scope_key for s in subscriptions)
    rows = [(s, found.get(s.scope_key)) for s in subscriptions if s.scope_key in found]
    saved = False
    if request.method == "POST":
        keep = set(request.POST.getlist("behall"))
        services.unsubscribe(
            subscriber=subscriber,
            scope_keys=[s.scope_key for s, _ in rows if s.scope_key not in keep],
        )
        rows = [(s, scope) for s, scope in rows if s.scope_key in keep]
        saved = True
    return render(request, "alerts/manage.html", {"rows": rows, "token": token, "saved": saved})
