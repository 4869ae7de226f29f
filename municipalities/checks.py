"""System checks that make the coordinator scope a rule by construction: an admin that
could show or offer another municipality's data fails `manage.py check` (and so every
test run and deployment), instead of relying on someone remembering the mixins."""

from django.contrib.admin.sites import all_sites
from django.core import checks
from django.db import models

from .models import LocalPoliceArea, Municipality
from .scope import ScopedAdminMixin, ScopedChoicesMixin, scope_path


def _limits_choices(admin_class):
    return issubclass(admin_class, ScopedChoicesMixin)


def _scoped_foreign_keys(model):
    """Editable foreign keys of `model` that lead to a scoped model or to a municipality
    or police area: their choices must be limited to the coordinator's scope."""
    for field in model._meta.get_fields():
        if not isinstance(field, models.ForeignKey) or not field.editable:
            continue
        target = field.related_model
        if target in (Municipality, LocalPoliceArea) or scope_path(target) is not None:
            yield field


@checks.register(checks.Tags.admin)
def check_scoped_admins(app_configs=None, **kwargs):
    errors = []
    for site in all_sites:
        for model, model_admin in site._registry.items():
            label = f"{type(model_admin).__module__}.{type(model_admin).__qualname__}"
            if scope_path(model) is not None and not isinstance(model_admin, ScopedAdminMixin):
                errors.append(
                    checks.Error(
                        f"{label} registers the scoped model {model._meta.label} without "
                        "ScopedAdminMixin: coordinators would see every municipality's rows.",
                        hint="Add municipalities.scope.ScopedAdminMixin to its bases.",
                        obj=type(model_admin),
                        id="municipalities.E001",
                    )
                )
            for inline in model_admin.inlines:
                if list(_scoped_foreign_keys(inline.model)) and not _limits_choices(inline):
                    errors.append(
                        checks.Error(
                            f"The inline {inline.__qualname__} of {label} offers choices of "
                            "scoped models without limiting them to the coordinator's scope.",
                            hint="Add municipalities.scope.ScopedChoicesMixin to its bases.",
                            obj=inline,
                            id="municipalities.E002",
                        )
                    )
    return errors
