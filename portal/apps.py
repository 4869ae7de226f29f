from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public site: the pages citizens read, search, sitemaps and the page cache."""

    name = "portal"
    verbose_name = "Webbplatsen"

    def ready(self):
        from core import preview
        from followup.models import FollowUpReport
        from promises.models import PromisePeriod

        from . import caching, report, views

        # The admin previews drafts through the public pages, which live here.
        preview.register(PromisePeriod, lambda r, o: views.period_response(r, o, preview=True))
        preview.register(FollowUpReport, lambda r, o: report.report_response(r, o, preview=True))
        caching.invalidate_on_public_content_change()
