"""Subscriptions in the admin. Addresses are personal data: only superusers see them.
Editors with the view permission see how many follow each scope, and how many alert
e-mails failed; coordinators get no permission here at all."""

from django.contrib import admin
from django.db.models import Count

from outbox.services import failure_count

from . import scopes, services
from .models import Subscription, SubscriptionState


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["scope_key", "state", "created_at", "confirmed_at"]
    list_filter = ["state"]
    change_list_template = "admin/alerts/subscription/change_list.html"

    def get_list_display(self, request):
        if request.user.is_superuser:
            return ["email", *self.list_display]
        return self.list_display

    def get_search_fields(self, request):
        return ["subscriber__email"] if request.user.is_superuser else []

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subscriber")

    @admin.display(description="e-postadress", ordering="subscriber__email")
    def email(self, obj):
        return obj.subscriber.email

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Editors see the list (no addresses); only superusers open a row.
        if obj is not None:
            return request.user.is_superuser
        return super().has_view_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        counts = list(
            Subscription.objects.confirmed()
            .values("scope_key")
            .annotate(n=Count("pk"))
            .order_by("-n", "scope_key")
        )
        found = scopes.from_keys(row["scope_key"] for row in counts)
        extra_context = {
            **(extra_context or {}),
            "scope_counts": [
                (
                    found[row["scope_key"]].label
                    if row["scope_key"] in found
                    else row["scope_key"],
                    row["n"],
                )
                for row in counts
            ],
            "failed_emails": failure_count(services.KIND_PREFIX),
            "pending_count": Subscription.objects.filter(state=SubscriptionState.PENDING).count(),
        }
        return super().changelist_view(request, extra_context)
