"""The published tables, declared once each (see columns.py for what is derived).

Every table starts from its model's public queryset (or, for reference data, from all
rows: regions, counties, municipalities and police areas are public by nature), and lists
only public fields: the police areas' editorial source notes are not published.
Field names are English identifiers, as in the API; their meaning is given in Swedish.
"""

from django.utils.translation import gettext_noop

from followup.models import ActivityStatusChoice
from promises.models import (
    Activity,
    AgreementSignatory,
    CooperationAgreement,
    Goal,
    PeriodContentQuerySet,
    PeriodSignatory,
    Promise,
    PromisePeriod,
    ResponsibleParty,
)

from . import shapes
from .columns import ChoiceLabel, Column, Dataset
from .reference_datasets import (
    AREA_MUNICIPALITIES,
    COUNTIES,
    ID,
    MUNICIPALITIES,
    POLICE_AREAS,
    REGIONS,
)


def _public_statuses():
    from followup.models import ActivityStatus

    return ActivityStatus.objects.public()


def _public_reports():
    from followup.models import FollowUpReport

    return FollowUpReport.objects.public()


_PERIOD_PLACE = shapes.place_filters("period__", updated="period__updated_at")
_PERIOD_UPDATED = gettext_noop(
    "updated_since gäller när perioden senast sparades; löften, mål och aktiviteter "
    "sparas tillsammans med sin period."
)


PERIODS = Dataset(
    slug="perioder",
    title=gettext_noop("Medborgarlöften (perioder)"),
    title_en="Citizen promises (periods)",
    description=gettext_noop(
        "Ett medborgarlöfte för en kommun och ett lokalpolisområde under en period, "
        "med lägesbild, underlag, förväntad effekt och samarbetsparter."
    ),
    description_en="One citizen promise of a municipality and its local police area for a "
    "period, with the situation, basis, expected effect and partners.",
    public=PromisePeriod.objects.public,
    columns=(
        ID,
        *shapes.municipality(),
        shapes.police_area(),
        Column("title", "string", gettext_noop("Rubrik."), "Medborgarlöfte 2017–2020"),
        Column("starts_on", "date", gettext_noop("Gäller från och med."), "2017-01-01"),
        Column("ends_on", "date", gettext_noop("Gäller till och med."), "2020-12-31"),
        *shapes.signed(),
        Column("lead", "string", gettext_noop("Ingress."), "Polisen och Jönköpings kommun lovar …"),
        Column(
            "situation",
            "string",
            gettext_noop("Lägesbild: problem och platser löftet gäller."),
            "…",
        ),
        Column(
            "basis", "string", gettext_noop("Underlag: medborgardialoger, statistik, enkäter."), "…"
        ),
        Column("expected_effect", "string", gettext_noop("Förväntad effekt för de boende."), "…"),
        Column(
            "partners", "string", gettext_noop("Andra samarbetsparter än polis och kommun."), "…"
        ),
        Column("follow_up_method", "string", gettext_noop("Hur löftet följs upp."), "…"),
        Column("source_note", "string", gettext_noop("Om uppgifterna: vad källan inte säger."), ""),
        *shapes.timestamps(),
        shapes.page_url(
            gettext_noop("Periodens sida på webbplatsen."),
            "https://medborgarloften.example.se/kommuner/jonkoping/medborgarloften/2017-2020/",
            "portal:period",
            municipality_slug="municipality__slug",
            slug="slug",
        ),
    ),
    filters=shapes.place_filters("", updated="updated_at"),
)

PROMISES = Dataset(
    slug="loften",
    title=gettext_noop("Löften"),
    title_en="Promises",
    description=gettext_noop("De enskilda löftena i varje medborgarlöfte."),
    description_en="The individual promises within each citizen promise.",
    public=Promise.objects.public,
    columns=(
        ID,
        shapes.period(),
        shapes.order(),
        Column(
            "title", "string", gettext_noop("Löftet."), "Vi ska öka tryggheten i centrala Jönköping"
        ),
        Column("description", "string", gettext_noop("Beskrivning."), "…"),
        shapes.period_page(),
    ),
    filters=_PERIOD_PLACE,
    updated_note=_PERIOD_UPDATED,
)

