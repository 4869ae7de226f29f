"""Erase personal data from closed accessibility requests."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accessibility.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Raderar namn och e-postadress i tillgänglighetsärenden som har varit avslutade "
        "längre än det antal dagar som tillgänglighetsredogörelsen anger "
        "(ACCESSIBILITY_PURGE_AFTER_DAYS). Ärendet, referensnumret och tiderna finns kvar. "
        "Kan köras hur ofta som helst: redan rensade ärenden berörs inte igen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Rensa ärenden som avslutades för mer än så här många dagar sedan "
            "(standard: ACCESSIBILITY_PURGE_AFTER_DAYS).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa hur många ärenden som skulle rensas, utan att ändra något.",
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.ACCESSIBILITY_PURGE_AFTER_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days kan inte vara negativt.")
        count = purge_personal_data(older_than_days=days, dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"{count} avslutade ärenden skulle rensas (äldre än {days} dagar). Inget ändrat."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Rensade namn och e-postadress i {count} avslutade ärenden "
                    f"(äldre än {days} dagar)."
                )
            )
