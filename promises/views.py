"""Public pages: start, county, municipality, promise period, agreement, police area,
search and the explainer. Every view starts from a published queryset; the queries
live in the querysets and each page runs a fixed number of them."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import timezone
from django.views.decorators.csrf import requires_csrf_token

from followup.models import FollowUpReport
from municipalities.models import County, LocalPoliceArea, Municipality
from search.forms import SearchForm
from search.pages import search_page

from .models import CooperationAgreement, PromisePeriod, period_content_prefetches

# The date the explainer texts on the about page were last revised.
ABOUT_REVISED_ON = datetime.date(2026, 11, 21)
LATEST_REPORTS_ON_HOME = 6


def newest(*dates):
    """The latest of the given dates or datetimes, ignoring missing ones."""
    present = [d for d in dates if d]
    return max(present) if present else None


# Swedish alphabetical order puts å, ä, ö last, in that order; code points put ä first.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_key(obj):
    """Sort key for names in Swedish alphabetical order."""
    return str(getattr(obj, "name", obj)).lower().translate(_SWEDISH_ORDER)


def with_promise_flag(municipalities):
    """Annotate `has_promise`: the municipality has at least one published period."""
    published = PromisePeriod.objects.published().filter(municipality=OuterRef("pk"))
    return municipalities.annotate(has_promise=Exists(published)).order_by("name")


@dataclass
class PromiseSection:
    """One promise with the goals and activities that belong to it."""

    promise: object
    goals: list = field(default_factory=list)
    activities: list = field(default_factory=list)


def period_sections(period):
    """Group a period's prefetched goals and activities under their promises; the ones
    without a promise apply to the whole period. Runs no queries."""
    sections = {p.pk: PromiseSection(p) for p in period.promises.all()}
    general = PromiseSection(None)
    for goal in period.goals.all():
        sections.get(goal.promise_id, general).goals.append(goal)
    for activity in period.activities.all():
        sections.get(activity.promise_id, general).activities.append(activity)
    return list(sections.values()), general


def period_state(period, today=None):
    """ "current", "upcoming" or "ended", from the period's dates."""
    today = today or timezone.localdate()
    if period.covers(today):
        return "current"
    return "upcoming" if period.starts_on > today else "ended"


def about(request):
    return render(request, "promises/about.html", {"last_updated": ABOUT_REVISED_ON})


def home(request):
    counties = sorted(
        County.objects.prefetch_related(
            Prefetch("municipalities", queryset=with_promise_flag(Municipality.objects.all()))
        ),
        key=swedish_key,
    )
    for each in counties:
        each.sorted_municipalities = sorted(each.municipalities.all(), key=swedish_key)
    latest_reports = list(
        FollowUpReport.objects.visible().with_place().newest_first()[:LATEST_REPORTS_ON_HOME]
    )
    newest_period = PromisePeriod.objects.published().order_by("-updated_at").first()
    return render(
        request,
        "promises/home.html",
        {
            "counties": counties,
            "with_promise": sorted(
                (m for c in counties for m in c.municipalities.all() if m.has_promise),
                key=swedish_key,
            ),
            "latest_reports": latest_reports,
            "form": SearchForm(counties=()),
            "last_updated": newest(
                newest_period and newest_period.updated_at,
                *(r.updated_at for r in latest_reports),
            ),
        },
    )


def county(request, slug):
    county = get_object_or_404(County.objects.select_related("police_region"), slug=slug)
    municipalities = sorted(with_promise_flag(county.municipalities.all()), key=swedish_key)
    periods = list(
        PromisePeriod.objects.published()
        .filter(municipality__county=county)
        .select_related("municipality")
        .order_by("municipality__name", "-starts_on")
    )
    return render(
        request,
        "promises/county.html",
        {
            "county": county,
            "municipalities": municipalities,
            "with_promise": [m for m in municipalities if m.has_promise],
            "periods": periods,
            "last_updated": newest(*(p.updated_at for p in periods)),
        },
    )


