from django.core.management import call_command

from municipalities.models import County, LocalPoliceArea, Municipality, PoliceRegion


def test_every_region_county_and_municipality_is_loaded(reference_data):
    assert PoliceRegion.objects.count() == 7
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    assert LocalPoliceArea.objects.count() == 48


def test_codes_keep_their_leading_zeros_and_match_their_county(reference_data):
    jarfalla = Municipality.objects.select_related("county").get(code="0123")
    assert jarfalla.name == "Järfälla"
    assert jarfalla.county.code == "01"
    assert jarfalla.county.name == "Stockholms län"
    for municipality in Municipality.objects.select_related("county"):
        assert municipality.code[:2] == municipality.county.code


def test_each_county_belongs_to_the_region_the_police_name(reference_data):
    assert County.objects.get(code="06").police_region.name == "Öst"
    assert County.objects.get(code="09").police_region.name == "Stockholm"
    nord = PoliceRegion.objects.get(slug="nord")
    assert sorted(nord.counties.values_list("code", flat=True)) == ["22", "23", "24", "25"]


def test_slugs_are_ascii_and_habo_and_habo_do_not_collide(reference_data):
    assert Municipality.objects.get(code="0123").slug == "jarfalla"
    assert Municipality.objects.get(code="0643").slug == "habo-jonkopings-lan"
    assert Municipality.objects.get(code="0305").slug == "habo-uppsala-lan"
    assert all(slug.isascii() for slug in Municipality.objects.values_list("slug", flat=True))


def test_the_three_source_police_areas_serve_the_right_municipalities(reference_data):
    def served(name):
        area = LocalPoliceArea.objects.get(name=name)
        return sorted(area.municipalities.values_list("name", flat=True))

    assert served("Järfälla") == ["Järfälla", "Upplands-Bro"]
    assert served("Sollentuna") == ["Sigtuna", "Sollentuna", "Upplands Väsby"]
    assert served("Södra Vätterbygden") == ["Habo", "Jönköping", "Mullsjö"]
    area = LocalPoliceArea.objects.get(name="Södra Vätterbygden")
    assert area.source_status == "partly_verified"
    assert "inferred" in area.source_note


def test_stockholm_is_served_by_several_areas(reference_data):
    stockholm = Municipality.objects.get(code="0180")
    assert stockholm.local_police_areas.count() >= 5


def test_a_second_load_changes_nothing_and_keeps_editor_additions(reference_data, capsys):
    area = LocalPoliceArea.objects.get(name="Järfälla")
    area.municipalities.add(Municipality.objects.get(code="0125"))  # an editor's addition
    call_command("load_reference_data")
    out = capsys.readouterr().out
    assert "kommuner: 0 nya, 0 ändrade, 290 oförändrade" in out
    assert area.municipalities.filter(code="0125").exists()


def test_dry_run_saves_nothing(db, capsys):
    call_command("load_reference_data", "--dry-run")
    assert "Torrkörning" in capsys.readouterr().out
    assert Municipality.objects.count() == 0
