"""E-mail coordinators the tertial follow-ups that are due or overdue (cron, daily)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from followup import reminders
from outbox.services import send_pending


class Command(BaseCommand):
    help = (
        "Påminner varje aktiv samordnare per e-post om uppföljningar som saknas eller är "
        "utkast: REMINDER_DAYS_BEFORE dagar innan tertialen slutar och REMINDER_DAYS_AFTER "
        "dagar efter. Varje steg skickas en gång per samordnare, period och tertial, via "
        "utkorgen (sparas, försöks igen). Kör dagligen från cron; kan köras om utan risk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle skickas; skicka inget."
        )
        parser.add_argument(
            "--today",
            help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD), för att pröva utskicket.",
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError("--today ska vara ett datum som 2026-04-30.") from error
        run = reminders.send_reminders(today=day, dry_run=dry_run)
        for user, items in run.planned:
            self.stdout.write(f"{user.get_username()} <{user.email}>:")
            for item in items:
                state = "utkast" if item.report else "saknas"
                self.stdout.write(
                    f"  {item.period}: tertial {item.tertial} {item.year} ({state}, "
                    f"steg {item.step:+d} dagar)"
                )
        if dry_run:
            self.stdout.write(f"Skulle skicka {run}. Inget skickat.")
            return
        sent = send_pending(kind_prefix=reminders.EMAIL_KIND)
        self.stdout.write(self.style.SUCCESS(f"Köade {run}. Utkorgen: {sent}."))
