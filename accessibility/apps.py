from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_editor_group(sender, **kwargs):
    # After every migrate (and after a test flush, which empties auth tables): the
    # editors' group exists with exactly the permissions it needs.
    from .services import ensure_editor_group

    ensure_editor_group()


class AccessibilityConfig(AppConfig):
    name = "accessibility"
    verbose_name = "Tillgänglighet"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment check

        post_migrate.connect(_ensure_editor_group, sender=self)
