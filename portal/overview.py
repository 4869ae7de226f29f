"""Läget i landet: how many municipalities have a promise in force, and how many periods
in force have their last ended tertial followed up and published — for the country, per
county and per police region, with a tile map of the 21 counties. Three queries whatever
the data: municipalities with their county and region, the periods in force, and the
published reports for the last ended tertial."""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.models import FollowUpReport, tertial_span
from municipalities.models import Municipality
from municipalities.reference import REFERENCE_DATA_REVISED_ON
from promises.models import PromisePeriod

from .views import newest, swedish_key

# The tile map: (column, row) of each county by its code, north at the top, so each
# tile sits roughly where the county lies. Tiles are equal: the map shows figures, not
# areas.
TILES = {
    "25": (2, 0),
    "24": (2, 1),
    "23": (1, 2),
    "22": (2, 2),
    "20": (1, 3),
    "21": (2, 3),
    "17": (0, 4),
    "19": (1, 4),
    "03": (2, 4),
    "14": (0, 5),
    "18": (1, 5),
    "04": (2, 5),
    "01": (3, 5),
    "13": (0, 6),
    "06": (1, 6),
    "05": (2, 6),
    "09": (3, 6),
    "12": (0, 7),
    "07": (1, 7),
    "08": (2, 7),
    "10": (1, 8),
}
# What each tile says: the county's name as people say it, broken where a name is too
# long for one line of a tile (a code such as "22" tells a first-time visitor nothing).
TILE_NAMES = {
    "01": ("Stockholm",),
    "03": ("Uppsala",),
    "04": ("Söder-", "manland"),
    "05": ("Öster-", "götland"),
    "06": ("Jönköping",),
    "07": ("Kronoberg",),
    "08": ("Kalmar",),
    "09": ("Gotland",),
    "10": ("Blekinge",),
    "12": ("Skåne",),
    "13": ("Halland",),
    "14": ("Västra", "Götaland"),
    "17": ("Värmland",),
    "18": ("Örebro",),
    "19": ("Väst-", "manland"),
    "20": ("Dalarna",),
    "21": ("Gävleborg",),
    "22": ("Väster-", "norrland"),
    "23": ("Jämtland",),
    "24": ("Väster-", "botten"),
    "25": ("Norr-", "botten"),
}
NBSP_PERCENT = "\u00a0%"
TILE = 72  # px per tile, gaps included: 4 columns fill a 320 px phone at full size
SHADES = 5  # shade classes tile--0 … tile--4, by share of municipalities with a promise
# Where the lines of a tile sit (y from the tile's top): one or two name lines, then
# the share.
TILE_LINES = {1: (30, 54), 2: (23, 39, 58)}
# Where there is nothing to count, said in words for each kind of tally.
NONE_IN_FORCE = {
    "landet": gettext_lazy("Inga gällande löften i landet"),
    "länet": gettext_lazy("Inga gällande löften i länet"),
    "regionen": gettext_lazy("Inga gällande löften i regionen"),
}


def last_ended_tertial(day):
    """(year, tertial) of the newest tertial that ended before `day`."""
    for year, tertial in ((day.year, 3), (day.year, 2), (day.year, 1)):
        if tertial_span(year, tertial)[1] < day:
            return year, tertial
    return day.year - 1, 3


