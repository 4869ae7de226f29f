from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Följ: flöden och e-postbevakning"

    def ready(self):
        from . import signals

        signals.connect()
