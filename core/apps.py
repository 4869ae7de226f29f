from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: what every app shares. It imports no other app of the project."""

    name = "core"
    verbose_name = "Gemensamt"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks
