"""The outbox in the admin: superusers only, since every row holds an e-mail address."""

from django.contrib import admin, messages

from . import services
from .models import QueuedEmail


@admin.action(description="Försök skicka igen")
def retry_selected(modeladmin, request, queryset):
    count = services.retry(ids=list(queryset.values_list("pk", flat=True)))
    modeladmin.message_user(request, f"{count} e-postmeddelanden läggs i kön igen.", messages.INFO)


@admin.register(QueuedEmail)
class QueuedEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "state", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["state", "kind"]
    actions = [retry_selected]
    readonly_fields = [f.name for f in QueuedEmail._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
