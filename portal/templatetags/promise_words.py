"""Who promises an activity, who carries it out, its target and what was achieved, in the
page's language: the wording stated once in the models (promises/models/content.py,
followup/models.py), the partner and the unit put in as content passages, marked with
their language (core/templatetags/passages.py).

    {% promiser group %}       "Polisen lovar", "Vätterhem lovar" (a PartyGroup;
                               promiser_of for a report's rows of one party)
    {% responsible activity %} "Kommunen tillsammans med Vätterhem"
    {% target activity %}      "minst 50 trafikkontroller", "" without a target
    {% achievement status %}   "Uppnått: 30 av 50 – målet är inte nått ännu.", "" without
"""

from django import template
from django.utils.html import format_html

from core.content import find_passage, page_language
from core.templatetags.passages import render_passage
from followup.models import achievement_words
from promises.models import ResponsibleParty
from promises.models.content import (
    AT_LEAST,
    OTHER_PARTY_PROMISES,
    PROMISER_HEADINGS,
    TOGETHER_WITH,
)

register = template.Library()


def _phrase(context, obj, field):
    return render_passage(context, find_passage(obj, field, page_language()), hyphens=False)


def _promiser(context, activity):
    if activity.responsible == ResponsibleParty.OTHER:
        partner = _phrase(context, activity, "partner_name")
        return format_html(str(OTHER_PARTY_PROMISES), party=partner)
    return PROMISER_HEADINGS[activity.responsible]


@register.simple_tag(takes_context=True)
def promiser(context, group):
    return _promiser(context, group.activities[0])


@register.simple_tag(takes_context=True)
def promiser_of(context, rows):
    """The heading of a report table's rows ((activity, status), …) of one party."""
    return _promiser(context, rows[0][0])


@register.simple_tag(takes_context=True)
def responsible(context, activity):
    if activity.responsible == ResponsibleParty.OTHER:
        return _phrase(context, activity, "partner_name")
    label = activity.get_responsible_display()
    if not activity.partner_name:
        return label
    partner = _phrase(context, activity, "partner_name")
    return format_html(str(TOGETHER_WITH), party=label, partner=partner)


@register.simple_tag(takes_context=True)
def target(context, activity):
    if activity.target_count is None:
        return ""
    unit = _phrase(context, activity, "target_unit")
    return format_html(str(AT_LEAST), count=activity.target_count, unit=unit)


@register.simple_tag(takes_context=True)
def achievement(context, status):
    if not status:  # None, or nothing where the page sets no latest status
        return ""
    unit = _phrase(context, status.activity, "target_unit")
    return achievement_words(status, unit, format=format_html)
