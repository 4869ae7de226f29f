"""Content fields in templates, in the page's language or marked as Swedish
(core/content.py says why and where translations come in).

    {% passage period "lead" paragraphs=True %}   paragraphs (|linebreaks), hyphenated
    {% passage activity "text" %}                 a phrase, hyphenated
    {% passage period "title" hyphens=False %}    a phrase as it is
    {% passage status "comment" lines=True hyphens=False %}   line breaks kept (<br>)
    {% passage period "title" lower=True hyphens=False %}     lower-cased ("medborgarlöfte 2020")
    {% passage period "title" text_only=True %}   plain text for <title> or an attribute
    {% passage_of period "lead" as lead %}        the Passage itself (lead.text, lead.language,
                                                  lead.in_page_language), e.g. for a meta tag
    {% source_text hit.title %}                   Swedish text from elsewhere (search hits),
                                                  already escaped or safe

On a Swedish page the output is exactly what the filters alone would give. On a page in
another language a passage in Swedish comes inside <span lang="sv"> (or <div lang="sv">
for paragraphs), and the page shows "Delar av sidan finns bara på svenska" once, where
base.html puts {% passages_notice %} inside {% content_languages %} … {% endcontent_languages %}.
A reviewed translation is shown as it is; an unreviewed machine translation gets a label
with a link to the Swedish page.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.content import SOURCE_LANGUAGE, PassageRecord, find_passage, page_language, source_passage
from core.hyphens import hyphenate

register = template.Library()

RECORD_KEY = "_content_passages"
# Where the notice goes; replaced once the whole page is rendered. Content is escaped,
# so no passage can contain it.
NOTICE_MARKER = "<!--content-passages-notice-->"


def _record(context, passage):
    """Note on the page's record that a passage is not in the page's language."""
    record = context.get(RECORD_KEY)
    if record is not None and passage.text and not passage.in_page_language:
        record.fallback = True


def _formatted(passage, *, paragraphs=False, lines=False, hyphens=True, lower=False):
    text = passage.text.lower() if lower else passage.text
    html = hyphenate(text, language=passage.language) if hyphens else conditional_escape(text)
    if paragraphs:
        return linebreaks_filter(html, autoescape=True)
    if lines:
        return linebreaksbr(html, autoescape=True)
    return html


def render_passage(context, passage, *, paragraphs=False, **options):
    """A passage as HTML: as it is when it is in the page's language, else marked with
    its own language (and a machine translation labelled)."""
    if not passage.text:
        return ""
    html = _formatted(passage, paragraphs=paragraphs, **options)
    if not passage.in_page_language:
        _record(context, passage)
        tag = "div" if paragraphs else "span"
        html = format_html('<{} lang="{}">{}</{}>', tag, passage.language, html, tag)
    if passage.machine_translated:
        request = context.get("request")
        html += render_to_string(
            "partials/_machine_translated.html",
            {"paragraphs": paragraphs, "original_url": _swedish_page(request)},
        )
    return mark_safe(html)  # noqa: S308 - escaped in _formatted, markup ours


def _swedish_page(request):
    return translate_url(request.path, SOURCE_LANGUAGE) if request is not None else ""


@register.simple_tag(takes_context=True)
def passage(
    context,
    obj,
    field,
    *,
    paragraphs=False,
    lines=False,
    hyphens=True,
    lower=False,
    text_only=False,
):
    found = find_passage(obj, field, page_language())
    if text_only:
        return found.text.lower() if lower else found.text
    return render_passage(
        context, found, paragraphs=paragraphs, lines=lines, hyphens=hyphens, lower=lower
    )


@register.simple_tag
def passage_of(obj, field):
    return find_passage(obj, field, page_language())


@register.simple_tag(takes_context=True)
def source_text(context, value):
    """Swedish text that is already HTML (escaped, perhaps with <mark>): marked as
    Swedish on a page in another language."""
    found = source_passage(value)
    if not found.text:
        return ""
    html = conditional_escape(value)
    if found.in_page_language:
        return html
    _record(context, found)
    return format_html('<span lang="{}">{}</span>', found.language, html)


@register.simple_tag(takes_context=True)
def catalogue_text(context, value):
    """A Swedish text made elsewhere from strings marked for translation (the OpenAPI
    document's descriptions): the catalogue's translation where it has one, else the
    Swedish marked as such."""
    if not value:
        return ""
    translated = gettext(str(value))
    if translated != value or page_language() == SOURCE_LANGUAGE:
        return translated
    return source_text(context, value)


@register.simple_tag(takes_context=True)
def lang_attr(context, found):
    """` lang="sv"` for an element that holds a Passage in another language than the
    page's (nothing otherwise), for markup the passage tag cannot wrap (list items)."""
    if not found or found.in_page_language:
        return ""
    _record(context, found)
    return format_html(' lang="{}"', found.language)


@register.filter(needs_autoescape=True)
def hyphenate_in(value, language, autoescape=True):
    """|hyphenate in the language of the passage the text comes from."""
    return hyphenate(value, autoescape, language=language)


@register.simple_tag
def passages_notice():
    return mark_safe(NOTICE_MARKER)  # noqa: S308 - a fixed comment


class ContentLanguagesNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        record = PassageRecord()
        with context.push(**{RECORD_KEY: record}):
            html = self.nodelist.render(context)
            notice = ""
            if record.fallback:
                notice = render_to_string("partials/_only_in_swedish.html")
        return mark_safe(html.replace(NOTICE_MARKER, notice, 1).replace(NOTICE_MARKER, ""))  # noqa: S308


@register.tag
def content_languages(parser, token):
    """Wraps the page: after it is rendered, the notice is put where {% passages_notice %}
    stands if any passage was shown in another language than the page's."""
    nodelist = parser.parse(("endcontent_languages",))
    parser.delete_first_token()
    return ContentLanguagesNode(nodelist)
