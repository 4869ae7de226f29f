"""Atom 1.0 feeds (RFC 4287) for the country, a county, a police area, a municipality.
In Swedish: they live at Swedish addresses only (their fixed words are marked for the
catalogue all the same).

Entry ids are tag: URIs built from the kind and primary key, so they never change when
a title does; `published` is the first publication, `updated` the last change."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import entries, scopes

# The year the ids were minted: part of each tag: URI, never changed.
TAG_YEAR = 2026


def tag_uri(specific: str) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{host},{TAG_YEAR}:{specific}"


class ScopeFeed(Feed):
    feed_type = Atom1Feed
    kind = scopes.COUNTRY

    def get_object(self, request, slug=None):
        if self.kind == scopes.COUNTRY:
            return scopes.country()
        return scopes.Scope(self.kind, get_object_or_404(scopes.MODELS[self.kind], slug=slug))

    def title(self, scope):
        if scope.kind == scopes.COUNTRY:
            return _("{site} – hela landet").format(site=settings.SITE_NAME)
        label = scope.label[0].upper() + scope.label[1:]
        return f"{settings.SITE_NAME} – {label}"

    def subtitle(self, scope):
        return _(
            "Nya medborgarlöften, uppföljningar och samverkansöverenskommelser för {label}."
        ).format(label=scope.label)

    def link(self, scope):
        return scope.page_url

    def feed_url(self, scope):
        return scope.feed_url

    def feed_guid(self, scope):
        return tag_uri(f"flode/{scope.key}")

    def author_name(self):
        return settings.SITE_NAME

    def items(self, scope):
        return entries.feed_entries(scope)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.path

    def item_guid(self, item):
        return tag_uri(f"{item.kind}/{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated


class CountyFeed(ScopeFeed):
    kind = scopes.COUNTY


class PoliceAreaFeed(ScopeFeed):
    kind = scopes.POLICE_AREA


class MunicipalityFeed(ScopeFeed):
    kind = scopes.MUNICIPALITY
