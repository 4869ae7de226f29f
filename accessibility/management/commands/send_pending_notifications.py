"""Send the accessibility e-mails still waiting in the outbox."""

from django.core.management.base import BaseCommand

from accessibility.services import send_pending_notifications


class Command(BaseCommand):
    help = (
        "Skickar e-post om tillgänglighetsärenden som väntar i kön (till redaktörerna och "
        "bekräftelser till dem som skrev). Säker att köra ofta från cron: varje meddelande "
        "skickas en gång. Ett meddelande som misslyckas försöks igen vid nästa körning och "
        "markeras som misslyckat i administrationen efter ACCESSIBILITY_EMAIL_MAX_ATTEMPTS försök."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa hur många meddelanden som väntar, utan att skicka något.",
        )

    def handle(self, *args, dry_run=False, **options):
        summary = send_pending_notifications(dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"{summary.sent} e-postmeddelanden väntar på att skickas (inget skickat)."
            )
            return
        style = (
            self.style.SUCCESS if not (summary.retrying or summary.failed) else self.style.WARNING
        )
        self.stdout.write(style(f"E-postkön: {summary}."))