GOALS = Dataset(
    slug="mal",
    title=gettext_noop("Mål"),
    title_en="Goals",
    description=gettext_noop("Målsättningar, med datum när de ska vara uppnådda."),
    description_en="Goals, with the date by which they are to be reached.",
    public=Goal.objects.public,
    columns=(
        ID,
        shapes.period(),
        shapes.promise(),
        shapes.order(),
        Column("text", "string", gettext_noop("Målet."), "Minska antalet anmälda brott i centrum"),
        Column(
            "deadline",
            "date",
            gettext_noop("Ska vara uppnått senast (tomt: inget datum)."),
            "2020-12-31",
            required=False,
        ),
        shapes.period_page(),
    ),
    filters=_PERIOD_PLACE,
    updated_note=_PERIOD_UPDATED,
)

ACTIVITIES = Dataset(
    slug="aktiviteter",
    title=gettext_noop("Aktiviteter"),
    title_en="Activities",
    description=gettext_noop(
        "Vad polis, kommun eller en annan aktör gör för att hålla löftet, med "
        "ansvarig, samarbetspart och mätbart mål."
    ),
    description_en="What the police, the municipality or another party does to keep the "
    "promise, with the responsible party, partner and measurable target.",
    public=Activity.objects.public,
    columns=(
        ID,
        shapes.period(),
        shapes.promise(),
        shapes.order(),
        Column("text", "string", gettext_noop("Aktiviteten."), "Trygghetsvandringar i centrum"),
        Column(
            "responsible",
            "string",
            gettext_noop("Ansvarig, som kod: polisen, kommunen, gemensamt eller annan."),
            "gemensamt",
        ),
        Column(
            "responsible_label",
            "string",
            gettext_noop("Ansvarig, i ord."),
            "Polisen och kommunen gemensamt",
            compute=ChoiceLabel("responsible", ResponsibleParty.choices),
        ),
        Column(
            "partner_name",
            "string",
            gettext_noop("Samarbetspart (krävs när ansvarig är annan)."),
            "",
        ),
        Column(
            "target_count",
            "integer",
            gettext_noop("Mätbart mål: antal (tomt: inget mätbart mål)."),
            "4",
            required=False,
        ),
        Column("target_unit", "string", gettext_noop("Mätbart mål: enhet."), "tillfällen"),
        shapes.period_page(),
    ),
    filters=_PERIOD_PLACE,
    updated_note=_PERIOD_UPDATED,
)

AGREEMENTS = Dataset(
    slug="overenskommelser",
    title=gettext_noop("Samverkansöverenskommelser"),
    title_en="Cooperation agreements",
    description=gettext_noop("Samverkansöverenskommelser mellan kommuner och lokalpolisområden."),
    description_en="Cooperation agreements between municipalities and local police areas.",
    public=CooperationAgreement.objects.public,
    columns=(
        ID,
        *shapes.municipality("0123"),
        shapes.police_area("3"),
        Column("title", "string", gettext_noop("Rubrik."), "Samverkansöverenskommelse 2021–2023"),
        Column("valid_from", "date", gettext_noop("Gäller från och med."), "2021-01-01"),
        Column("valid_to", "date", gettext_noop("Gäller till och med."), "2023-12-31"),
        *shapes.signed(),
        Column(
            "may_be_extended",
            "string",
            gettext_noop(
                "Kan förlängas enligt källan: ja, nej eller ej_angivet (källan säger inget)."
            ),
            "ej_angivet",
        ),
        Column("summary", "string", gettext_noop("Sammanfattning."), "…"),
        Column(
            "focus_areas", "string", gettext_noop("Fokusområden, ett per rad."), "Unga i riskzon"
        ),
        Column("body", "string", gettext_noop("Beskrivning."), "…"),
        *shapes.timestamps(),
        shapes.agreement_page(),
    ),
    filters=shapes.place_filters("", updated="updated_at", dates=("valid_from", "valid_to")),
)

REPORTS = Dataset(
    slug="uppfoljningar",
    title=gettext_noop("Uppföljningar"),
    title_en="Follow-up reports",
    description=gettext_noop(
        "Tertialuppföljningar av medborgarlöftena (T1 januari–april, T2 maj–augusti, "
        "T3 september–december)."
    ),
    description_en="Follow-up reports per tertial (T1 January–April, T2 May–August, "
    "T3 September–December).",
    public=_public_reports,
    columns=(
        ID,
        shapes.period(),
        Column("year", "integer", gettext_noop("År."), "2020"),
        Column("tertial", "integer", gettext_noop("Tertial (1, 2 eller 3)."), "2"),
        Column("summary", "string", gettext_noop("Sammanfattning av tertialen."), "…"),
        *shapes.timestamps(),
        shapes.report_page(),
    ),
    filters=shapes.place_filters("period__", updated="updated_at"),
)

