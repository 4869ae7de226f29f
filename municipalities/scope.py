"""What a coordinator may see and edit, decided in one place.

A coordinator (CoordinatorScope) is given municipalities and/or local police areas. They
may work on everything that belongs to:
- one of their municipalities, or a municipality one of their police areas serves, or
- a period or agreement whose police area is one of theirs.
Superusers are not restricted.

Each scoped model declares, once, how it reaches the object that names its municipality
and police area: a class attribute `scope_path` ("" for a period or agreement itself,
"period__" for a promise, "report__period__" for a status row). Everything here reads
that declaration: `ScopedAdminMixin` (lists, searches, filters, object permissions,
direct addresses, history), `ScopedChoicesMixin` (foreign-key choices of admins and
inlines), the admin's "/admin/r/" shortcut, the coordinators' permissions
(municipalities.services) and the system check (municipalities.checks) that refuses an
admin that forgets any of it.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.http import Http404

from .models import LocalPoliceArea, Municipality


def scope_path(model):
    """How `model` reaches its municipality and police area, or None if it is not scoped."""
    return getattr(model, "scope_path", None)


def scoped_models():
    """Every model a coordinator edits within their scope, from the declarations."""
    return [model for model in apps.get_models() if scope_path(model) is not None]


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


def restrict(queryset, user):
    """`queryset` of a scoped model limited to what the user may see."""
    return queryset.filter(scope_for(user).q(scope_path(queryset.model)))


def owner_of(obj):
    """(municipality_id, police_area_id) of a scoped object, or None if it is gone."""
    try:
        for name in filter(None, scope_path(type(obj)).split("__")):
            obj = getattr(obj, name)
    except ObjectDoesNotExist:
        return None
    if obj is None:
        return None
    return obj.municipality_id, obj.police_area_id


def may_access(user, obj):
    """Whether the user may see and edit `obj`; objects of models that are not scoped
    (reference data) are decided by permissions alone."""
    scope = scope_for(user)
    if scope.unrestricted or scope_path(type(obj)) is None:
        return True
    owner = owner_of(obj)
    return owner is not None and scope.allows(*owner)


class ScopedChoicesMixin:
    """Choices of a ModelAdmin's or inline's foreign keys limited to the coordinator's scope."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        queryset = scoped_choices(db_field.related_model, request.user)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdminMixin(ScopedChoicesMixin):
    """Limits a ModelAdmin of a scoped model to the coordinator's municipalities and police
    areas, as the model's `scope_path` declares."""

    # --- what the lists, searches and filters start from -----------------------------
    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user)

    # --- objects by direct address ------------------------------------------------------
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Out of scope and nonexistent look the same: nothing to see here.
            raise Http404("Det finns inget sådant objekt som du har behörighet till.")
        return obj

    def in_scope(self, request, obj):
        return obj is None or may_access(request.user, obj)

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


def scoped_choices(model, user):
    """What a user may pick for a foreign key to `model`, or None if any row will do."""
    if model is Municipality:
        return municipalities_for(user).select_related("county")
    if model is LocalPoliceArea:
        return police_areas_for(user)
    path = scope_path(model)
    if path is None:
        return None
    # The owner's municipality is in most labels ("Järfälla: Medborgarlöfte 2024").
    return restrict(model._default_manager.select_related(f"{path}municipality"), user)


def admin_shortcut(request, content_type_id, object_id):
    """The admin's "/admin/r/<type>/<id>/" ("Visa på webbplatsen") limited to the user's
    scope: an object outside it answers 404 exactly as a missing one, so neither its
    existence nor its public address (a draft's slug and years) is revealed."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        obj = model._default_manager.get(pk=object_id) if model else None
    except (ObjectDoesNotExist, ValueError, TypeError):
        obj = None
    if obj is None or not may_access(request.user, obj):
        raise Http404("Det finns inget sådant objekt som du har behörighet till.")
    return contenttype_views.shortcut(request, content_type_id, object_id)


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
