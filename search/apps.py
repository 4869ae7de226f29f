from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Sök"

    def ready(self):
        # The index follows every content change: saves, deletes and the police areas'
        # municipality lists (see search/signals.py).
        from . import signals

        signals.connect()
