"""The printable promise card: one A4 page per period for citizen dialogues and notice
boards, with a QR code (inline SVG made on the server with segno) that leads to the
period's page."""

import re

import segno
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.content import find_passage, page_language
from promises.models import PromisePeriod, period_content_prefetches

from .views import newest


def period_address(period):
    """The period page's absolute address. From SITE_URL, not the request's host, so the
    cached card is the same whoever asked for it first."""
    return f"{settings.SITE_URL}{period.get_absolute_url()}"


def qr_svg(address, label):
    """The QR code of `address` as inline SVG. segno writes presentation attributes
    (stroke="#000"), never a style attribute, so the strict CSP holds; we name it for
    screen readers and check that nothing styled slipped in."""
    svg = segno.make(address, error="m").svg_inline(
        scale=4, border=4, title=label, svgclass="qr-code", lineclass="qr-code__modules"
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    if re.search(r"\sstyle=", svg):  # pragma: no cover - a guard for a segno upgrade
        raise ValueError("segno emitted a style attribute, which the CSP would block")
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the label is escaped


def _qr_label(period):
    title = find_passage(period, "title", page_language()).text
    return _("QR-kod till {title} i {municipality}").format(
        title=title, municipality=period.municipality.name
    )


def period_card(request, municipality_slug, slug):
    period = get_object_or_404(
        PromisePeriod.objects.public().with_place(),
        municipality__slug=municipality_slug,
        slug=slug,
    )
    prefetch_related_objects([period], *period_content_prefetches(), "signatories")
    sections, general = period.sections(with_goals=False)
    address = period_address(period)
    return render(
        request,
        "portal/period_card.html",
        {
            "period": period,
            "state": period.state_on(),
            "municipality": period.municipality,
            "sections": sections,
            "general": general,
            "address": address,
            "qr": qr_svg(address, _qr_label(period)),
            "last_updated": newest(period.updated_at),
        },
    )
