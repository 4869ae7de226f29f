"""Soft hyphens in long words, so a phone breaks "trafikkontroller" as
"trafikkontrol-ler" and never mid-syllable without a hyphen. Chromium has no Swedish
hyphenation dictionary of its own, so the break points come from pyphen's, in the
language of the text (Swedish, or English for an English passage; other languages get
none). Only the HTML gets them: the database and search never see a soft hyphen, and a
reader who copies the text gets the words back (browsers drop U+00AD when copying)."""

import re
from functools import cache

import pyphen
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SOFT_HYPHEN = "\u00ad"
# Shorter words fit a 320 px line anyway; only long compounds need break points.
MIN_LENGTH = 14
LONG_WORD = re.compile(rf"\w{{{MIN_LENGTH},}}")
# pyphen's dictionary for each language code the site uses.
DICTIONARIES = {"sv": "sv", "en": "en_GB"}


@cache
def _dictionary(language="sv"):
    # At least three letters go to the next line: "Tillgänglighetsredogörel-se" leaves a
    # stub that reads as a word of its own.
    return pyphen.Pyphen(lang=DICTIONARIES[language], left=2, right=3)


VOWELS = set("aeiouyåäöéü")


def break_points(word, language="sv"):
    """Where `word` may break. pyphen's Swedish patterns mark a compound's joint from both
    sides, leaving one letter alone between two breaks: "område|s|poliserna",
    "kommu|n|invånare", "tillgänglighets|ä|renden". Only one of the two breaks is kept:
    a lone consonant ends the first part (the joining s, the n of "kommun"), so the break
    after it stays ("områdes-poliserna", "kommun-invånare", never "område-spoliserna" or
    "kommu-ninvånare"); a lone vowel begins the second part ("tillgänglighets-ärenden")."""
    points = _dictionary(language).positions(word)
    kept = []
    for point in points:
        alone_after = point + 1 in points  # word[point] stands alone
        alone_before = point - 1 in points  # word[point - 1] stands alone
        if alone_after and word[point].lower() not in VOWELS:
            continue
        if alone_before and word[point - 1].lower() in VOWELS:
            continue
        kept.append(point)
    return kept


def _hyphenated(word, language):
    points = break_points(word, language)
    parts = [word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True)]
    return SOFT_HYPHEN.join(parts)


def hyphenate_text(text, language="sv"):
    """`text` with soft hyphens at the syllable breaks of its long words (unchanged in a
    language without a dictionary)."""
    if language not in DICTIONARIES:
        return str(text)
    return LONG_WORD.sub(lambda m: _hyphenated(m.group(0), language), str(text))


def hyphenate(value, autoescape=True, language="sv"):
    """Escape (unless already safe) and add soft hyphens to long words."""
    escaped = conditional_escape(value) if autoescape else str(value)
    return mark_safe(hyphenate_text(escaped, language))  # noqa: S308 - escaped above
