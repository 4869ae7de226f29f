from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActivityStatus, FollowUpReport


class ActivityStatusInline(admin.TabularInline):
    model = ActivityStatus
    extra = 0


@admin.register(FollowUpReport)
class FollowUpReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "tertial", "status"]
    list_filter = ["status", "tertial", "year"]
    list_select_related = ["period__municipality"]
    search_fields = ["period__municipality__name", "summary"]
    inlines = [ActivityStatusInline]
