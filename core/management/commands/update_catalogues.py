"""manage.py update_catalogues: the English and Finnish catalogues brought up to date
with the code (new message ids added empty, removed ones dropped) and compiled. Translate
the new entries in locale/<language>/LC_MESSAGES/django.po, then run it again to compile
(docs/sprak.md)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.catalogues import CATALOGUE_LANGUAGES, makemessages_arguments


class Command(BaseCommand):
    help = "Update locale/en and locale/fi from the code (makemessages) and compile them."

    def handle(self, *args, **options):
        command, *arguments = makemessages_arguments()
        call_command(command, *arguments, verbosity=options["verbosity"])
        call_command("compilemessages", *[f"--locale={c}" for c in CATALOGUE_LANGUAGES])
