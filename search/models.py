"""The search index: one row per public, searchable thing.

Rows are written only by search/indexer.py, from each model's public rows. The text
index itself is not a Django field: on PostgreSQL a generated, GIN-indexed `vector`
column (Swedish configuration over unaccented text), on SQLite the FTS5 table
`search_fts` keyed by the document's id; both are created by migration 0001.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models import County, LocalPoliceArea, Municipality


class Kind(models.TextChoices):
    # The value is what `?typ=` takes; the label is shown on each hit.
    MUNICIPALITY = "kommun", _("Kommun")
    COUNTY = "lan", _("Län")
    POLICE_AREA = "lokalpolisomrade", _("Lokalpolisområde")
    PERIOD = "medborgarlofte", _("Medborgarlöfte")
    PROMISE = "lofte", _("Löfte")
    GOAL = "mal", _("Mål")
    ACTIVITY = "aktivitet", _("Aktivitet")
    AGREEMENT = "overenskommelse", _("Samverkansöverenskommelse")
    REPORT = "uppfoljning", _("Uppföljning")
    STATUS = "kommentar", _("Kommentar i uppföljning")


class SearchDocumentQuerySet(models.QuerySet):
    def newest_update(self):
        """When the newest searchable content changed: the index holds exactly the
        public periods, reports and agreements, each with its own date."""
        return (
            self.filter(updated__isnull=False)
            .order_by("-updated")
            .values_list("updated", flat=True)
            .first()
        )


class SearchDocument(models.Model):
    kind = models.CharField("typ", max_length=20, choices=Kind.choices)
    # Where the document comes from ("promises.activity", 12): one document per row.
    source_type = models.CharField("källa", max_length=40)
    source_id = models.BigIntegerField("källans id")
    # The promise period it belongs to, so a period's publish or unpublish can add or
    # remove its whole tree. A plain number: the indexer, not a cascade, removes rows.
    period_id = models.BigIntegerField("period", null=True, blank=True, db_index=True)
    url = models.CharField("adress", max_length=300)
    title = models.CharField("rubrik", max_length=300)
    # The title's words folded ("upplands vasby"): a municipality named in the query is
    # found by equality on this (an index lookup), not through the text index.
    key = models.CharField("nyckel", max_length=300, blank=True)
    context = models.CharField("sammanhang", max_length=300, blank=True)
    text = models.TextField("text", blank=True)
    weight = models.FloatField("vikt", default=1.0)
    updated = models.DateTimeField("uppdaterad", null=True, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    police_area = models.ForeignKey(
        LocalPoliceArea, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "sökdokument"
        verbose_name_plural = "sökdokument"
        indexes = [
            models.Index(fields=["kind", "key"], name="search_kind_key"),
            # The newest public change (SearchDocument.objects.newest_update): one index
            # lookup instead of a maximum over periods, reports and agreements.
            models.Index(fields=["updated"], name="search_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="search_one_document_per_row"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class SearchWord(models.Model):
    """The index's vocabulary (lower case, as written), for "Menade du …?": trigram
    similarity on PostgreSQL (pg_trgm index from migration 0001), edit distance on
    SQLite. Words are added as documents are indexed; the rebuild command prunes."""

    word = models.CharField("ord", max_length=60, unique=True)

    class Meta:
        verbose_name = "ord i sökindexet"
        verbose_name_plural = "ord i sökindexet"

    def __str__(self):
        return self.word
