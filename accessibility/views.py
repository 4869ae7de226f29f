"""The accessibility statement, the two request forms and their receipt."""

import logging

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import may_give_back
from core.net import client_ip

from . import ratelimit, services, tokens
from .forms import AlternativeFormatForm, BarrierReportForm, page_from_query
from .models import AccessibilityStatement, RequestKind
from .shortcomings import SHORTCOMINGS

logger = logging.getLogger(__name__)


@require_safe
def statement(request):
    statement = AccessibilityStatement.load()
    context = {
        "statement": statement,
        # One date: the statement's own "uppdaterades senast" is the page's last update.
        "last_updated": statement.reviewed_on,
        "shortcomings": SHORTCOMINGS,
        "organisation": {
            "name": settings.ORGANISATION_NAME,
            "phone": settings.ORGANISATION_PHONE,
            "postal_address": settings.ORGANISATION_POSTAL_ADDRESS,
        },
        "published_on": settings.SITE_PUBLISHED_ON,
    }
    return render(request, "accessibility/statement.html", context)


def _receipt_redirect(receipt):
    return redirect("accessibility:receipt", token=tokens.receipt_token(receipt))


def _request_form(request, form_class, template):
    # The statement is loaded only where it is used: a stored submission reads it in
    # submit_request(), so each request asks the database for it once.
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            ip = client_ip(request)
            if not ratelimit.take(ip):
                return too_many_requests(request, form=form)
            try:
                saved = services.submit_request(
                    form_data=form.request_data(),
                    quarantine_reason=form.quarantine_reason(),
                    form_token=request.POST.get("started", ""),
                )
            except Exception:
                ratelimit.give_back(ip)  # not stored: it must not count
                raise
            return _receipt_redirect(
                tokens.Receipt(reference=saved.reference, kind=saved.kind, due_on=saved.due_on)
            )
    else:
        form = form_class(
            initial={"page_url": page_from_query(request), "started": tokens.form_started_token()}
        )
    return render(request, template, {"form": form, "statement": AccessibilityStatement.load()})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_barrier(request):
    return _request_form(request, BarrierReportForm, "accessibility/report_barrier.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def alternative_format(request):
    return _request_form(request, AlternativeFormatForm, "accessibility/alternative_format.html")


@never_cache
@require_safe
def receipt(request, token):
    data = tokens.read_receipt_token(token)
    if data is None or data.kind not in RequestKind.values:
        raise Http404
    return render(
        request,
        "accessibility/receipt.html",
        {
            "receipt": data,
            "is_barrier": data.kind == RequestKind.BARRIER,
            "statement": AccessibilityStatement.load(),
        },
    )


def typed_fields(form):
    """(label, text) of every field the person filled in, for a page that refuses the
    form: the choice's label for a choice, nothing core.forms.may_give_back() denies."""
    typed = []
    for field in form:
        value = form.data.get(form.add_prefix(field.name), "")
        if not may_give_back(field.name) or not value.strip() or value == "on":
            continue
        choices = dict(getattr(field.field, "choices", ()))
        typed.append((field.label, str(choices.get(value, value))))
    return typed


def too_many_requests(request, *, form):
    """429 in the site's layout: every field the person typed is shown back, so nothing
    is lost."""
    retry_after = ratelimit.retry_after_seconds()
    response = render(
        request,
        "429.html",
        {
            "retry_after_minutes": max(1, round(retry_after / 60)),
            "typed": typed_fields(form),
            "statement": AccessibilityStatement.load(),
            "back_url": request.path,
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response
