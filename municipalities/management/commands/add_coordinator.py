"""Create or update a coordinator: a staff user in the "Samordnare" group with a scope."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from municipalities.lookup import find_municipality, find_police_area
from municipalities.services import COORDINATOR_GROUP, set_coordinator_scope

ENVIRONMENT_VARIABLE = "DJANGO_COORDINATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Skapar eller uppdaterar en samordnare: en användare som loggar in i administrationen "
        f"och arbetar med sina kommuners och lokalpolisområdens medborgarlöften, "
        f"överenskommelser och uppföljningar. Användaren läggs i gruppen ”{COORDINATOR_GROUP}” "
        "och får exakt de kommuner och lokalpolisområden som anges (tidigare behörigheter "
        "ersätts). Lösenordet läses från miljövariabeln "
        f"{ENVIRONMENT_VARIABLE}, annars frågar kommandot efter det. För en befintlig användare "
        "byts lösenordet bara om variabeln är satt. Kan köras om och om igen."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="ANVÄNDARNAMN", help="Användarnamnet.")
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            metavar="KOMMUN",
            help="Kommunens namn (Vingåker, stora eller små bokstäver, med eller utan å ä ö), "
            "kommunkod (0428) eller kortnamn (vingaker). Kan anges flera gånger.",
        )
        parser.add_argument(
            "--police-area",
            action="append",
            default=[],
            metavar="OMRÅDE",
            help="Lokalpolisområdets namn eller kortnamn, till exempel Katrineholm eller "
            "sollentuna. Ger behörighet till alla "
            "kommuner som området arbetar i. Kan anges flera gånger.",
        )
        parser.add_argument("--email", default=None, help="E-postadress (frivilligt).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle göras, spara inget och fråga inte efter lösenord.",
        )

    def handle(self, *args, username, municipality, police_area, email, dry_run, **options):
        with translation.override("sv"):
            return self._handle(username, municipality, police_area, email, dry_run)

    def _handle(self, username, municipality_keys, area_keys, email, dry_run):
        if not municipality_keys and not area_keys:
            raise CommandError(
                "Ange minst en kommun (--municipality 0123) eller ett lokalpolisområde "
                "(--police-area sollentuna); annars kan samordnaren inte se något."
            )
        municipalities = self.find_municipalities(municipality_keys)
        areas = self.find_police_areas(area_keys)

        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        created = user is None
        password = os.environ.get(ENVIRONMENT_VARIABLE) or None
        if created and password is None and not dry_run:
            password = self.ask_password()

        with transaction.atomic():
            if created:
                user = User(**{User.USERNAME_FIELD: username})
            if email is not None:
                user.email = email
            if password is not None:
                self.check_password(password, user)
                user.set_password(password)
            elif created:
                user.set_unusable_password()  # only in a dry run, which is rolled back
            user.is_staff = True
            user.save()
            set_coordinator_scope(user=user, municipalities=municipalities, police_areas=areas)
            if dry_run:
                transaction.set_rollback(True)

        if user.is_superuser:
            self.stdout.write(
                self.style.WARNING("Användaren är superanvändare och ser redan allt.")
            )
        if not user.is_active:
            self.stdout.write(
                self.style.WARNING(
                    "Kontot är inaktiverat: aktivera det i administrationen för att "
                    "personen ska kunna logga in."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                self.summary(username, created, municipalities, areas, password, dry_run)
            )
        )

    def find_municipalities(self, keys):
        return self._find_each(
            keys,
            find_municipality,
            "Okänd kommun",
            "Ange kommunens namn (Vingåker), kommunkoden med fyra siffror (0428) eller "
            "kortnamnet (vingaker). Har referensdatan lästs in (manage.py load_reference_data)?",
        )

    def find_police_areas(self, keys):
        return self._find_each(
            keys,
            find_police_area,
            "Okänt lokalpolisområde",
            "Ange områdets namn (Katrineholm) eller kortnamn (sodra-vatterbygden).",
        )

    def _find_each(self, keys, lookup, unknown_label, hint):
        found, problems = [], []
        for key in keys:
            result = lookup(key)
            if result.found is not None:
                found.append(result.found)
            elif result.ambiguous:
                problems.append(
                    f"”{key}” kan vara flera: {'; '.join(result.ambiguous)}. Ange koden "
                    "eller kortnamnet."
                )
            elif result.suggestions:
                problems.append(
                    f"{unknown_label}: {key}. Menade du {' eller '.join(result.suggestions)}?"
                )
            else:
                problems.append(f"{unknown_label}: {key}.")
        if problems:
            raise CommandError(" ".join(problems) + " " + hint)
        return found

    def ask_password(self):
        try:
            first = getpass.getpass("Lösenord: ")
            second = getpass.getpass("Lösenord igen: ")
        except (EOFError, KeyboardInterrupt) as error:
            raise CommandError(
                f"Inget lösenord angavs. Sätt {ENVIRONMENT_VARIABLE} eller kör kommandot i en "
                "terminal."
            ) from error
        if not first:
            raise CommandError("Lösenordet får inte vara tomt.")
        if first != second:
            raise CommandError("Lösenorden stämmer inte överens. Försök igen.")
        return first

    def check_password(self, password, user):
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Lösenordet duger inte: " + " ".join(error.messages)) from error

    def summary(self, username, created, municipalities, areas, password, dry_run):
        names = ", ".join(m.name for m in municipalities) or "–"
        area_names = ", ".join(a.name for a in areas) or "–"
        if created:
            action = "skapas" if dry_run else "skapad"
        else:
            action = "uppdateras" if dry_run else "uppdaterad"
        if dry_run:
            login_note = "inget sparat (torrkörning)"
        elif password is not None:
            login_note = "lösenordet satt"
        else:
            login_note = f"lösenordet oförändrat (sätt {ENVIRONMENT_VARIABLE} för att byta)"
        return (
            f"Samordnaren {username} {action}: kommuner {names}; lokalpolisområden "
            f"{area_names}; grupp {COORDINATOR_GROUP}; {login_note}."
        )
