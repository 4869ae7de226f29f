"""A generic outbox: e-mail is stored first and sent later, retried, never twice.

Any app queues a message with `outbox.services.queue_email(...)` in the same transaction
as the change it is about, so a rolled-back change never sends mail and a committed one
never loses it. This app sits at the bottom layer and imports nothing from the domain.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


class EmailState(models.TextChoices):
    PENDING = "pending", "Väntar"
    SENT = "sent", "Skickad"
    FAILED = "failed", "Misslyckad"
    CANCELLED = "cancelled", "Stoppad"


class QueuedEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending e-mails whose next try is now or earlier, oldest first."""
        return self.filter(
            state=EmailState.PENDING, next_attempt_at__lte=now or timezone.now()
        ).order_by("next_attempt_at", "pk")

    def failed(self):
        """E-mails that gave up after the last retry and wait for a person."""
        return self.filter(state=EmailState.FAILED)

    def of_kind(self, prefix):
        """E-mails whose kind starts with `prefix`, such as "alerts."."""
        return self.filter(kind__startswith=prefix)

    def to(self, recipient):
        """E-mails to one address (compared without regard to case)."""
        return self.filter(recipient__iexact=recipient)

    def queued_since(self, since: datetime.datetime):
        return self.filter(created_at__gte=since)


class QueuedEmail(models.Model):
    """One e-mail to one recipient, with its whole text, until it is sent."""

    kind = models.CharField(
        "slag",
        max_length=40,
        help_text="Vilken del av webbplatsen som skickar, t.ex. alerts.digest.",
    )
    recipient = models.EmailField("mottagare", max_length=254)
    subject = models.CharField("ämne", max_length=300)
    text_body = models.TextField("text")
    html_body = models.TextField("HTML", blank=True)
    headers = models.JSONField("extra rubriker", default=dict, blank=True)
    # Set when the same e-mail must never be queued twice (e.g. one digest per day).
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    state = models.CharField(
        "status", max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField("försök", default=0)
    next_attempt_at = models.DateTimeField("nästa försök", default=timezone.now)
    last_error = models.CharField("senaste fel", max_length=500, blank=True)
    created_at = models.DateTimeField("skapad", default=timezone.now, db_index=True)
    sent_at = models.DateTimeField("skickad", null=True, blank=True)

    objects = QueuedEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "e-post i kön"
        verbose_name_plural = "e-postkö"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["recipient", "kind"], name="outbox_recipient_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=EmailState.SENT) | Q(sent_at__isnull=False),
                name="outbox_sent_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.subject} ({self.get_state_display()})"
