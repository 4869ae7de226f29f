"""The site's languages: which ones are on, where a page's language comes from, and the
language data Django lacks.

- Swedish is the site's language and every Swedish address stays what it is; a page in
  another language lives under its prefix (/en/…), for the addresses that exist in every
  language (config/urls.py, and `with_language_prefix` in the apps that also have
  Swedish-only addresses: feeds, open-data files, the API).
- The language of a request is read from its path and nothing else (no cookie, no
  Accept-Language): an address always shows the same language, so one cached copy per
  address is right for everyone and no response varies on a request header.
- DJANGO_LANGUAGES (config/settings/base.py) says which languages are on: "sv,en" by
  default; Finnish ("sv,en,fi") waits for a native speaker's review of locale/fi.
- Django ships no language data for meänkieli (fit) and the Sami languages (se, smj,
  sma): LANG_INFO gets entries for them here, so get_language_info() and the lang
  attributes work for the minority-language pages.
"""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

# Each language as it names itself (DIGG R17: link texts in the language linked to).
NAMES = {"sv": "Svenska", "en": "English", "fi": "Suomi"}
# The Open Graph locale of each language's pages.
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB", "fi": "fi_FI"}

# Language data Django 5.2 does not have: the national minority languages that are not
# Finnish (ISO 639-3 fit, ISO 639-1 se, ISO 639-2 smj and sma).
MINORITY_LANG_INFO = {
    "fit": {"bidi": False, "code": "fit", "name": "Meänkieli", "name_local": "meänkieli"},
    "se": {
        "bidi": False,
        "code": "se",
        "name": "Northern Sami",
        "name_local": "davvisámegiella",
    },
    "smj": {"bidi": False, "code": "smj", "name": "Lule Sami", "name_local": "julevsámegiella"},
    "sma": {
        "bidi": False,
        "code": "sma",
        "name": "Southern Sami",
        "name_local": "åarjelsaemien gïele",
    },
}


def add_language_info():
    """Give Django the minority languages' data (idempotent)."""
    for code, info in MINORITY_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)


def languages_from(value: str) -> list[tuple[str, str]]:
    """settings.LANGUAGES from DJANGO_LANGUAGES ("sv,en,fi"): Swedish first and always."""
    codes = [code.strip().lower() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in NAMES]
    if unknown:
        raise ImproperlyConfigured(
            f"DJANGO_LANGUAGES names {', '.join(unknown)}; the site has catalogues for "
            f"{', '.join(NAMES)}."
        )
    if not codes or codes[0] != "sv":
        raise ImproperlyConfigured("DJANGO_LANGUAGES must start with sv, the site's language.")
    return [(code, NAMES[code]) for code in dict.fromkeys(codes)]


class PathLanguageMiddleware:
    """Activates the language of the path's prefix (/en/…), Swedish for every other
    path, for the request and its response; then puts back what was active before (so a
    request never leaves its language behind in the thread). Sets Content-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        language = language or settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def with_language_prefix(*urls):
    """The addresses of an app that exist in every language, under the language prefix
    (none for Swedish): Django's i18n_patterns, for an app that also has Swedish-only
    addresses beside them in the same namespace (feeds, files). include() refuses
    i18n_patterns at the top of an included URLconf because Django's LocaleMiddleware
    looks for them in the root only; this site reads the language from the path itself
    (PathLanguageMiddleware), and the root URLconf uses i18n_patterns too."""
    from django.conf.urls.i18n import i18n_patterns
    from django.urls import URLResolver
    from django.urls.resolvers import RoutePattern

    return URLResolver(RoutePattern(""), i18n_patterns(*urls, prefix_default_language=False))
