from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, CooperationAgreement, Goal, Promise, PromisePeriod


class PromiseInline(admin.StackedInline):
    model = Promise
    extra = 0


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0


@admin.register(PromisePeriod)
class PromisePeriodAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "police_area", "starts_on", "ends_on", "status"]
    list_filter = ["status", "municipality__county"]
    list_select_related = ["municipality", "police_area"]
    search_fields = ["title", "municipality__name", "lead", "situation"]
    autocomplete_fields = ["municipality", "police_area"]
    inlines = [PromiseInline, GoalInline, ActivityInline]


@admin.register(Promise)
class PromiseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "period"]
    list_select_related = ["period__municipality"]
    search_fields = ["title", "description"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "responsible", "period"]
    list_filter = ["responsible"]
    list_select_related = ["period__municipality"]
    search_fields = ["text", "partner_name"]


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "valid_from", "valid_to", "status"]
    list_filter = ["status"]
    list_select_related = ["municipality"]
    search_fields = ["title", "municipality__name"]
    autocomplete_fields = ["municipality", "police_area"]
