"""Queue and send the daily digest of new promise periods and follow-up reports."""

from django.core.management.base import BaseCommand

from alerts import services
from alerts.digest import queue_digests
from outbox.services import send_pending


class Command(BaseCommand):
    help = (
        "Lägger dagens e-post om nya medborgarlöften och uppföljningar i utkorgen (högst ett "
        "meddelande per prenumerant och dag) och skickar den. Kan köras hur ofta som helst: "
        "inget skickas två gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa hur många som skulle få e-post, utan att lägga något i kön.",
        )
        parser.add_argument(
            "--queue-only",
            action="store_true",
            help="Lägg e-posten i utkorgen men låt send_outbox skicka den.",
        )

    def handle(self, *args, dry_run=False, queue_only=False, **options):
        summary = queue_digests(dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{summary} skulle läggas i kön. Inget ändrat.")
            return
        self.stdout.write(f"Lade {summary} i utkorgen.")
        if not queue_only:
            sent = send_pending(kind_prefix=services.DIGEST_KIND)
            self.stdout.write(self.style.SUCCESS(f"Utkorgen: {sent}."))
