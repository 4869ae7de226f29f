"""Coordinators: the "Samordnare" group and each coordinator's scope."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q

from .models import CoordinatorScope, County, LocalPoliceArea, Municipality, PoliceRegion
from .scope import scoped_models

COORDINATOR_GROUP = "Samordnare"

# Reference data coordinators only read (and choose from in their forms).
READABLE_MODELS = (PoliceRegion, County, Municipality, LocalPoliceArea)
EDIT_ACTIONS = ("view", "add", "change", "delete")


def coordinator_permission_keys():
    """(app_label, codename) of every permission the group has; nothing more: full rights
    on every scoped model (their `scope_path` declarations; ScopedAdminMixin narrows them
    to the coordinator's scope) and the right to read reference data."""
    keys = set()
    for model in scoped_models():
        opts = model._meta
        keys |= {(opts.app_label, f"{action}_{opts.model_name}") for action in EDIT_ACTIONS}
    for model in READABLE_MODELS:
        keys.add((model._meta.app_label, f"view_{model._meta.model_name}"))
    return keys


@transaction.atomic
def ensure_coordinator_group():
    """Create the "Samordnare" group or reset its permissions to exactly the needed ones.

    Never user management: coordinators cannot create users or change anyone's rights.
    """
    keys = coordinator_permission_keys()
    query = Q()
    for app_label, codename in keys:
        query |= Q(content_type__app_label=app_label, codename=codename)
    permissions = list(Permission.objects.filter(query))
    if len(permissions) != len(keys):
        raise ImproperlyConfigured(
            "Behörigheterna för samordnare saknas i databasen. Kör manage.py migrate först."
        )
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    group.permissions.set(permissions)
    return group


@transaction.atomic
def make_coordinator(*, user, group=None):
    """Let the user into the admin as a coordinator: staff, in the group, with a scope."""
    group = group or ensure_coordinator_group()
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(group)
    scope, _ = CoordinatorScope.objects.get_or_create(user=user)
    return scope


@transaction.atomic
def set_coordinator_scope(*, user, municipalities, police_areas):
    """Make `user` a coordinator of exactly these municipalities and police areas."""
    scope = make_coordinator(user=user)
    scope.municipalities.set(municipalities)
    scope.police_areas.set(police_areas)
    return scope
