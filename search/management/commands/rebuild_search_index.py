"""Build the search index again from every public row (after a deploy that changes what
is indexed, after bulk inserts that bypass signals, or to prune the vocabulary)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from search import indexer


class Command(BaseCommand):
    help = "Bygger om sökindexet från allt publicerat innehåll."

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic():  # searches see the old index until the new one is done
            total = indexer.rebuild()
        seconds = time.monotonic() - started
        self.stdout.write(f"Sökindexet byggt: {total} dokument på {seconds:.1f} s.")