@dataclass
class Tally:
    """The figures for the country, one county or one police region."""

    name: str
    url: str = ""
    code: str = ""
    area: str = "landet"  # "i landet", "i länet", "i regionen": where the figures are
    municipalities: int = 0
    with_promise: int = 0
    current_periods: int = 0
    due: int = 0  # current periods in which the last ended tertial lies
    followed_up: int = 0  # … of which that tertial is followed up and published
    without_promise: list = field(default_factory=list)

    @property
    def not_due(self):
        return self.current_periods - self.due

    @property
    def share(self):
        return round(100 * self.with_promise / self.municipalities) if self.municipalities else 0

    @property
    def shade(self):
        return min(SHADES - 1, self.share * SHADES // 100) if self.with_promise else 0

    @property
    def followed_up_label(self):
        """How many of the periods due are followed up, in words when there are none:
        "0 av 0" says nothing to a person."""
        if self.due:
            return _("{done} av {due}").format(done=self.followed_up, due=self.due)
        if self.current_periods:
            return _("Inget att följa upp: löftena började gälla efter att tertialen började")
        return str(NONE_IN_FORCE[self.area])

    @property
    def share_label(self):
        """ "12 av 26 (46 %)": municipalities with a promise in force, of all."""
        label = _("{count} av {total} ({share} %)").format(
            count=self.with_promise, total=self.municipalities, share=self.share
        )
        return label.replace(" %", NBSP_PERCENT)  # the sign stays with its number

    @property
    def tile_lines(self):
        """(x, y, text, is_share) of each line on the county's tile."""
        names = TILE_NAMES[self.code]
        x = self.tile_x + TILE // 2
        ys = TILE_LINES[len(names)]
        lines = [(x, self.tile_y + y, name, False) for y, name in zip(ys, names, strict=False)]
        share = _("{share} %").format(share=self.share)
        return [*lines, (x, self.tile_y + ys[-1], share, True)]

    @property
    def has_tile(self):
        """Only the 21 real counties have a place on the map (the table lists all)."""
        return self.code in TILES

    @property
    def tile_x(self):
        return TILES[self.code][0] * TILE

    @property
    def tile_y(self):
        return TILES[self.code][1] * TILE


def overview(day):
    """The country's, counties' and regions' tallies on `day`, and the tertial asked for."""
    municipalities = list(Municipality.objects.select_related("county__police_region"))
    periods = list(
        PromisePeriod.objects.public().current(day).values("pk", "municipality_id", "starts_on")
    )
    year, tertial = last_ended_tertial(day)
    first_day, _last = tertial_span(year, tertial)
    # A period that began after the tertial had started is not yet due to report on it.
    due = {p["pk"] for p in periods if p["starts_on"] <= first_day}
    reported = set(
        FollowUpReport.objects.public()
        .filter(year=year, tertial=tertial, period_id__in=due)
        .values_list("period_id", flat=True)
    )
    periods_of = {}
    for p in periods:
        periods_of.setdefault(p["municipality_id"], []).append(p["pk"])

    country = Tally(_("Hela landet"))
    counties, regions = {}, {}
    for municipality in sorted(municipalities, key=swedish_key):
        county = municipality.county
        region = county.police_region
        tallies = (
            country,
            counties.setdefault(
                county.pk, Tally(county.name, county.get_absolute_url(), county.code, "länet")
            ),
            regions.setdefault(
                region.pk, Tally(_("Polisregion {name}").format(name=region.name), area="regionen")
            ),
        )
        own = periods_of.get(municipality.pk, [])
        for tally in tallies:
            tally.municipalities += 1
            tally.with_promise += bool(own)
            tally.current_periods += len(own)
            tally.due += sum(1 for pk in own if pk in due)
            tally.followed_up += sum(1 for pk in own if pk in reported)
            if not own:
                tally.without_promise.append(municipality)
    return {
        "country": country,
        "counties": sorted(counties.values(), key=swedish_key),
        "regions": sorted(regions.values(), key=swedish_key),
        "tertial": tertial,
        "tertial_year": year,
        "map_width": 4 * TILE,
        "map_height": 9 * TILE,
        "tile_size": TILE - 4,
    }


def country_overview(request):
    day = timezone.localdate()
    context = overview(day)
    newest_period = PromisePeriod.objects.public().order_by("-updated_at").first()
    newest_report = FollowUpReport.objects.public().order_by("-updated_at").first()
    context.update(
        day=day,
        last_updated=newest(
            REFERENCE_DATA_REVISED_ON,
            newest_period and newest_period.updated_at,
            newest_report and newest_report.updated_at,
        ),
    )
    return render(request, "portal/overview.html", context)
