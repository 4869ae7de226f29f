"""What a coordinator may see and edit, decided in one place.

A coordinator (CoordinatorScope) is given municipalities and/or local police areas. They
may work on everything that belongs to:
- one of their municipalities, or a municipality one of their police areas serves, or
- a period or agreement whose police area is one of theirs.
Superusers are not restricted.

`ScopedAdminMixin` applies the rule to a ModelAdmin: its lists, searches, filters,
autocompletes, form choices, object permissions and direct addresses;
`ScopedChoicesMixin` to an inline's form choices.
"""

from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.http import Http404

from .models import LocalPoliceArea, Municipality


@dataclass(frozen=True)
class Scope:
    unrestricted: bool
    municipality_ids: frozenset = frozenset()
    police_area_ids: frozenset = frozenset()

    def q(self, prefix=""):
        """A filter for a model whose municipality and police area are at `prefix`."""
        if self.unrestricted:
            return Q()
        return Q(**{f"{prefix}municipality_id__in": self.municipality_ids}) | Q(
            **{f"{prefix}police_area_id__in": self.police_area_ids}
        )

    def allows(self, municipality_id, police_area_id):
        return (
            self.unrestricted
            or municipality_id in self.municipality_ids
            or police_area_id in self.police_area_ids
        )


_CACHE_ATTRIBUTE = "_coordinator_scope_cache"


def scope_for(user):
    """The user's scope, read once per request (cached on the user object)."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if user.is_active and user.is_superuser:
        scope = Scope(unrestricted=True)
    elif not user.is_authenticated or not user.is_active:
        scope = Scope(unrestricted=False)
    else:
        area_ids = frozenset(
            LocalPoliceArea.objects.filter(coordinator_scopes__user=user).values_list(
                "pk", flat=True
            )
        )
        municipality_ids = frozenset(
            Municipality.objects.filter(
                Q(coordinator_scopes__user=user) | Q(local_police_areas__in=area_ids)
            ).values_list("pk", flat=True)
        )
        scope = Scope(False, municipality_ids, area_ids)
    if user.is_authenticated:
        setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


def municipalities_for(user):
    """Municipalities the user works for: their own plus every one their police areas serve."""
    scope = scope_for(user)
    if scope.unrestricted:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=scope.municipality_ids)


def police_areas_for(user):
    """Police areas the user may choose for a period or agreement: their own, and those
    that serve one of their municipalities."""
    scope = scope_for(user)
    if scope.unrestricted:
        return LocalPoliceArea.objects.all()
    return LocalPoliceArea.objects.filter(
        Q(pk__in=scope.police_area_ids) | Q(municipalities__in=scope.municipality_ids)
    ).distinct()


def restrict(queryset, user, prefix=""):
    """`queryset` limited to what the user may see; `prefix` leads to the object that
    has the municipality and police area ("" for a period, "period__" for a promise)."""
    return queryset.filter(scope_for(user).q(prefix))


def owner_of(obj, prefix=""):
    """(municipality_id, police_area_id) of the object at `prefix`, or None if it is gone."""
    try:
        for name in filter(None, prefix.split("__")):
            obj = getattr(obj, name)
    except ObjectDoesNotExist:
        return None
    if obj is None:
        return None
    return obj.municipality_id, obj.police_area_id


def may_access(user, obj, prefix=""):
    scope = scope_for(user)
    if scope.unrestricted:
        return True
    owner = owner_of(obj, prefix)
    return owner is not None and scope.allows(*owner)


class ScopedChoicesMixin:
    """Choices of a ModelAdmin's or inline's foreign keys limited to the coordinator's scope."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        queryset = scoped_choices(db_field.name, request.user)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdminMixin(ScopedChoicesMixin):
    """Limits a ModelAdmin to the coordinator's municipalities and police areas.

    `scope_prefix` leads from the model to the object with `municipality` and
    `police_area` fields.
    """

    scope_prefix = ""

    # --- what the lists, searches and filters start from -----------------------------
    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user, self.scope_prefix)

    # --- objects by direct address ------------------------------------------------------
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Out of scope and nonexistent look the same: nothing to see here.
            raise Http404("Det finns inget sådant objekt som du har behörighet till.")
        return obj

    def in_scope(self, request, obj):
        return obj is None or may_access(request.user, obj, self.scope_prefix)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    # --- the history pages of django-simple-history -------------------------------------
    def _require_current_object(self, request, object_id):
        # simple-history falls back to the last historical version when the object is
        # not in get_queryset(); a coordinator only sees the history of what they may
        # open today.
        if not request.user.is_superuser:
            self.get_object(request, unquote(object_id))  # raises Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_current_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_current_object(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def scoped_choices(field_name, user):
    """The choices a user may pick for a foreign key named `field_name`, or None."""
    # Imported here: promises and followup depend on municipalities, not the reverse.
    from followup.models import FollowUpReport
    from promises.models import Activity, Promise, PromisePeriod

    if field_name == "municipality":
        return municipalities_for(user).select_related("county")
    if field_name == "police_area":
        return police_areas_for(user)
    if field_name == "period":
        return restrict(PromisePeriod.objects.select_related("municipality"), user)
    if field_name == "promise":
        return restrict(Promise.objects.all(), user, "period__")
    if field_name == "activity":
        return restrict(Activity.objects.all(), user, "period__")
    if field_name == "report":
        return restrict(FollowUpReport.objects.select_related("period__municipality"), user)
    return None


def is_autocomplete(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"


class ScopedAutocompleteMixin:
    """For reference data every coordinator may read (municipalities, police areas):
    the autocomplete of a form field offers only what the coordinator may choose."""

    def autocomplete_choices(self, user):
        raise NotImplementedError

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if is_autocomplete(request) and not scope_for(request.user).unrestricted:
            allowed = self.autocomplete_choices(request.user)
            queryset = queryset.filter(pk__in=allowed.values("pk"))
        return queryset, may_have_duplicates
