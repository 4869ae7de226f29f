"""Reference data (read-only for coordinators) and the coordinators' scopes (superusers)."""

from django.contrib import admin
from django.db.models import Prefetch

from . import services
from .models import CoordinatorScope, County, LocalPoliceArea, Municipality, PoliceRegion
from .scope import ScopedAutocompleteMixin, municipalities_for, police_areas_for


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
class MunicipalityAdmin(ScopedAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "code", "county"]
    list_filter = ["county"]
    list_select_related = ["county"]
    search_fields = ["name", "code"]

    def autocomplete_choices(self, user):
        return municipalities_for(user)


@admin.register(LocalPoliceArea)
class LocalPoliceAreaAdmin(ScopedAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "police_region", "police_district", "source_status"]
    list_filter = ["police_region", "source_status"]
    list_select_related = ["police_region"]
    search_fields = ["name", "municipalities__name"]
    autocomplete_fields = ["municipalities"]

    def autocomplete_choices(self, user):
        return police_areas_for(user)


@admin.register(CoordinatorScope)
class CoordinatorScopeAdmin(admin.ModelAdmin):
    """Superusers give a user their municipalities and police areas; saving makes the
    user a coordinator (staff, in the "Samordnare" group)."""

    list_display = ["user", "municipality_names", "police_area_names", "user_is_active"]
    list_select_related = ["user"]
    search_fields = ["user__username", "municipalities__name", "police_areas__name"]
    autocomplete_fields = ["user", "municipalities", "police_areas"]
    fieldsets = [
        (
            None,
            {
                "fields": ["user", "municipalities", "police_areas"],
                "description": (
                    "Skapa först användaren under Användare (eller med kommandot "
                    "add_coordinator). När du sparar här blir användaren samordnare: "
                    "personalstatus och gruppen Samordnare sätts automatiskt. En samordnare "
                    "för ett lokalpolisområde arbetar med alla kommuner som området tjänar."
                ),
            },
        )
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("municipalities", queryset=Municipality.objects.only("name")),
                Prefetch("police_areas", queryset=LocalPoliceArea.objects.only("name")),
            )
        )

    @admin.display(description="kommuner")
    def municipality_names(self, obj):
        return ", ".join(m.name for m in obj.municipalities.all()) or "–"

    @admin.display(description="lokalpolisområden")
    def police_area_names(self, obj):
        return ", ".join(a.name for a in obj.police_areas.all()) or "–"

    @admin.display(description="aktiv", boolean=True)
    def user_is_active(self, obj):
        return obj.user.is_active

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.make_coordinator(user=obj.user)
