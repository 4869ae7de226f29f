"""manage.py add_coordinator: creates or updates a coordinator, idempotently, with exactly
the rights a coordinator needs and a clear Swedish answer when something is wrong."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from municipalities.management.commands import add_coordinator
from municipalities.scope import municipalities_for
from municipalities.services import COORDINATOR_GROUP

pytestmark = pytest.mark.django_db

PASSWORD = "Trygghet-i-Jakobsberg-2024"
User = get_user_model()


def run(*args):
    out = io.StringIO()
    call_command("add_coordinator", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("DJANGO_COORDINATOR_PASSWORD", PASSWORD)
    return PASSWORD


def test_creates_a_coordinator_who_can_log_in(reference_data, password, client):
    output = run("anna", "--municipality", "0123", "--email", "anna@jarfalla.se")
    assert "Samordnaren anna skapad: kommuner Järfälla; lokalpolisområden –" in output
    anna = User.objects.get(username="anna")
    assert anna.is_staff and anna.is_active and not anna.is_superuser
    assert anna.email == "anna@jarfalla.se"
    assert anna.check_password(PASSWORD)
    assert list(anna.groups.values_list("name", flat=True)) == [COORDINATOR_GROUP]
    assert [m.name for m in anna.coordinator_scope.municipalities.all()] == ["Järfälla"]
    login = client.post(
        "/admin/login/?next=/admin/", {"username": "anna", "password": PASSWORD}, follow=True
    )
    assert "Samordnarens arbetsyta" in login.content.decode()


def test_the_group_has_exactly_the_coordinators_permissions(reference_data, password):
    run("anna", "--municipality", "0123")
    group = Group.objects.get(name=COORDINATOR_GROUP)
    codenames = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
    editable = {
        f"{app}.{action}_{model}"
        for app, models in {
            "promises": [
                "promiseperiod",
                "promise",
                "goal",
                "activity",
                "cooperationagreement",
                "periodsignatory",  # issue 14
                "agreementsignatory",
            ],
            "followup": ["followupreport", "activitystatus"],
        }.items()
        for model in models
        for action in ("view", "add", "change", "delete")
    }
    readable = {
        f"municipalities.view_{m}"
        for m in ("municipality", "county", "policeregion", "localpolicearea")
    }
    assert codenames == editable | readable
    assert not any(code.startswith("auth.") for code in codenames)  # no user management
    # Extra permissions someone added by hand are taken away on the next run.
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="add_user"))
    run("anna", "--municipality", "0123")
    assert not group.permissions.filter(codename="add_user").exists()


def test_running_again_updates_the_scope_to_exactly_what_is_given(reference_data, password):
    run("anna", "--municipality", "0123", "--municipality", "0680")
    output = run("anna", "--municipality", "jarfalla")
    assert "Samordnaren anna uppdaterad: kommuner Järfälla" in output
    assert User.objects.filter(username="anna").count() == 1
    scope = User.objects.get(username="anna").coordinator_scope
    assert [m.name for m in scope.municipalities.all()] == ["Järfälla"]
    assert Group.objects.filter(name=COORDINATOR_GROUP).count() == 1


def test_an_existing_users_password_is_kept_without_the_variable(
    reference_data, password, monkeypatch
):
    run("anna", "--municipality", "0123")
    monkeypatch.delenv("DJANGO_COORDINATOR_PASSWORD")
    monkeypatch.setattr(add_coordinator.getpass, "getpass", pytest.fail)  # never asked
    output = run("anna", "--municipality", "0123")
    assert "lösenordet oförändrat" in output
    assert User.objects.get(username="anna").check_password(PASSWORD)


def test_police_area_coordinator_gets_every_municipality_the_area_serves(reference_data, password):
    output = run("bo", "--police-area", "sollentuna")
    assert "lokalpolisområden Sollentuna" in output
    names = {m.name for m in municipalities_for(User.objects.get(username="bo"))}
    assert names == {"Sollentuna", "Upplands Väsby", "Sigtuna"}


def test_password_is_asked_for_without_the_variable(reference_data, monkeypatch):
    monkeypatch.delenv("DJANGO_COORDINATOR_PASSWORD", raising=False)
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(add_coordinator.getpass, "getpass", lambda prompt: next(answers))
    run("anna", "--municipality", "0123")
    assert User.objects.get(username="anna").check_password(PASSWORD)


def test_passwords_that_differ_are_refused(reference_data, monkeypatch):
    monkeypatch.delenv("DJANGO_COORDINATOR_PASSWORD", raising=False)
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(add_coordinator.getpass, "getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="Lösenorden stämmer inte överens"):
        run("anna", "--municipality", "0123")
    assert not User.objects.filter(username="anna").exists()


def test_weak_password_is_refused_in_swedish(reference_data, monkeypatch):
    monkeypatch.setenv("DJANGO_COORDINATOR_PASSWORD", "kort")
    with pytest.raises(CommandError) as error:
        run("anna", "--municipality", "0123")
    assert "Lösenordet duger inte" in str(error.value)
    assert "för kort" in str(error.value)
    assert not User.objects.filter(username="anna").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--municipality", "9999"], "Okänd kommun: 9999"),
        (
            ["--municipality", "0123", "--police-area", "atlantis"],
            "Okänt lokalpolisområde: atlantis",
        ),
        ([], "Ange minst en kommun"),
    ],
)
def test_unknown_or_missing_scope_is_refused(reference_data, password, args, message):
    with pytest.raises(CommandError, match=message):
        run("anna", *args)
    assert not User.objects.filter(username="anna").exists()


def test_dry_run_saves_nothing_and_asks_nothing(reference_data, monkeypatch):
    monkeypatch.delenv("DJANGO_COORDINATOR_PASSWORD", raising=False)
    monkeypatch.setattr(add_coordinator.getpass, "getpass", pytest.fail)
    output = run("anna", "--municipality", "0123", "--dry-run")
    assert "Samordnaren anna skapas: kommuner Järfälla" in output
    assert "inget sparat (torrkörning)" in output
    assert not User.objects.filter(username="anna").exists()
    assert not Group.objects.filter(name=COORDINATOR_GROUP).exists()


def test_help_is_in_swedish():
    parser = add_coordinator.Command().create_parser("manage.py", "add_coordinator")
    help_text = parser.format_help()
    assert "Skapar eller uppdaterar en samordnare" in help_text
    assert "DJANGO_COORDINATOR_PASSWORD" in help_text
    assert "--municipality KOMMUN" in help_text and "--police-area OMRÅDE" in help_text
    assert "--dry-run" in help_text
