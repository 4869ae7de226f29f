"""The |hyphenate filter: soft hyphens in long Swedish words (core/hyphens.py). Content
passages get theirs from {% passage %} (core/templatetags/passages.py), in the language
of the passage."""

from django import template

from core.hyphens import SOFT_HYPHEN, break_points, hyphenate_text  # noqa: F401 - re-exported
from core.hyphens import hyphenate as _hyphenate

register = template.Library()


@register.filter(needs_autoescape=True)
def hyphenate(value, autoescape=True):
    """Escape (unless already safe) and add soft hyphens to long words. For text, before
    |linebreaks: an address in an attribute would be hyphenated too."""
    return _hyphenate(value, autoescape)
