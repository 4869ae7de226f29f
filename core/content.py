"""Content passages: the text of a model object's content field (a period's lead, an
activity, a status comment …) in the language a page is in, and how it is shown.

Coordinators write the content in Swedish. A page in another language shows a
translation where one exists and the Swedish text otherwise, marked `lang="sv"`, with one
notice near the top of the page saying that parts of it are only in Swedish (WCAG 3.1.2:
never an unmarked mix, never an empty field). Every template outputs a content field
through {% passage %} (core/templatetags/passages.py), which asks `find_passage`.

`find_passage(obj, field, language)` is the one seam where translations come in. Today
it returns the Swedish source, unless the object answers `translated_passage(field,
language)` with a Passage: a model that stores translations implements that method (its
rows prefetched by the view, so a page runs no query per field) and no template changes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

# The language coordinators write in: every content field's source.
SOURCE_LANGUAGE = "sv"


@dataclass(frozen=True)
class Passage:
    """The text to show for one content field, the language it is in, and whether it is
    a machine translation nobody has reviewed yet (the page labels it so)."""

    text: str
    language: str = SOURCE_LANGUAGE
    machine_translated: bool = False

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)

    @property
    def lines(self):
        """The text's non-empty lines, stripped (a field written one item per line)."""
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    @property
    def in_page_language(self):
        """Whether the text is in the language the page is being rendered in."""
        return self.language == page_language()


def page_language():
    """The language of the page being rendered (the active one; Swedish outside a request)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def find_passage(obj, field: str, language: str) -> Passage:
    """The text of `obj`'s content field `field` for a page in `language`: a translation
    when `obj.translated_passage(field, language)` gives one, else the Swedish source.
    Never empty where the source is not."""
    source = getattr(obj, field, "") if obj is not None else ""
    source = "" if source is None else str(source)
    if language != SOURCE_LANGUAGE and source:
        translated = getattr(obj, "translated_passage", None)
        found = translated(field, language) if translated is not None else None
        if found is not None and found.text:
            return found
    return Passage(source, SOURCE_LANGUAGE)


def source_passage(text) -> Passage:
    """A Swedish text that is not one field of one object (a search hit's title and
    snippet, put together from the index): shown as Swedish wherever it appears."""
    return Passage("" if text is None else str(text), SOURCE_LANGUAGE)


class PassageRecord:
    """What the passages of one page rendering did: whether any was shown in another
    language than the page's (base.html then shows the notice once)."""

    def __init__(self):
        self.fallback = False
