"""sitemap.xml: every public page that shows published content."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from followup.models import FollowUpReport
from municipalities.models import County, LocalPoliceArea, Municipality
from promises.models import CooperationAgreement, PromisePeriod


class Sitemap(DjangoSitemap):
    """Addresses from SITE_URL, never from the request's Host: the sitemap is cached and
    served to everyone, so the first request's Host must not end up in it. Every page in
    every language (settings.LANGUAGES), each with its alternates and x-default (the
    Swedish page)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "portal:home",
            "portal:about",
            "portal:overview",
            "opendata:index",
            "opendata:api-docs",
            "accessibility:statement",
        ]

    def location(self, item):
        return reverse(item)


class CountySitemap(Sitemap):
    def items(self):
        return County.objects.order_by("name")


class MunicipalitySitemap(Sitemap):
    """Municipalities with a published period or agreement; the others only say that
    nothing is published yet."""

    def items(self):
        periods = PromisePeriod.objects.public().filter(municipality=OuterRef("pk"))
        agreements = CooperationAgreement.objects.public().filter(municipality=OuterRef("pk"))
        return Municipality.objects.filter(Q(Exists(periods)) | Q(Exists(agreements))).order_by(
            "name"
        )


class PoliceAreaSitemap(Sitemap):
    def items(self):
        return LocalPoliceArea.objects.order_by("name")


class PeriodSitemap(Sitemap):
    def items(self):
        return PromisePeriod.objects.public().select_related("municipality").order_by("pk")

    def lastmod(self, period):
        return period.updated_at


class ReportSitemap(Sitemap):
    def items(self):
        return FollowUpReport.objects.public().select_related("period__municipality").order_by("pk")

    def lastmod(self, report):
        return report.updated_at


class AgreementSitemap(Sitemap):
    def items(self):
        return CooperationAgreement.objects.public().select_related("municipality").order_by("pk")

    def lastmod(self, agreement):
        return agreement.updated_at


SITEMAPS = {
    "sidor": StaticSitemap,
    "lan": CountySitemap,
    "kommuner": MunicipalitySitemap,
    "lokalpolisomraden": PoliceAreaSitemap,
    "medborgarloften": PeriodSitemap,
    "uppfoljningar": ReportSitemap,
    "overenskommelser": AgreementSitemap,
}
