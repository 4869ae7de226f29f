"""The published tables, declared once each (see columns.py for what is derived).

Every table starts from its model's public queryset (or, for reference data, from all
rows: regions, counties, municipalities and police areas are public by nature), and lists
only public fields: the police areas' editorial source notes are not published.
Field names are English identifiers, as in the API; their meaning is given in Swedish.
"""

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
_PERIOD_UPDATED = (
    "updated_since gäller när perioden senast sparades; löften, mål och aktiviteter "
    "sparas tillsammans med sin period."
)


PERIODS = Dataset(
    slug="perioder",
    title="Medborgarlöften (perioder)",
    title_en="Citizen promises (periods)",
    description="Ett medborgarlöfte för en kommun och ett lokalpolisområde under en period, "
    "med lägesbild, underlag, förväntad effekt och samarbetsparter.",
    description_en="One citizen promise of a municipality and its local police area for a "
    "period, with the situation, basis, expected effect and partners.",
    public=PromisePeriod.objects.public,
    columns=(
        ID,
        *shapes.municipality(),
        shapes.police_area(),
        Column("title", "string", "Rubrik.", "Medborgarlöfte 2017–2020"),
        Column("starts_on", "date", "Gäller från och med.", "2017-01-01"),
        Column("ends_on", "date", "Gäller till och med.", "2020-12-31"),
        *shapes.signed(),
        Column("lead", "string", "Ingress.", "Polisen och Jönköpings kommun lovar …"),
        Column("situation", "string", "Lägesbild: problem och platser löftet gäller.", "…"),
        Column("basis", "string", "Underlag: medborgardialoger, statistik, enkäter.", "…"),
        Column("expected_effect", "string", "Förväntad effekt för de boende.", "…"),
        Column("partners", "string", "Andra samarbetsparter än polis och kommun.", "…"),
        Column("follow_up_method", "string", "Hur löftet följs upp.", "…"),
        Column("source_note", "string", "Om uppgifterna: vad källan inte säger.", ""),
        *shapes.timestamps(),
        shapes.page_url(
            "Periodens sida på webbplatsen.",
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
    title="Löften",
    title_en="Promises",
    description="De enskilda löftena i varje medborgarlöfte.",
    description_en="The individual promises within each citizen promise.",
    public=Promise.objects.public,
    columns=(
        ID,
        shapes.period(),
        shapes.order(),
        Column("title", "string", "Löftet.", "Vi ska öka tryggheten i centrala Jönköping"),
        Column("description", "string", "Beskrivning.", "…"),
        shapes.period_page(),
    ),
    filters=_PERIOD_PLACE,
    updated_note=_PERIOD_UPDATED,
)

GOALS = Dataset(
    slug="mal",
    title="Mål",
    title_en="Goals",
    description="Målsättningar, med datum när de ska vara uppnådda.",
    description_en="Goals, with the date by which they are to be reached.",
    public=Goal.objects.public,
    columns=(
        ID,
        shapes.period(),
        shapes.promise(),
        shapes.order(),
        Column("text", "string", "Målet.", "Minska antalet anmälda brott i centrum"),
        Column(
            "deadline",
            "date",
            "Ska vara uppnått senast (tomt: inget datum).",
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
    title="Aktiviteter",
    title_en="Activities",
    description="Vad polis, kommun eller en annan aktör gör för att hålla löftet, med "
    "ansvarig, samarbetspart och mätbart mål.",
    description_en="What the police, the municipality or another party does to keep the "
    "promise, with the responsible party, partner and measurable target.",
    public=Activity.objects.public,
    columns=(
        ID,
        shapes.period(),
        shapes.promise(),
        shapes.order(),
        Column("text", "string", "Aktiviteten.", "Trygghetsvandringar i centrum"),
        Column(
            "responsible",
            "string",
            "Ansvarig, som kod: polisen, kommunen, gemensamt eller annan.",
            "gemensamt",
        ),
        Column(
            "responsible_label",
            "string",
            "Ansvarig, i ord.",
            "Polisen och kommunen gemensamt",
            compute=ChoiceLabel("responsible", ResponsibleParty.choices),
        ),
        Column("partner_name", "string", "Samarbetspart (krävs när ansvarig är annan).", ""),
        Column(
            "target_count",
            "integer",
            "Mätbart mål: antal (tomt: inget mätbart mål).",
            "4",
            required=False,
        ),
        Column("target_unit", "string", "Mätbart mål: enhet.", "tillfällen"),
        shapes.period_page(),
    ),
    filters=_PERIOD_PLACE,
    updated_note=_PERIOD_UPDATED,
)

AGREEMENTS = Dataset(
    slug="overenskommelser",
    title="Samverkansöverenskommelser",
    title_en="Cooperation agreements",
    description="Samverkansöverenskommelser mellan kommuner och lokalpolisområden.",
    description_en="Cooperation agreements between municipalities and local police areas.",
    public=CooperationAgreement.objects.public,
    columns=(
        ID,
        *shapes.municipality("0123"),
        shapes.police_area("3"),
        Column("title", "string", "Rubrik.", "Samverkansöverenskommelse 2021–2023"),
        Column("valid_from", "date", "Gäller från och med.", "2021-01-01"),
        Column("valid_to", "date", "Gäller till och med.", "2023-12-31"),
        *shapes.signed(),
        Column(
            "may_be_extended",
            "string",
            "Kan förlängas enligt källan: ja, nej eller ej_angivet (källan säger inget).",
            "ej_angivet",
        ),
        Column("summary", "string", "Sammanfattning.", "…"),
        Column("focus_areas", "string", "Fokusområden, ett per rad.", "Unga i riskzon"),
        Column("body", "string", "Beskrivning.", "…"),
        *shapes.timestamps(),
        shapes.agreement_page(),
    ),
    filters=shapes.place_filters("", updated="updated_at", dates=("valid_from", "valid_to")),
)

REPORTS = Dataset(
    slug="uppfoljningar",
    title="Uppföljningar",
    title_en="Follow-up reports",
    description="Tertialuppföljningar av medborgarlöftena (T1 januari–april, T2 maj–augusti, "
    "T3 september–december).",
    description_en="Follow-up reports per tertial (T1 January–April, T2 May–August, "
    "T3 September–December).",
    public=_public_reports,
    columns=(
        ID,
        shapes.period(),
        Column("year", "integer", "År.", "2020"),
        Column("tertial", "integer", "Tertial (1, 2 eller 3).", "2"),
        Column("summary", "string", "Sammanfattning av tertialen.", "…"),
        *shapes.timestamps(),
        shapes.report_page(),
    ),
    filters=shapes.place_filters("period__", updated="updated_at"),
)

STATUSES = Dataset(
    slug="aktivitetsstatus",
    title="Status per aktivitet",
    title_en="Status of each activity",
    description="Status för varje aktivitet i varje uppföljning, med kommentar och uppnått antal.",
    description_en="The status of each activity in each follow-up report, with a comment and "
    "the count achieved.",
    public=_public_statuses,
    columns=(
        ID,
        shapes.reference("report_id", "Uppföljningens", "uppfoljningar", "30"),
        shapes.reference("activity_id", "Aktivitetens", "aktiviteter", "211"),
        Column(
            "status",
            "string",
            "Status som kod: ej_paborjad, pagar, genomford, forsenad eller utgar.",
            "pagar",
        ),
        Column(
            "status_label",
            "string",
            "Status i ord.",
            "Pågår",
            compute=ChoiceLabel("status", ActivityStatusChoice.choices),
        ),
        Column("comment", "string", "Kommentar.", "Två av fyra vandringar är gjorda."),
        Column(
            "achieved_count",
            "integer",
            "Uppnått antal hittills (tomt: inget mätbart mål).",
            "2",
            required=False,
        ),
        shapes.report_page("report__"),
    ),
    filters=shapes.place_filters("report__period__", updated="report__updated_at"),
    updated_note="updated_since gäller när uppföljningen senast sparades; statusarna sparas "
    "tillsammans med sin uppföljning.",
)


def _public_period_signatories():
    return PeriodContentQuerySet(PeriodSignatory).public()


def _public_agreement_signatories():
    return AgreementSignatory.objects.filter(agreement__in=CooperationAgreement.objects.public())


def _signatory_columns():
    return (
        Column("order", "integer", "Ordning bland undertecknarna, som på sidan.", "1"),
        Column("name", "string", "Namn, som källan skriver det.", "Anna Andersson"),
        Column(
            "role",
            "string",
            "Roll eller titel (tomt: källan anger ingen).",
            "kommunstyrelsens ordförande",
        ),
        Column(
            "organisation",
            "string",
            "Organisation eller parti (tomt: källan anger ingen).",
            "Jönköpings kommun",
        ),
    )


PERIOD_SIGNATORIES = Dataset(
    slug="undertecknare",
    title="Undertecknare av medborgarlöften",
    title_en="Signatories of citizen promises",
    description="Vilka som undertecknade varje medborgarlöfte, med roll och organisation, "
    "och när löftet undertecknades, så noga som källan säger.",
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
    updated_note="updated_since gäller när perioden senast sparades.",
)

AGREEMENT_SIGNATORIES = Dataset(
    slug="overenskommelser-undertecknare",
    title="Undertecknare av samverkansöverenskommelser",
    title_en="Signatories of cooperation agreements",
    description="Vilka som undertecknade varje samverkansöverenskommelse, med roll och "
    "organisation, och när den undertecknades, så noga som källan säger.",
    description_en="Who signed each cooperation agreement, with role and organisation, and "
    "when it was signed, as precisely as the source says.",
    public=_public_agreement_signatories,
    columns=(
        ID,
        shapes.reference("agreement_id", "Överenskommelsens", "overenskommelser", "4"),
        *_signatory_columns(),
        *shapes.signed("agreement__"),
        shapes.agreement_page("agreement__"),
    ),
    filters=shapes.place_filters(
        "agreement__", updated="agreement__updated_at", dates=("valid_from", "valid_to")
    ),
    updated_note="updated_since gäller när överenskommelsen senast sparades.",
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
