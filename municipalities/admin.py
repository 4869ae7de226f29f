from django.contrib import admin

from .models import CoordinatorScope, County, LocalPoliceArea, Municipality, PoliceRegion


@admin.register(PoliceRegion)
class PoliceRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "police_region"]
    list_filter = ["police_region"]
    list_select_related = ["police_region"]
    search_fields = ["name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "county"]
    list_filter = ["county"]
    list_select_related = ["county"]
    search_fields = ["name", "code"]


@admin.register(LocalPoliceArea)
class LocalPoliceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "police_region", "police_district", "source_status"]
    list_filter = ["police_region", "source_status"]
    list_select_related = ["police_region"]
    search_fields = ["name", "municipalities__name"]
    autocomplete_fields = ["municipalities"]


@admin.register(CoordinatorScope)
class CoordinatorScopeAdmin(admin.ModelAdmin):
    list_display = ["user"]
    search_fields = ["user__username", "municipalities__name", "police_areas__name"]
    autocomplete_fields = ["user", "municipalities", "police_areas"]
