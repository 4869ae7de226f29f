"""E-mail alerts without an account: an address, the scopes it follows, and a record of
what has been announced, so a republished report is never announced twice.

The e-mail address is the only personal data. It is erased when every subscription of
the address has ended or was never confirmed (services.purge)."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone


def new_key() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    email = models.EmailField("e-postadress", max_length=254, unique=True)
    # Part of every signed link: a new key revokes all earlier links.
    key = models.CharField(max_length=40, default=new_key, editable=False)
    created_at = models.DateTimeField("skapad", default=timezone.now)
    # Everything announced up to this time has been mailed (or predates the subscription).
    announced_until = models.DateTimeField("utskickat till och med", null=True, blank=True)
    last_digest_on = models.DateField("senaste utskick", null=True, blank=True)

    class Meta:
        verbose_name = "prenumerant"
        verbose_name_plural = "prenumeranter"

    def __str__(self):
        return f"Prenumerant {self.pk}"


class SubscriptionState(models.TextChoices):
    PENDING = "pending", "Väntar på bekräftelse"
    CONFIRMED = "confirmed", "Bekräftad"
    UNSUBSCRIBED = "unsubscribed", "Avslutad"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        """Subscriptions that receive e-mail."""
        return self.filter(state=SubscriptionState.CONFIRMED)

    def erasable(self, *, pending_before):
        """Ended ones, and unconfirmed ones whose link has expired."""
        return self.filter(
            Q(state=SubscriptionState.UNSUBSCRIBED)
            | Q(state=SubscriptionState.PENDING, created_at__lt=pending_before)
        )


class Subscription(models.Model):
    """One address following one scope (scopes.py: "kommun:42", "land:")."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    scope_key = models.CharField("område", max_length=40, db_index=True)
    state = models.CharField(
        "status",
        max_length=12,
        choices=SubscriptionState.choices,
        default=SubscriptionState.PENDING,
    )
    created_at = models.DateTimeField("skapad", default=timezone.now)
    confirmed_at = models.DateTimeField("bekräftad", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("avslutad", null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "prenumeration"
        verbose_name_plural = "prenumerationer"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "scope_key"], name="alerts_one_subscription_per_scope"
            ),
            models.CheckConstraint(
                condition=~Q(state=SubscriptionState.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="alerts_confirmed_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.scope_key} ({self.get_state_display()})"


class AnnouncementKind(models.TextChoices):
    PERIOD = "period", "Medborgarlöfte"
    REPORT = "report", "Uppföljning"


class Announcement(models.Model):
    """Something was published for the first time. One row per object, ever: an edit
    or an unpublish/republish finds the row and announces nothing."""

    kind = models.CharField(max_length=10, choices=AnnouncementKind.choices)
    object_id = models.PositiveBigIntegerField()
    scope_keys = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "publicering att meddela"
        verbose_name_plural = "publiceringar att meddela"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="alerts_announce_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id}"
