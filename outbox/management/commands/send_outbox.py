"""Send the e-mail waiting in the generic outbox."""

from django.core.management.base import BaseCommand

from outbox.models import QueuedEmail
from outbox.services import send_pending


class Command(BaseCommand):
    help = (
        "Skickar e-post som väntar i utkorgen (outbox). Misslyckade försök görs om med "
        "allt längre väntan; efter OUTBOX_MAX_ATTEMPTS markeras meddelandet som misslyckat. "
        "Kan köras hur ofta som helst och samtidigt med webbprocesserna: inget skickas två gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa hur många som skulle skickas."
        )
        parser.add_argument(
            "--kind", default="", help="Bara e-post vars slag börjar så, t.ex. alerts."
        )

    def handle(self, *args, dry_run=False, kind="", **options):
        summary = send_pending(kind_prefix=kind, dry_run=dry_run)
        failed = QueuedEmail.objects.failed().of_kind(kind).count()
        if dry_run:
            self.stdout.write(f"{summary.sent} e-postmeddelanden skulle skickas. Inget skickat.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Utkorgen: {summary}."))
        if failed:
            self.stdout.write(self.style.WARNING(f"{failed} misslyckade väntar på åtgärd."))
