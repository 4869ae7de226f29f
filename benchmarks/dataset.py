"""A synthetic data set at national scale, built with bulk inserts.

Texts mix a few thousand filler words with the domain's own (3 % of words), so a search
for "krogtillsyner" matches about as selectively as in real promises.

Per municipality: 10 two-year periods (2007–2026, the last in force), 4 promises with a
goal and 6 activities each, and a follow-up report per tertial with a status per
activity. At full size: 2 900 periods, 69 600 activities, 17 400 reports, 417 600 statuses.
"""

import datetime
import random

from django.db import transaction

from followup.models import ActivityStatus, ActivityStatusChoice, FollowUpReport
from municipalities.models import LocalPoliceArea, Municipality
from promises.models import Activity, Goal, Promise, PromisePeriod, ResponsibleParty

PERIODS = 10
PROMISES_PER_PERIOD = 4
ACTIVITIES_PER_PROMISE = 6
FIRST_YEAR = 2007
BATCH = 5000

DOMAIN_WORDS = (
    "trygghet krogtillsyner fotpatrullering nattvandring grannsamverkan belysning "
    "trygghetsvandring skolor ungdomar droghandel centrum stationsområdet trafikkontroller "
    "mopeder bedrägerier äldre medborgardialog lägesbild samverkan fältarbetare "
    "ordningsvakter kameraövervakning brottsförebyggande insatser torget parken"
).split()
SYLLABLES = "bo ka ri sta lin vä ne tor berg dal ås hem ing ar en sko mark ling vik by".split()
# Real texts draw on a large vocabulary; with only the domain words every word would
# match a third of all rows and search would be measured on an impossible worst case.
FILLER_WORDS = sorted(
    {a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "en", "ar", "na")}
)
DOMAIN_SHARE = 0.03
# Place names that occur in about a hundred documents at full scale: the search
# benchmark's rare words (benchmarks/search.py).
RARE_WORDS = "Sävstaskolan Öxnehagatorget Bergsjöskolan Rinkebystråket".split()
RARE_SHARE = 0.0001


def word(rng):
    draw = rng.random()
    if draw < RARE_SHARE:
        return rng.choice(RARE_WORDS)
    return rng.choice(DOMAIN_WORDS) if draw < DOMAIN_SHARE else rng.choice(FILLER_WORDS)


def sentence(rng, words=12):
    text = " ".join(word(rng) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def expected_counts(municipalities):
    periods = municipalities * PERIODS
    activities = periods * PROMISES_PER_PERIOD * ACTIVITIES_PER_PROMISE
    reports = periods * 6
    return {
        "periods": periods,
        "activities": activities,
        "reports": reports,
        "statuses": reports * PROMISES_PER_PERIOD * ACTIVITIES_PER_PROMISE,
    }


def is_built(municipalities):
    return PromisePeriod.objects.count() == expected_counts(municipalities)["periods"]


def police_area_for_each(municipalities):
    """Every municipality needs a police area; give the unserved ones one of their own."""
    areas = {}
    for area in LocalPoliceArea.objects.prefetch_related("municipalities"):
        for municipality in area.municipalities.all():
            areas.setdefault(municipality.pk, area)
    through = LocalPoliceArea.municipalities.through
    for municipality in municipalities:
        if municipality.pk not in areas:
            area = LocalPoliceArea.objects.create(
                name=f"Syntetiskt område {municipality.name} {municipality.code}",
                slug=f"syntetiskt-{municipality.code}",
                police_region=municipality.county.police_region,
            )
            through.objects.create(localpolicearea=area, municipality=municipality)
            areas[municipality.pk] = area
    return areas


@transaction.atomic
def build(scale=1.0, seed=2026):
    """Fill an empty database with the synthetic set for `scale` of the municipalities."""
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.with_county().order_by("code"))
    municipalities = municipalities[: max(1, round(len(municipalities) * scale))]
    if PromisePeriod.objects.exists():
        raise RuntimeError("The benchmark database already holds promises; rebuild it empty.")
    areas = police_area_for_each(municipalities)
    now = datetime.datetime.now(tz=datetime.UTC)

    periods = [
        PromisePeriod(
            municipality=m,
            police_area=areas[m.pk],
            slug=f"{year}-{year + 1}",
            title=f"Medborgarlöfte {year}–{year + 1}",
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year + 1, 12, 31),
            lead=sentence(rng, 25),
            situation=sentence(rng, 60),
            basis=sentence(rng, 30),
            expected_effect=sentence(rng, 20),
            status="published",
            published_at=now,
        )
        for m in municipalities
        for year in range(FIRST_YEAR, FIRST_YEAR + 2 * PERIODS, 2)
    ]
    PromisePeriod.objects.bulk_create(periods, batch_size=BATCH)

    promises = [
        Promise(period=p, order=i, title=sentence(rng, 8), description=sentence(rng, 30))
        for p in periods
        for i in range(PROMISES_PER_PERIOD)
    ]
    Promise.objects.bulk_create(promises, batch_size=BATCH)
    Goal.objects.bulk_create(
        [
            Goal(period=pr.period, promise=pr, order=0, text=sentence(rng, 15), deadline=None)
            for pr in promises
        ],
        batch_size=BATCH,
    )
    parties = [ResponsibleParty.POLICE, ResponsibleParty.MUNICIPALITY, ResponsibleParty.JOINT]
    activities = [
        Activity(
            period=pr.period,
            promise=pr,
            order=pr.order * ACTIVITIES_PER_PROMISE + i,
            text=sentence(rng, 18),
            responsible=rng.choice(parties),
        )
        for pr in promises
        for i in range(ACTIVITIES_PER_PROMISE)
    ]
    Activity.objects.bulk_create(activities, batch_size=BATCH)

    reports = [
        FollowUpReport(
            period=p,
            year=year,
            tertial=tertial,
            summary=sentence(rng, 40),
            status="published",
            published_at=now,
        )
        for p in periods
        for year in (p.starts_on.year, p.ends_on.year)
        for tertial in (1, 2, 3)
    ]
    FollowUpReport.objects.bulk_create(reports, batch_size=BATCH)

    activities_of = {}
    for activity in activities:
        activities_of.setdefault(activity.period_id, []).append(activity)
    choices = [c.value for c in ActivityStatusChoice]
    statuses = (
        ActivityStatus(report=r, activity=a, status=rng.choice(choices), comment=sentence(rng, 10))
        for r in reports
        for a in activities_of[r.period_id]
    )
    batch = []
    for status in statuses:
        batch.append(status)
        if len(batch) == BATCH:
            ActivityStatus.objects.bulk_create(batch)
            batch = []
    ActivityStatus.objects.bulk_create(batch)
    return expected_counts(len(municipalities))
