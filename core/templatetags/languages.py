"""The page in each language: for the language links in the header and the
<link rel="alternate" hreflang> in the head (templates/base.html).

    {% page_languages as languages %}

gives one entry per language in settings.LANGUAGES (Swedish first): its code, its name
in itself, the path of this page in it and the absolute address (from SITE_URL, never
the request's Host), and whether it is the page's own language. Empty when the page has
no version in other languages (the admin's pages, a page rendered without a request).

The same page, not the start page: Django's translate_url resolves the path and reverses
it in the other language (the slugs are the same). An address that resolves to nothing
(a 404) gets its language prefix swapped. Query parameters: a cached page keeps only
those it reads (its cache key, portal/caching.py), so that no visitor's ?utm=… is stored
in the copy everyone gets; a page that is not cached keeps its query string whole.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.http import urlencode

from core.languages import NAMES, OG_LOCALES

register = template.Library()


@dataclass(frozen=True)
class PageLanguage:
    code: str
    name: str
    path: str
    current: bool

    @property
    def url(self):
        return f"{settings.SITE_URL}{self.path}"


def _prefix(language):
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def _without_prefix(path, language):
    prefix = _prefix(language)
    return path[len(prefix) :] if prefix and path.startswith(prefix + "/") else path


def path_in(path, language, current):
    """`path` (of a page in `current`) in `language`, or None when the page has no
    version in it."""
    if language == current:
        return path
    try:
        resolve(path)
    except Resolver404:
        return _prefix(language) + _without_prefix(path, current)
    translated = translate_url(path, language)
    return translated if translated != path else None


def _query(request):
    match = getattr(request, "resolver_match", None)
    rule = getattr(match.func, "page_cache", None) if match else None
    if rule is None:
        return request.GET.urlencode()
    return urlencode([(name, request.GET[name]) for name in rule.reads if name in request.GET])


def languages_of(request):
    """[PageLanguage, …] for the page answering `request`; [] without other versions."""
    if request is None:
        return []
    current = translation.get_language() or settings.LANGUAGE_CODE
    query = _query(request)
    found = []
    for code, _name in settings.LANGUAGES:
        path = path_in(request.path, code, current)
        if path is None:
            return []
        path = f"{path}?{query}" if query else path
        found.append(PageLanguage(code, NAMES.get(code, code), path, code == current))
    return found if len(found) > 1 else []


@register.simple_tag(takes_context=True)
def page_languages(context):
    return languages_of(context.get("request"))


@register.filter
def in_page_language(path):
    """A Swedish address stored elsewhere (the search index), as the same page in the
    language of the page that links to it."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    if current == settings.LANGUAGE_CODE or not path:
        return path
    with translation.override(settings.LANGUAGE_CODE):  # resolved as the Swedish address it is
        return translate_url(path, current)


@register.simple_tag
def og_locale():
    return OG_LOCALES.get(translation.get_language(), "sv_SE")
