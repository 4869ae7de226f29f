"""Public pages: start, county, municipality, promise period, agreement, police area,
search and the explainer. Every view starts from a published queryset; the queries
live in the querysets and each page runs a fixed number of them."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import timezone
from django.views.decorators.csrf import requires_csrf_token

from core.preview import mark_preview
from followup.models import FollowUpReport
from followup.progress import progress_table, with_progress_counts
from municipalities.models import County, LocalPoliceArea, Municipality
from municipalities.reference import REFERENCE_DATA_REVISED_ON
from promises.models import CooperationAgreement, PromisePeriod, period_content_prefetches
from search.forms import SearchForm
from search.pages import search_page

# The date the explainer texts on the about page were last revised.
ABOUT_REVISED_ON = datetime.date(2026, 11, 21)
LATEST_REPORTS_ON_HOME = 6


def _comparable(value):
    # A date counts as the start of its day, so dates and datetimes compare.
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))


def newest(*dates):
    """The latest of the given dates or datetimes, ignoring missing ones."""
    present = [d for d in dates if d]
    return max(present, key=_comparable) if present else None


# Swedish alphabetical order puts å, ä, ö last, in that order; code points put ä first.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_key(obj):
    """Sort key for names in Swedish alphabetical order."""
    return str(getattr(obj, "name", obj)).lower().translate(_SWEDISH_ORDER)


def with_promise_flag(municipalities):
    """Annotate `has_promise`: the municipality has at least one published period."""
    published = PromisePeriod.objects.public().filter(municipality=OuterRef("pk"))
    return municipalities.annotate(has_promise=Exists(published)).order_by("name")


def about(request):
    return render(request, "portal/about.html", {"last_updated": ABOUT_REVISED_ON})


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
        FollowUpReport.objects.public()
        .saying_something()
        .with_place()
        .newest_first()[:LATEST_REPORTS_ON_HOME]
    )
    newest_period = PromisePeriod.objects.public().order_by("-updated_at").first()
    return render(
        request,
        "portal/home.html",
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
        PromisePeriod.objects.public()
        .filter(municipality__county=county)
        .select_related("municipality")
        .order_by("municipality__name", "-starts_on")
    )
    return render(
        request,
        "portal/county.html",
        {
            "county": county,
            "municipalities": municipalities,
            "with_promise": [m for m in municipalities if m.has_promise],
            "periods": periods,
            # The county's list of municipalities is reference data.
            "last_updated": newest(REFERENCE_DATA_REVISED_ON, *(p.updated_at for p in periods)),
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
        PromisePeriod.objects.public()
        .filter(municipality__in=municipalities)
        .select_related("municipality", "police_area")
        .newest_first()
    )
    by_municipality = {m.pk: [] for m in municipalities}
    for period in periods:
        by_municipality[period.municipality_id].append(period)
    return render(
        request,
        "portal/police_area.html",
        {
            "area": area,
            "served": [(m, by_municipality[m.pk]) for m in municipalities],
            "last_updated": newest(REFERENCE_DATA_REVISED_ON, *(p.updated_at for p in periods)),
        },
    )


def municipality(request, slug):
    municipality = get_object_or_404(Municipality.objects.with_county(), slug=slug)
    periods = list(
        with_progress_counts(
            PromisePeriod.objects.public().for_municipality(municipality).with_place()
        )
    )
    # An announced period is only its announcement, never listed as a promise.
    announcements = list(
        PromisePeriod.objects.announcements()
        .for_municipality(municipality)
        .only("announcement", "updated_at")
    )
    today = timezone.localdate()
    featured = PromisePeriod.featured_among(periods, today)
    if featured:
        prefetch_related_objects([featured], *period_content_prefetches(), "signatories")
    reports = list(
        FollowUpReport.objects.public()
        .for_municipality(municipality)
        .select_related("period__municipality")
        .newest_first()
    )
    agreements = list(
        CooperationAgreement.objects.public().for_municipality(municipality).with_place()
    )
    areas = list(
        municipality.local_police_areas.order_by("name").prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
    )
    context = {
        "municipality": municipality,
        "announcements": announcements,
        "compared": periods,
        "featured": featured,
        "featured_state": featured and featured.state_on(today),
        "later": [p for p in periods if featured and p.starts_on > featured.starts_on],
        "earlier": [p for p in periods if not featured or p.starts_on < featured.starts_on],
        "reports": reports,
        "agreements": agreements,
        "areas": areas,
        # The police areas and the county shown are reference data.
        "last_updated": newest(
            REFERENCE_DATA_REVISED_ON,
            *(p.updated_at for p in periods),
            *(r.updated_at for r in reports),
            *(a.updated_at for a in agreements),
            *(a.updated_at for a in announcements),
        ),
    }
    if featured:
        context["sections"], context["general"] = featured.sections()
        context["featured_reports"] = [r for r in reports if r.period_id == featured.pk]
        context["earlier_reports"] = [r for r in reports if r.period_id != featured.pk]
    return render(request, "portal/municipality.html", context)


def period(request, municipality_slug, slug):
    period = get_object_or_404(
        PromisePeriod.objects.public().with_place(),
        municipality__slug=municipality_slug,
        slug=slug,
    )
    return period_response(request, period)


def period_response(request, period, *, preview=False):
    """The period page for one PromisePeriod. With preview=True (the admin's preview
    of a draft) it says so plainly and keeps the page out of caches and search engines.
    """
    prefetch_related_objects([period], *period_content_prefetches(), "signatories")
    reports = list(
        FollowUpReport.objects.public()
        .for_period(period)
        .select_related("period__municipality")
        .newest_first()
    )
    others = list(
        PromisePeriod.objects.public()
        .for_municipality(period.municipality_id)
        .exclude(pk=period.pk)
        .select_related("municipality")
    )
    progress = progress_table(period, reports)
    for activity in period.activities.all():
        activity.latest_status = None
    for _promise, rows in progress.groups:
        for row in rows:
            row.activity.latest_status = row.latest
    sections, general = period.sections()
    response = render(
        request,
        "portal/period.html",
        {
            "period": period,
            "municipality": period.municipality,
            "state": period.state_on(),
            "sections": sections,
            "general": general,
            "reports": reports,
            "others": others,
            "progress": progress,
            "preview": preview,
            "last_updated": newest(period.updated_at, *(r.updated_at for r in reports)),
        },
    )
    return mark_preview(response) if preview else response


def agreement(request, municipality_slug, pk):
    agreement = get_object_or_404(
        CooperationAgreement.objects.public().with_place().prefetch_related("signatories"),
        municipality__slug=municipality_slug,
        pk=pk,
    )
    return render(
        request,
        "portal/agreement.html",
        {
            "agreement": agreement,
            "municipality": agreement.municipality,
            "last_updated": agreement.updated_at,
        },
    )


def search(request):
    # The search app does the work (search/pages.py): form, query, results.
    return search_page(request, "portal/search.html")


@requires_csrf_token
def server_error(request):
    """The 500 page, rendered without context processors or database access: whatever
    broke may be the database itself."""
    template = loader.get_template("500.html")
    # The request only for its address (the language links, hreflang): nothing that
    # reads the session, the user or the database.
    context = {"SITE_NAME": settings.SITE_NAME, "request": request}
    return HttpResponseServerError(template.render(context))
