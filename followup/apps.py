from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Uppföljning"

    def ready(self):
        from promises.caching import invalidate_on_change

        from .models import ActivityStatus, FollowUpReport

        invalidate_on_change(FollowUpReport, ActivityStatus)
