"""Soft hyphens in long Swedish words, so a phone breaks "trafikkontroller" as
"trafikkontrol-ler" and never mid-syllable without a hyphen. Chromium has no Swedish
hyphenation dictionary of its own, so the break points come from pyphen's. Only the
HTML gets them: the database and search never see a soft hyphen, and a reader who copies
the text gets the words back (browsers drop U+00AD when copying)."""

import re
from functools import cache

import pyphen
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Shorter words fit a 320 px line anyway; only long compounds need break points.
MIN_LENGTH = 14
LONG_WORD = re.compile(rf"\w{{{MIN_LENGTH},}}")


@cache
def _dictionary():
    # At least three letters go to the next line: "Tillgänglighetsredogörel-se" leaves a
    # stub that reads as a word of its own.
    return pyphen.Pyphen(lang="sv", left=2, right=3)


VOWELS = set("aeiouyåäöéü")


def break_points(word):
    """Where `word` may break. pyphen's Swedish patterns mark a compound's joint from both
    sides, leaving one letter alone between two breaks: "område|s|poliserna",
    "kommu|n|invånare", "tillgänglighets|ä|renden". Only one of the two breaks is kept:
    a lone consonant ends the first part (the joining s, the n of "kommun"), so the break
    after it stays ("områdes-poliserna", "kommun-invånare", never "område-spoliserna" or
    "kommu-ninvånare"); a lone vowel begins the second part ("tillgänglighets-ärenden")."""
    points = _dictionary().positions(word)
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


def _hyphenated(word):
    points = break_points(word)
    parts = [word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True)]
    return SOFT_HYPHEN.join(parts)


def hyphenate_text(text):
    """`text` with soft hyphens at the syllable breaks of its long words."""
    return LONG_WORD.sub(lambda m: _hyphenated(m.group(0)), str(text))


@register.filter(needs_autoescape=True)
def hyphenate(value, autoescape=True):
    """Escape (unless already safe) and add soft hyphens to long words. For text, before
    |linebreaks: an address in an attribute would be hyphenated too."""
    escaped = conditional_escape(value) if autoescape else str(value)
    return mark_safe(hyphenate_text(escaped))  # noqa: S308 - escaped above
