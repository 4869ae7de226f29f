"""The published tables, declared once each (see columns.py for what is derived).

Every table starts from its model's public queryset (or, for reference data, from all
rows: regions, counties, municipalities and police areas are public by nature), and lists
only public fields: the police areas' editorial source notes are not published.
Field names are English identifiers, as in the API; their meaning is given in Swedish.
"""

from django.utils.translation import gettext_noop as N_

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
_PERIOD_UPDATED = N_(
    "updated_since gäller när perioden senast sparades; löften, mål och aktiviteter "
    "sparas tillsammans med sin period."
)


PERIODS = Dataset(
    slug="perioder",
    title=N_("Medborgarlöften (perioder)"),
    title_en="Citizen promises (periods)",
    description=N_(
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
        Column("title", "string", N_("Rubrik."), "Medborgarlöfte 2017–2020"),
        Column("starts_on", "date", N_("Gäller från och med."), "2017-01-01"),
        Column("ends_on", "date", N_("Gäller till och med."), "2020-12-31"),
        *shapes.signed(),
        Column("lead", "string", N_("Ingress."), "Polisen och Jönköpings kommun lovar …"),
        Column("situation", "string", N_("Lägesbild: problem och platser löftet gäller."), "…"),
        Column("basis", "string", N_("Underlag: medborgardialoger, statistik, enkäter."), "…"),
        Column("expected_effect", "string", N_("Förväntad effekt för de boende."), "…"),
        Column("partners", "string", N_("Andra samarbetsparter än polis och kommun."), "…"),
        Column("follow_up_method", "string", N_("Hur löftet följs upp."), "…"),
        Column("source_note", "string", N_("Om uppgifterna: vad källan inte säger."), ""),
        *shapes.timestamps(),
        shapes.page_url(
            N_("Periodens sida på webbplatsen."),
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
    title=N_("Löften"),
    title_en="Promises",
    description=N_("De enskilda löftena i varje medborgarlöfte."),
    description_en="The individual promises within each citizen promise.",
    public=Promise.objects.public,
    columns=(
        ID,
        shapes.period(),
        shapes.order(),
        Column("title", "string", N_("Löftet."), "Vi ska öka tryggheten i centrala Jönköping"),
        Column("description", "string", N_("Beskrivning."), "…"),
        shapes.period_page(),
    ),
    filters=_PERIOD_PLACE,
    updated_note=_PERIOD_UPDATED,
)

GOALS = Dataset(
    slug="mal",
    title=N_("Mål"),
    title_en="Goals",
    description=N_("Målsättningar, med datum när de ska vara uppnådda."),
    description_en="Goals, with the date by which they are to be reached.",
    public=Goal.objects.public,
    columns=(
        ID,
        shapes.period(),
        shapes.promise(),
        shapes.order(),
        Column("text", "string", N_("Målet."), "Minska antalet anmälda brott i centrum"),
        Column(
            "deadline",
            "date",
            N_("Ska vara uppnått senast (tomt: inget datum)."),
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
    title=N_("Aktiviteter"),
    title_en="Activities",
    description=N_(
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
        Column("text", "string", N_("Aktiviteten."), "Trygghetsvandringar i centrum"),
        Column(
            "responsible",
            "string",
            N_("Ansvarig, som kod: polisen, kommunen, gemensamt eller annan."),
            "gemensamt",
        ),
        Column(
            "responsible_label",
            "string",
            N_("Ansvarig, i ord."),
            "Polisen och kommunen gemensamt",
            compute=ChoiceLabel("responsible", ResponsibleParty.choices),
        ),
        Column("partner_name", "string", N_("Samarbetspart (krävs när ansvarig är annan)."), ""),
        Column(
            "target_count",
            "integer",
            N_("Mätbart mål: antal (tomt: inget mätbart mål)."),
            "4",
            required=False,
        ),
        Column("target_unit", "string", N_("Mätbart mål: enhet."), "tillfällen"),
        shapes.period_page(),
    ),
    filters=_PERIOD_PLACE,
    updated_note=_PERIOD_UPDATED,
)

AGREEMENTS = Dataset(
    slug="overenskommelser",
    title=N_("Samverkansöverenskommelser"),
    title_en="Cooperation agreements",
    description=N_("Samverkansöverenskommelser mellan kommuner och lokalpolisområden."),
    description_en="Cooperation agreements between municipalities and local police areas.",
    public=CooperationAgreement.objects.public,
    columns=(
        ID,
        *shapes.municipality("0123"),
        shapes.police_area("3"),
        Column("title", "string", N_("Rubrik."), "Samverkansöverenskommelse 2021–2023"),
        Column("valid_from", "date", N_("Gäller från och med."), "2021-01-01"),
        Column("valid_to", "date", N_("Gäller till och med."), "2023-12-31"),
        *shapes.signed(),
        Column(
            "may_be_extended",
            "string",
            N_("Kan förlängas enligt källan: ja, nej eller ej_angivet (källan säger inget)."),
            "ej_angivet",
        ),
        Column("summary", "string", N_("Sammanfattning."), "…"),
        Column("focus_areas", "string", N_("Fokusområden, ett per rad."), "Unga i riskzon"),
        Column("body", "string", N_("Beskrivning."), "…"),
        *shapes.timestamps(),
        shapes.agreement_page(),
    ),
    filters=shapes.place_filters("", updated="updated_at", dates=("valid_from", "valid_to")),
)

REPORTS = Dataset(
    slug="uppfoljningar",
    title=N_("Uppföljningar"),
    title_en="Follow-up reports",
    description=N_(
        "Tertialuppföljningar av medborgarlöftena (T1 januari–april, T2 maj–augusti, "
        "T3 september–december)."
    ),
    description_en="Follow-up reports per tertial (T1 January–April, T2 May–August, "
    "T3 September–December).",
    public=_public_reports,
    columns=(
        ID,
        shapes.period(),
        Column("year", "integer", N_("År."), "2020"),
        Column("tertial", "integer", N_("Tertial (1, 2 eller 3)."), "2"),
        Column("summary", "string", N_("Sammanfattning av tertialen."), "…"),
        *shapes.timestamps(),
        shapes.report_page(),
    ),
    filters=shapes.place_filters("period__", updated="updated_at"),
)

STATUSES = Dataset(
    slug="aktivitetsstatus",
    title=N_("Status per aktivitet"),
    title_en="Status of each activity",
    description=N_(
        "Status för varje aktivitet i varje uppföljning, med kommentar och uppnått antal."
    ),
    description_en="The status of each activity in each follow-up report, with a comment and "
    "the count achieved.",
    public=_public_statuses,
    columns=(
        ID,
        shapes.reference("report_id", N_("Uppföljningens"), "uppfoljningar", "30"),
        shapes.reference("activity_id", N_("Aktivitetens"), "aktiviteter", "211"),
        Column(
            "status",
            "string",
            N_("Status som kod: ej_paborjad, pagar, genomford, forsenad eller utgar."),
            "pagar",
        ),
        Column(
            "status_label",
            "string",
            N_("Status i ord."),
            "Pågår",
            compute=ChoiceLabel("status", ActivityStatusChoice.choices),
        ),
        Column("comment", "string", N_("Kommentar."), "Två av fyra vandringar är gjorda."),
        Column(
            "achieved_count",
            "integer",
            N_("Uppnått antal hittills (tomt: inget mätbart mål)."),
            "2",
            required=False,
        ),
        shapes.report_page("report__"),
    ),
    filters=shapes.place_filters("report__period__", updated="report__updated_at"),
    updated_note=N_(
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
        Column("order", "integer", N_("Ordning bland undertecknarna, som på sidan."), "1"),
        Column("name", "string", N_("Namn, som källan skriver det."), "Anna Andersson"),
        Column(
            "role",
            "string",
            N_("Roll eller titel (tomt: källan anger ingen)."),
            "kommunstyrelsens ordförande",
        ),
        Column(
            "organisation",
            "string",
            N_("Organisation eller parti (tomt: källan anger ingen)."),
            "Jönköpings kommun",
        ),
    )


PERIOD_SIGNATORIES = Dataset(
    slug="undertecknare",
    title=N_("Undertecknare av medborgarlöften"),
    title_en="Signatories of citizen promises",
    description=N_(
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
    updated_note=N_("updated_since gäller när perioden senast sparades."),
)

AGREEMENT_SIGNATORIES = Dataset(
    slug="overenskommelser-undertecknare",
    title=N_("Undertecknare av samverkansöverenskommelser"),
    title_en="Signatories of cooperation agreements",
    description=N_(
        "Vilka som undertecknade varje samverkansöverenskommelse, med roll och "
        "organisation, och när den undertecknades, så noga som källan säger."
    ),
    description_en="Who signed each cooperation agreement, with role and organisation, and "
    "when it was signed, as precisely as the source says.",
    public=_public_agreement_signatories,
    columns=(
        ID,
        shapes.reference("agreement_id", N_("Överenskommelsens"), "overenskommelser", "4"),
        *_signatory_columns(),
        *shapes.signed("agreement__"),
        shapes.agreement_page("agreement__"),
    ),
    filters=shapes.place_filters(
        "agreement__", updated="agreement__updated_at", dates=("valid_from", "valid_to")
    ),
    updated_note=N_("updated_since gäller när överenskommelsen senast sparades."),
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
