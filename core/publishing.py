"""Draft/published state shared by everything the public pages show.

Public views start from each model's `.public()`, so a draft can never render by accident.
"""

from django.db import models
from django.utils import timezone


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Utkast"
    PUBLISHED = "published", "Publicerad"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Rows whose own state is published."""
        return self.filter(status=PublicationStatus.PUBLISHED)

    def public(self):
        """What citizens may see: the one rule public pages, search, sitemaps, feeds and
        open data start from. A model whose visibility also depends on a parent (a report
        on its period) overrides this."""
        return self.published()


class Publishable(models.Model):
    status = models.CharField(
        "publiceringsstatus",
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text="Ett utkast syns bara för samordnare. Publicerat syns för alla.",
    )
    published_at = models.DateTimeField("publicerad", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    updated_at = models.DateTimeField("senast uppdaterad", auto_now=True, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # published_at follows status however the status was set (admin, service, shell).
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED

    def mark_published(self, at=None):
        """Set the state to published; the first publication time is kept."""
        self.status = PublicationStatus.PUBLISHED
        if self.published_at is None:
            self.published_at = at or timezone.now()