STATUSES = Dataset(
    slug="aktivitetsstatus",
    title=gettext_noop("Status per aktivitet"),
    title_en="Status of each activity",
    description=gettext_noop(
        "Status för varje aktivitet i varje uppföljning, med kommentar och uppnått antal."
    ),
    description_en="The status of each activity in each follow-up report, with a comment and "
    "the count achieved.",
    public=_public_statuses,
    columns=(
        ID,
        shapes.reference("report_id", gettext_noop("Uppföljningens"), "uppfoljningar", "30"),
        shapes.reference("activity_id", gettext_noop("Aktivitetens"), "aktiviteter", "211"),
        Column(
            "status",
            "string",
            gettext_noop("Status som kod: ej_paborjad, pagar, genomford, forsenad eller utgar."),
            "pagar",
        ),
        Column(
            "status_label",
            "string",
            gettext_noop("Status i ord."),
            "Pågår",
            compute=ChoiceLabel("status", ActivityStatusChoice.choices),
        ),
        Column(
            "comment", "string", gettext_noop("Kommentar."), "Två av fyra vandringar är gjorda."
        ),
        Column(
            "achieved_count",
            "integer",
            gettext_noop("Uppnått antal hittills (tomt: inget mätbart mål)."),
            "2",
            required=False,
        ),
        shapes.report_page("report__"),
    ),
    filters=shapes.place_filters("report__period__", updated="report__updated_at"),
    updated_note=gettext_noop(
        "updated_since gäller när uppföljningen senast sparades; statusarna sparas "
        "tillsammans med sin uppföljning."
    ),
)


def _public_period_signatories():
    return PeriodContentQuerySet(PeriodSignatory).public()


def _public_agreement_signatories():
    return AgreementSignatory.objects.filter(agreement__in=CooperationAgreement.objects.public())


def _signatory_columns():
    return (
        Column(
            "order", "integer", gettext_noop("Ordning bland undertecknarna, som på sidan."), "1"
        ),
        Column("name", "string", gettext_noop("Namn, som källan skriver det."), "Anna Andersson"),
        Column(
            "role",
            "string",
            gettext_noop("Roll eller titel (tomt: källan anger ingen)."),
            "kommunstyrelsens ordförande",
        ),
        Column(
            "organisation",
            "string",
            gettext_noop("Organisation eller parti (tomt: källan anger ingen)."),
            "Jönköpings kommun",
        ),
    )


PERIOD_SIGNATORIES = Dataset(
    slug="undertecknare",
    title=gettext_noop("Undertecknare av medborgarlöften"),
    title_en="Signatories of citizen promises",
    description=gettext_noop(
        "Vilka som undertecknade varje medborgarlöfte, med roll och organisation, "
        "och när löftet undertecknades, så noga som källan säger."
    ),
    description_en="Who signed each citizen promise, with role and organisation, and when "
    "it was signed, as precisely as the source says.",
    public=_public_period_signatories,
    columns=(
        ID,
        shapes.period(),
        *_signatory_columns(),
        *shapes.signed("period__"),
        shapes.period_page(),
    ),
    filters=_PERIOD_PLACE,
    updated_note=gettext_noop("updated_since gäller när perioden senast sparades."),
)

AGREEMENT_SIGNATORIES = Dataset(
    slug="overenskommelser-undertecknare",
    title=gettext_noop("Undertecknare av samverkansöverenskommelser"),
    title_en="Signatories of cooperation agreements",
    description=gettext_noop(
        "Vilka som undertecknade varje samverkansöverenskommelse, med roll och "
        "organisation, och när den undertecknades, så noga som källan säger."
    ),
    description_en="Who signed each cooperation agreement, with role and organisation, and "
    "when it was signed, as precisely as the source says.",
    public=_public_agreement_signatories,
    columns=(
        ID,
        shapes.reference(
            "agreement_id", gettext_noop("Överenskommelsens"), "overenskommelser", "4"
        ),
        *_signatory_columns(),
        *shapes.signed("agreement__"),
        shapes.agreement_page("agreement__"),
    ),
    filters=shapes.place_filters(
        "agreement__", updated="agreement__updated_at", dates=("valid_from", "valid_to")
    ),
    updated_note=gettext_noop("updated_since gäller när överenskommelsen senast sparades."),
)

DATASETS = (
    REGIONS,
    COUNTIES,
    MUNICIPALITIES,
    POLICE_AREAS,
    AREA_MUNICIPALITIES,
    PERIODS,
    PERIOD_SIGNATORIES,
    PROMISES,
    GOALS,
    ACTIVITIES,
    AGREEMENTS,
    AGREEMENT_SIGNATORIES,
    REPORTS,
    STATUSES,
)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}
