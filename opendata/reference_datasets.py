"""The reference tables: police regions, counties, municipalities, local police areas and
which municipalities each area serves. Public by nature (all rows), but only public
fields: the police areas' editorial source notes are not published."""

from django.utils.translation import gettext_noop

from municipalities.models import County, LocalPoliceArea, Municipality, PoliceRegion

from . import shapes
from .columns import Column, Dataset, Filters

ID = shapes.row_id()


def _area_municipalities():
    return LocalPoliceArea.municipalities.through.objects.all()


REGIONS = Dataset(
    slug="polisregioner",
    title=gettext_noop("Polisregioner"),
    title_en="Police regions",
    description=gettext_noop("Polisens sju regioner."),
    description_en="The seven regions of the Swedish Police.",
    public=PoliceRegion.objects.all,
    columns=(
        ID,
        Column("slug", "string", gettext_noop("Kortnamn, används i webbadresser."), "syd"),
        Column("name", "string", gettext_noop("Regionens namn."), "Syd"),
    ),
    filters=Filters(
        municipality="counties__municipalities__code",
        county="counties__code",
        police_area="local_police_areas__slug",
        distinct=True,
    ),
)

COUNTIES = Dataset(
    slug="lan",
    title=gettext_noop("Län"),
    title_en="Counties",
    description=gettext_noop("Sveriges 21 län med SCB:s tvåsiffriga länskod."),
    description_en="Sweden's 21 counties with Statistics Sweden's two-digit code.",
    public=County.objects.all,
    columns=(
        ID,
        Column("code", "string", gettext_noop("Länskod enligt SCB (två siffror)."), "06"),
        Column("name", "string", gettext_noop("Länets namn."), "Jönköpings län"),
        shapes.police_region(),
        shapes.page_url(
            gettext_noop("Länets sida på webbplatsen."),
            "https://medborgarloften.example.se/lan/jonkopings-lan/",
            "portal:county",
            slug="slug",
        ),
    ),
    filters=Filters(
        municipality="municipalities__code",
        county="code",
        police_area="municipalities__local_police_areas__slug",
        distinct=True,
    ),
)

MUNICIPALITIES = Dataset(
    slug="kommuner",
    title=gettext_noop("Kommuner"),
    title_en="Municipalities",
    description=gettext_noop("Sveriges 290 kommuner med SCB:s fyrsiffriga kommunkod."),
    description_en="Sweden's 290 municipalities with Statistics Sweden's four-digit code.",
    public=Municipality.objects.all,
    columns=(
        ID,
        Column("code", "string", gettext_noop("Kommunkod enligt SCB (fyra siffror)."), "0680"),
        Column("name", "string", gettext_noop("Kommunens namn."), "Jönköping"),
        shapes.reference("county_id", gettext_noop("Länets"), "lan", "6"),
        Column(
            "county_code",
            "string",
            gettext_noop("Länskod enligt SCB."),
            "06",
            source="county__code",
        ),
        shapes.page_url(
            gettext_noop("Kommunens sida på webbplatsen."),
            "https://medborgarloften.example.se/kommuner/jonkoping/",
            "portal:municipality",
            slug="slug",
        ),
    ),
    filters=Filters(
        municipality="code",
        county="county__code",
        police_area="local_police_areas__slug",
        distinct=True,
    ),
)

POLICE_AREAS = Dataset(
    slug="lokalpolisomraden",
    title=gettext_noop("Lokalpolisområden"),
    title_en="Local police areas",
    description=gettext_noop("Polisens lokalpolisområden, med polisområde och polisregion."),
    description_en="The local police areas of the Swedish Police.",
    public=LocalPoliceArea.objects.all,
    columns=(
        ID,
        Column(
            "slug",
            "string",
            gettext_noop("Kortnamn, används i webbadresser och filter."),
            "jonkoping",
        ),
        Column("name", "string", gettext_noop("Lokalpolisområdets namn."), "Jönköping"),
        Column(
            "police_district", "string", gettext_noop("Polisområdet det hör till."), "Jönköping"
        ),
        shapes.police_region(),
        shapes.page_url(
            gettext_noop("Lokalpolisområdets sida på webbplatsen."),
            "https://medborgarloften.example.se/lokalpolisomraden/jonkoping/",
            "portal:police-area",
            slug="slug",
        ),
    ),
    filters=Filters(
        municipality="municipalities__code",
        county="municipalities__county__code",
        police_area="slug",
        distinct=True,
    ),
)

AREA_MUNICIPALITIES = Dataset(
    slug="lokalpolisomraden-kommuner",
    title=gettext_noop("Lokalpolisområdenas kommuner"),
    title_en="Municipalities served by each local police area",
    description=gettext_noop("Vilka kommuner varje lokalpolisområde arbetar i: en rad per par."),
    description_en="Which municipalities each local police area serves: one row per pair.",
    public=_area_municipalities,
    columns=(
        shapes.row_id(gettext_noop("Radens fasta id."), "17"),
        shapes.police_area(source="localpolicearea_id"),
        *shapes.municipality(),
    ),
    filters=Filters(
        municipality="municipality__code",
        county="municipality__county__code",
        police_area="localpolicearea__slug",
    ),
)
