from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = "Kommuner och polisområden"

    def ready(self):
        from . import checks  # noqa: F401 - registers the scope checks
