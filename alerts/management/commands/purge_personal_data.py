"""Erase personal data: the accessibility requests' (their command, extended) and the
e-mail addresses of ended or never-confirmed alert subscriptions."""

from accessibility.management.commands.purge_personal_data import Command as AccessibilityPurge
from alerts.services import purge


class Command(AccessibilityPurge):
    help = AccessibilityPurge.help + (
        " Raderar också e-postadresser till bevakningar som har avslutats eller aldrig "
        "bekräftades (när bekräftelselänken har gått ut), med e-posten som skickats till dem."
    )

    def handle(self, *args, dry_run=False, **options):
        super().handle(*args, dry_run=dry_run, **options)
        count = purge(dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{count} e-postadresser till bevakningar skulle raderas.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Raderade {count} e-postadresser till bevakningar.")
            )
