"""The editors' queue of accessibility requests, the outbox and the statement.

Requests hold personal data: only users with the accessibility permissions (the group
"Tillgänglighetsredaktör", and superusers) see any of this; coordinators do not.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from config.admin_a11y import AdminWidgetsMixin

from . import services
from .models import (
    AccessibilityRequest,
    AccessibilityStatement,
    Notification,
    NotificationState,
    RequestState,
)


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(AdminWidgetsMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "compliance_status", "reviewed_on", "answer_days"]
    fieldsets = [
        (None, {"fields": ["service_name", "compliance_status", "contact_email", "answer_days"]}),
        (
            "Innehåll som inte är tillgängligt",
            {"fields": ["known_shortcomings", "disproportionate_burden", "content_not_covered"]},
        ),
        ("Hur vi testat webbplatsen", {"fields": ["how_tested", "assessed_on", "reviewed_on"]}),
    ]

    def has_add_permission(self, request):
        # There is one statement; the data migration creates it.
        return super().has_add_permission(request) and not AccessibilityStatement.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = "försenad"
    parameter_name = "forsenad"

    def lookups(self, request, model_admin):
        return [("ja", "Försenade"), ("nej", "Inte försenade")]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.overdue()
        if self.value() == "nej":
            return queryset.not_overdue()
        return queryset


class NotificationInline(admin.TabularInline):
    model = Notification
    fields = ["kind", "state", "attempts", "last_attempt_at", "sent_at", "last_error"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "e-post om ärendet"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AccessibilityRequest)
class AccessibilityRequestAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "kind",
        "state",
        "received_at",
        "due_on",
        "overdue_label",
        "handler",
        "quarantine_label",
    ]
    list_filter = ["state", "kind", "is_quarantined", OverdueFilter]
    list_select_related = ["handler"]
    search_fields = ["=reference"]
    ordering = ["-received_at"]
    inlines = [NotificationInline]
    actions = [
        "mark_in_progress",
        "mark_answered",
        "mark_closed",
        "release_from_quarantine",
    ]
    fieldsets = [
        ("Handläggning", {"fields": ["state", "handler", "reply_note"]}),
        (
            "Ärendet",
            {
                "fields": [
                    "reference",
                    "kind",
                    "page_url",
                    "message",
                    "wanted_format_display",
                    "assistive_technology",
                    "browser",
                ]
            },
        ),
        ("Kontakt", {"fields": ["contact_name", "contact_email", "personal_data_purged_at"]}),
        (
            "Tider",
            {
                "fields": [
                    "received_at",
                    "due_on",
                    "acknowledged_at",
                    "answered_at",
                    "closed_at",
                ]
            },
        ),
        ("Karantän", {"fields": ["is_quarantined", "quarantine_reason"]}),
    ]
    # What the person sent is a record: editors handle it but do not rewrite it. Only
    # the handling fields are editable; everything else the form shows is read-only.
    readonly_fields = [
        name
        for name in flatten_fieldsets(fieldsets)
        if name not in ("state", "handler", "reply_note")
    ]

    def has_add_permission(self, request):
        # Requests come from the public forms only.
        return False

    def has_delete_permission(self, request, obj=None):
        # A request is never lost; personal data is erased by the purge instead.
        return request.user.is_superuser

    def has_release_permission(self, request):
        return request.user.has_perm("accessibility.release_accessibilityrequest")

    @admin.display(description="försenad")
    def overdue_label(self, obj):
        # Text, not only colour, so the state is clear to everyone.
        return format_html("<strong>{}</strong>", "Försenad") if obj.is_overdue() else "–"

    @admin.display(description="karantän")
    def quarantine_label(self, obj):
        return "I karantän" if obj.is_quarantined else "–"

    @admin.display(description="önskat format")
    def wanted_format_display(self, obj):
        return obj.wanted_format_display or "–"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "handler":
            # Only people who may handle requests can be made their handler.
            perm = Q(codename="change_accessibilityrequest")
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .filter(
                    Q(is_superuser=True)
                    | Q(groups__permissions__in=_permissions(perm))
                    | Q(user_permissions__in=_permissions(perm))
                )
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data:
            obj.move_to(obj.state, at=timezone.now(), by=request.user)
        super().save_model(request, obj, form, change)

    def _move(self, request, queryset, state, label):
        count = services.move_requests(requests=queryset, state=state, by=request.user)
        self.message_user(request, f"{count} ärenden markerades som {label}.", messages.SUCCESS)

    @admin.action(description="Markera som under handläggning", permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._move(request, queryset, RequestState.IN_PROGRESS, "under handläggning")

    @admin.action(description="Markera som besvarade", permissions=["change"])
    def mark_answered(self, request, queryset):
        self._move(request, queryset, RequestState.ANSWERED, "besvarade")

    @admin.action(description="Markera som avslutade", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._move(request, queryset, RequestState.CLOSED, "avslutade")

    @admin.action(description="Släpp ur karantän (skicka e-post)", permissions=["release"])
    def release_from_quarantine(self, request, queryset):
        count = services.release_from_quarantine(requests=queryset)
        self.message_user(
            request, f"{count} ärenden släpptes ur karantän och e-post skickas.", messages.SUCCESS
        )


def _permissions(condition):
    return Permission.objects.filter(condition, content_type__app_label="accessibility")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "request",
        "kind",
        "state_label",
        "attempts",
        "created_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["state", "kind"]
    list_select_related = ["request"]
    search_fields = ["=request__reference"]
    readonly_fields = [
        "request",
        "kind",
        "state",
        "attempts",
        "created_at",
        "last_attempt_at",
        "sent_at",
        "last_error",
    ]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="status", ordering="state")
    def state_label(self, obj):
        if obj.state == NotificationState.FAILED:
            return format_html("<strong>{}</strong>", obj.get_state_display())
        return obj.get_state_display()

    @admin.action(description="Försök igen", permissions=["change"])
    def retry(self, request, queryset):
        count = services.retry_notifications(notifications=queryset)
        self.message_user(request, f"{count} e-postmeddelanden köades igen.", messages.SUCCESS)
