"""The five source pages, checked fact by fact against fixtures/seed/."""

import datetime

from django.core.management import call_command

from followup.models import FollowUpReport
from promises.models import Activity, CooperationAgreement, Goal, Promise, PromisePeriod


def periods_of(code):
    return {p.slug: p for p in PromisePeriod.objects.filter(municipality__code=code)}


def test_periods_and_their_dates(seed_content):
    assert PromisePeriod.objects.count() == 6
    jarfalla = periods_of("0123")
    assert (jarfalla["2019-2020"].starts_on, jarfalla["2019-2020"].ends_on) == (
        datetime.date(2019, 1, 1),
        datetime.date(2020, 12, 31),
    )
    assert jarfalla["2024"].years_label == "2024"
    assert set(periods_of("0680")) == {"2017", "2018-2019", "2020"}
    assert periods_of("0163")["2023-2024"].years_label == "2023–2024"
    assert not PromisePeriod.objects.exclude(status="published").exists()


def test_jarfalla_2019_2020_situation_activities_and_goals(seed_content):
    period = periods_of("0123")["2019-2020"]
    assert period.police_area.name == "Järfälla"
    assert period.situation.startswith("Situationen vid stationsområdet")
    assert "medborgardialoger som genomförts under 2018" in period.situation
    assert period.activities.count() == 7
    assert period.goals.count() == 2
    drug_scene = period.goals.get(deadline__isnull=False)
    assert drug_scene.deadline == datetime.date(2020, 12, 31)
    assert "öppen drogscen" in drug_scene.text
    assert period.goals.filter(text__contains="kameraövervakas").exists()
    assert period.activities.get(text__startswith="Kommunen ansvarar").responsible == "kommunen"
    assert period.activities.get(text__startswith="Ökad polisiär").responsible == "polisen"


def test_jarfalla_2024_has_six_activities(seed_content):
    period = periods_of("0123")["2024"]
    texts = list(period.activities.values_list("text", flat=True))
    assert len(texts) == 6
    assert texts[0].startswith(
        "Lokalpolisen i Järfälla och Järfälla kommun ska ha gemensam närvaro"
    )
    assert any("bedrägerier mot äldre" in text for text in texts)
    assert any("mopeder/motorcyklar" in text for text in texts)


def test_jonkoping_promises_activities_partners_and_targets(seed_content):
    periods = periods_of("0680")
    assert all(p.police_area.name == "Södra Vätterbygden" for p in periods.values())
    p2020 = periods["2020"]
    assert p2020.promises.count() == 2
    assert p2020.activities.count() == 11
    krog = p2020.activities.get(text__contains="minst fyra tillfällen")
    assert (krog.responsible, krog.target_count, krog.target_unit) == ("gemensamt", 4, "tillfällen")
    torget = p2020.activities.get(text__contains="Öxnehaga torg")
    assert torget.responsible_label == "Kommunen tillsammans med Vätterhem"
    p1819 = periods["2018-2019"]
    drug_free, central = p1819.promises.order_by("order")
    assert drug_free.activities.count() == 5
    assert central.activities.count() == 6
    assert central.activities.get(text__contains="Juneporten").responsible == "kommunen"
    assert central.activities.get(text__contains="föreningar").partner_name == "föreningar"


def test_jonkoping_follow_ups_are_attached_to_their_own_periods(seed_content):
    reports = {
        (r.year, r.tertial): r.period.slug
        for r in FollowUpReport.objects.filter(period__municipality__code="0680")
    }
    assert reports == {(2019, 1): "2018-2019", (2018, 3): "2018-2019", (2017, 3): "2017"}
    # The sources publish no per-activity status, so none is invented.
    assert not FollowUpReport.objects.filter(statuses__isnull=False).exists()
    earlier = periods_of("0680")["2017"]
    assert earlier.activities.count() == 0 and earlier.promises.count() == 0
    assert "tertial 3 2017" in earlier.source_note


def test_sollentuna_themes_effect_and_follow_up(seed_content):
    period = periods_of("0163")["2023-2024"]
    assert list(period.promises.values_list("title", flat=True)) == [
        "Öka tryggheten i offentlig miljö",
        "Stöd till särskilt utsatta brottsoffer",
        "Förebygga risken för ungdom att hamna i kriminalitet",
        "Trafikrelaterad brottslighet",
    ]
    assert period.expected_effect.startswith("Genom dessa åtgärder bidrar vi")
    assert "EST" in period.follow_up_method
    served = set(period.police_area.municipalities.values_list("name", flat=True))
    assert served == {"Sollentuna", "Upplands Väsby", "Sigtuna"}


def test_jarfalla_cooperation_agreement(seed_content):
    agreement = CooperationAgreement.objects.get(municipality__code="0123")
    assert agreement.valid_from == datetime.date(2021, 11, 18)
    assert agreement.valid_to == datetime.date(2022, 12, 31)
    assert agreement.may_be_extended
    assert agreement.focus_area_list == [
        "Ökad trygghet i offentlig miljö",
        "Stoppa nyrekrytering till kriminella gäng",
        "Målinriktat arbete i syfte att omklassificera utsatta områden",
        "Samverkan kring operativa resurser och riktade synlighetsinsatser i offentlig miljö "
        "för att öka tryggheten",
    ]
    assert "Emma Feldman" in agreement.quote_by
    assert "vid tio tillfällen under året" in agreement.body


def test_a_second_load_changes_nothing(seed_content, capsys):
    before = {p.pk: p.updated_at for p in PromisePeriod.objects.all()}
    counts = (Promise.objects.count(), Activity.objects.count(), Goal.objects.count())
    call_command("load_seed_content")
    assert "0 nya, 7 fanns redan" in capsys.readouterr().out
    assert {p.pk: p.updated_at for p in PromisePeriod.objects.all()} == before
    assert (Promise.objects.count(), Activity.objects.count(), Goal.objects.count()) == counts


def test_a_coordinators_edit_survives_a_reload(seed_content):
    period = PromisePeriod.objects.get(municipality__code="0163")
    period.lead = "Ändrad av samordnaren."
    period.save()
    call_command("load_seed_content", verbosity=0)
    period.refresh_from_db()
    assert period.lead == "Ändrad av samordnaren."