def police_area(request, slug):
    area = get_object_or_404(
        LocalPoliceArea.objects.select_related("police_region").prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.with_county())
        ),
        slug=slug,
    )
    municipalities = sorted(area.municipalities.all(), key=swedish_key)
    periods = list(
        PromisePeriod.objects.published()
        .filter(municipality__in=municipalities)
        .select_related("municipality", "police_area")
        .newest_first()
    )
    by_municipality = {m.pk: [] for m in municipalities}
    for period in periods:
        by_municipality[period.municipality_id].append(period)
    return render(
        request,
        "promises/police_area.html",
        {
            "area": area,
            "served": [(m, by_municipality[m.pk]) for m in municipalities],
            "last_updated": newest(*(p.updated_at for p in periods)),
        },
    )


def municipality(request, slug):
    municipality = get_object_or_404(Municipality.objects.with_county(), slug=slug)
    periods = list(PromisePeriod.objects.published().for_municipality(municipality).with_place())
    today = timezone.localdate()
    current = next((p for p in periods if p.covers(today)), None)
    featured = current or (periods[0] if periods else None)
    if featured:
        prefetch_related_objects([featured], *period_content_prefetches())
    reports = list(
        FollowUpReport.objects.visible()
        .for_municipality(municipality)
        .select_related("period__municipality")
        .newest_first()
    )
    agreements = list(
        CooperationAgreement.objects.published().for_municipality(municipality).with_place()
    )
    areas = list(
        municipality.local_police_areas.order_by("name").prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
    )
    context = {
        "municipality": municipality,
        "featured": featured,
        "featured_state": featured and period_state(featured, today),
        "later": [p for p in periods if featured and p.starts_on > featured.starts_on],
        "earlier": [p for p in periods if not featured or p.starts_on < featured.starts_on],
        "reports": reports,
        "agreements": agreements,
        "areas": areas,
        "last_updated": newest(
            *(p.updated_at for p in periods),
            *(r.updated_at for r in reports),
            *(a.updated_at for a in agreements),
        ),
    }
    if featured:
        context["sections"], context["general"] = period_sections(featured)
        context["featured_reports"] = [r for r in reports if r.period_id == featured.pk]
        context["earlier_reports"] = [r for r in reports if r.period_id != featured.pk]
    return render(request, "promises/municipality.html", context)


def period(request, municipality_slug, slug):
    period = get_object_or_404(
        PromisePeriod.objects.published().with_place(),
        municipality__slug=municipality_slug,
        slug=slug,
    )
    return period_response(request, period)


def period_response(request, period, *, preview=False):
    """The period page for one PromisePeriod. With preview=True (the admin's preview
    of a draft) it says so plainly and keeps the page out of caches and search engines.
    """
    prefetch_related_objects([period], *period_content_prefetches())
    reports = list(
        FollowUpReport.objects.published()
        .for_period(period)
        .select_related("period__municipality")
        .newest_first()
    )
    others = list(
        PromisePeriod.objects.published()
        .for_municipality(period.municipality_id)
        .exclude(pk=period.pk)
        .select_related("municipality")
    )
    sections, general = period_sections(period)
    response = render(
        request,
        "promises/period.html",
        {
            "period": period,
            "municipality": period.municipality,
            "state": period_state(period),
            "sections": sections,
            "general": general,
            "reports": reports,
            "others": others,
            "preview": preview,
            "last_updated": newest(period.updated_at, *(r.updated_at for r in reports)),
        },
    )
    return mark_preview(response) if preview else response


def mark_preview(response):
    """Keep a draft preview out of search engines and shared caches."""
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def agreement(request, municipality_slug, pk):
    agreement = get_object_or_404(
        CooperationAgreement.objects.published().with_place(),
        municipality__slug=municipality_slug,
        pk=pk,
    )
    return render(
        request,
        "promises/agreement.html",
        {
            "agreement": agreement,
            "municipality": agreement.municipality,
            "last_updated": agreement.updated_at,
        },
    )


def search(request):
    # The search app does the work (search/pages.py): limit, form, query, results.
    return search_page(request, "promises/search.html")


@requires_csrf_token
def server_error(request):
    """The 500 page, rendered without context processors or database access: whatever
    broke may be the database itself."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"SITE_NAME": settings.SITE_NAME}))
