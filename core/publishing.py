"""Draft/published state shared by everything the public pages show.

Public views start from each model's `.public()`, so a draft can never render by accident.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
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

    def publication_problem(self):
        """Why this object may not become public now (a Swedish sentence), or None.
        Models whose publication depends on a parent override it; clean() applies it to
        every way an object can become published: the publish service and actions, the
        admin's form and a revert from the history."""
        return None

    def clean(self):
        super().clean()
        if self.is_published and not self._stored_as_published():
            problem = self.publication_problem()
            if problem:
                raise ValidationError(problem, code="not_publishable")

    def _stored_as_published(self):
        # Editing something already public is not publishing it again.
        if self.pk is None:
            return False
        stored = type(self)._default_manager.filter(pk=self.pk).values_list("status", flat=True)
        return stored.first() == PublicationStatus.PUBLISHED

    def mark_published(self, at=None):
        """Set the state to published; the first publication time is kept."""
        self.status = PublicationStatus.PUBLISHED
        if self.published_at is None:
            self.published_at = at or timezone.now()


def attribute_to(instance, user):
    # django-simple-history takes the user from the request (HistoryRequestMiddleware);
    # outside a request (commands, shell) this names who made the change.
    if user is not None:
        instance._history_user = user
    return instance


@transaction.atomic
def publish(obj, *, user=None):
    """Make a draft public: the one path every publish takes (admin actions, buttons,
    services). Raises ValidationError in Swedish if it may not be published yet."""
    obj = type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
    if not obj.is_published:
        obj.mark_published()
        obj.full_clean()
        attribute_to(obj, user).save()
    return obj


@transaction.atomic
def unpublish(obj, *, user=None):
    """Take an object off the public site; it becomes a draft again."""
    obj = type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
    if obj.is_published:
        obj.status = PublicationStatus.DRAFT
        attribute_to(obj, user).save()
    return obj
