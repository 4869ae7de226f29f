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
    return pyphen.Pyphen(lang="sv")


def hyphenate_text(text):
    """`text` with soft hyphens at the syllable breaks of its long words."""
    return LONG_WORD.sub(
        lambda m: _dictionary().inserted(m.group(0), hyphen=SOFT_HYPHEN), str(text)
    )


@register.filter(needs_autoescape=True)
def hyphenate(value, autoescape=True):
    """Escape (unless already safe) and add soft hyphens to long words. For text, before
    |linebreaks: an address in an attribute would be hyphenated too."""
    escaped = conditional_escape(value) if autoescape else str(value)
    return mark_safe(hyphenate_text(escaped))  # noqa: S308 - escaped above
