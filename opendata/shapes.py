"""The column shapes the tables share, each declared once: the row id, a reference to
another table's id, the municipality a row is about, the publication timestamps, the page
address, and the filters of a row that belongs to a place and a period.

A table in datasets.py or reference_datasets.py lists these and its own columns; what is
said about a shape (its type, its meaning in Swedish, that it is a foreign key) is said here.
"""

from django.db.models import Case, CharField, F, Value, When
from django.utils.translation import gettext_noop

from .columns import Column, Filters, PageAddress

TIMESTAMP_EXAMPLE = "2026-11-21T10:00:00Z"


ROW_ID = gettext_noop("Radens fasta id. Ändras aldrig och återanvänds inte.")
# What a reference column says, put together from its parts; translated as a whole on
# the open-data page (Column.meaning_in_page_language).
REFERENCE = gettext_noop("{whose} id ({table}).")


def row_id(meaning=ROW_ID, example="42"):
    """The `id` column: the row's primary key."""
    return Column("id", "integer", meaning, example)


def reference(name, whose, table, example, *, note="", required=True, source=""):
    """An id of a row in another published table (`table`: its slug), a foreign key in
    datapackage.json. `whose` is the Swedish genitive of what it points at ("Kommunens")."""
    meaning = REFERENCE.format(whose=whose, table=table) + note
    return Column(
        name,
        "integer",
        meaning,
        example,
        source=source,
        required=required,
        references=table,
        wording=(REFERENCE, {"whose": whose, "table": table}, note),
    )


def municipality(example_code="0680", example_id="101"):
    """The municipality a row is about: its id and its SCB code."""
    return (
        reference("municipality_id", gettext_noop("Kommunens"), "kommuner", example_id),
        Column(
            "municipality_code",
            "string",
            gettext_noop("Kommunkod enligt SCB."),
            example_code,
            source="municipality__code",
        ),
    )


def police_area(example="12", source=""):
    return reference(
        "police_area_id",
        gettext_noop("Lokalpolisområdets"),
        "lokalpolisomraden",
        example,
        source=source,
    )


def police_region():
    return reference("police_region_id", gettext_noop("Polisregionens"), "polisregioner", "5")


def period():
    return reference("period_id", gettext_noop("Periodens"), "perioder", "7")


def promise():
    return reference(
        "promise_id",
        gettext_noop("Löftets"),
        "loften",
        "19",
        note=" " + gettext_noop("Tomt när raden gäller periodens alla löften."),
        required=False,
    )


def order():
    return Column("order", "integer", gettext_noop("Ordning inom perioden, som på sidan."), "1")


def timestamps():
    """When the row was first published and last saved, in UTC."""
    return (
        Column("published_at", "datetime", gettext_noop("Först publicerad."), TIMESTAMP_EXAMPLE),
        Column("updated_at", "datetime", gettext_noop("Senast sparad."), TIMESTAMP_EXAMPLE),
    )


def page_url(meaning, example, url_name, **kwargs):
    """The `url` column: the public page the row is shown on (kwargs: URL argument -> ORM
    path of its value)."""
    return Column("url", "string", meaning, example, compute=PageAddress(url_name, **kwargs))


def period_page(prefix="period__"):
    """The address of the period page a row is shown on."""
    return page_url(
        gettext_noop("Sidan på webbplatsen där raden visas: periodens sida."),
        "https://medborgarloften.example.se/kommuner/jonkoping/medborgarloften/2017-2020/",
        "portal:period",
        municipality_slug=f"{prefix}municipality__slug",
        slug=f"{prefix}slug",
    )


def agreement_page(prefix=""):
    """The address of the cooperation agreement's page."""
    return page_url(
        gettext_noop("Överenskommelsens sida på webbplatsen."),
        "https://medborgarloften.example.se/kommuner/jarfalla/samverkansoverenskommelser/1/",
        "portal:agreement",
        municipality_slug=f"{prefix}municipality__slug",
        pk=f"{prefix}id",
    )


def report_page(prefix=""):
    """The address of the follow-up report page a row is shown on."""
    return page_url(
        gettext_noop("Uppföljningens sida på webbplatsen."),
        "https://medborgarloften.example.se/kommuner/jonkoping/medborgarloften/2017-2020/"
        "uppfoljning/2020-tertial-2/",
        "portal:report",
        municipality_slug=f"{prefix}period__municipality__slug",
        period_slug=f"{prefix}period__slug",
        year=f"{prefix}year",
        tertial=f"{prefix}tertial",
    )


def place_filters(place, *, updated, dates=("starts_on", "ends_on")):
    """The filters of a row that belongs to a municipality, a police area and a span of
    dates: `place` is the ORM path to the row holding them (a period, an agreement), or ""
    for the row itself; `updated` the full path of the timestamp updated_since reads."""
    return Filters(
        municipality=f"{place}municipality__code",
        county=f"{place}municipality__county__code",
        police_area=f"{place}police_area__slug",
        period=(f"{place}{dates[0]}", f"{place}{dates[1]}"),
        updated=updated,
    )


def signed(prefix=""):
    """When the row (or the period or agreement at `prefix`) was signed, as much as the
    source says: the stored date and how much of it is known, both empty when the source
    does not say. Never a guessed day."""
    field = f"{prefix}signed_on"

    def precision():
        return Case(
            When(**{f"{field}__isnull": True}, then=Value("")),
            default=F(f"{prefix}signed_precision"),
            output_field=CharField(),
        )

    return (
        Column(
            "signed_on",
            "date",
            gettext_noop(
                "Undertecknat. Är bara månaden eller året känt står här den första dagen i "
                "den (se signed_precision). Tomt: källan säger inte när."
            ),
            "2017-01-10",
            source=field,
            required=False,
        ),
        Column(
            "signed_precision",
            "string",
            gettext_noop(
                "Hur mycket av signed_on som är känt: day (dagen), month (bara månaden) eller "
                "year (bara året). Tomt när datumet inte är känt."
            ),
            "day",
            compute=precision,
        ),
    )
