from django.apps import AppConfig


class PromisesConfig(AppConfig):
    name = "promises"
    verbose_name = "Medborgarlöften"

    def ready(self):
        from municipalities.models import County, LocalPoliceArea, Municipality

        from .caching import invalidate_on_change
        from .models import Activity, CooperationAgreement, Goal, Promise, PromisePeriod

        # Reference data is shown on the public pages too, so its edits invalidate them.
        invalidate_on_change(
            PromisePeriod, Promise, Goal, Activity, CooperationAgreement,
            Municipality, County, LocalPoliceArea,
        )  # fmt: skip
