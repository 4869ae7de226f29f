"""Content passages (core/content.py, core/templatetags/passages.py, issue 20 point 2):
on a Swedish page exactly what the filters gave before; on a page in another language the
Swedish text marked lang="sv", one notice near the top, never an empty field; a
translation from the one seam shown as it is, a machine translation labelled."""

import re
from types import SimpleNamespace

from django.template import Context, Template
from django.template.defaultfilters import linebreaks_filter
from django.utils import translation
from django.utils.safestring import mark_safe

from core.content import Passage, find_passage
from core.hyphens import SOFT_HYPHEN, hyphenate

PAGE = Template(
    "{% load passages %}{% content_languages %}<main>{% passages_notice %}"
    '<h1>{% passage period "title" hyphens=False %}</h1>'
    '<div class="lead">{% passage period "lead" paragraphs=True %}</div>'
    '<p>{% passage period "situation" %}</p>'
    "</main>{% endcontent_languages %}"
)
LEAD = "Polisen och kommunen lovar trygghetsskapande åtgärder.\n\nAndra stycket."


def period(**fields):
    values = {
        "title": "Medborgarlöfte 2020",
        "lead": LEAD,
        "situation": "Trafikkontrollerna vid skolorna",
    }
    return SimpleNamespace(**{**values, **fields})


class Translated(SimpleNamespace):
    """An object with the seam's hook, as a model with a translation table has."""

    def translated_passage(self, field, language):
        found = self.translations.get((field, language))
        return Passage(*found) if found else None


def render(obj, language):
    with translation.override(language):
        return PAGE.render(Context({"period": obj}))


def test_a_swedish_page_gets_exactly_what_the_filters_gave():
    html = render(period(), "sv")
    assert "<h1>Medborgarlöfte 2020</h1>" in html
    assert linebreaks_filter(hyphenate(LEAD)) in html
    assert f"<p>{hyphenate('Trafikkontrollerna vid skolorna')}</p>" in html
    assert "lang=" not in html
    assert "Delar av sidan" not in html and "<!--" not in html


def test_an_english_page_marks_each_swedish_passage_and_says_so_once():
    html = render(period(), "en")
    assert '<h1><span lang="sv">Medborgarlöfte 2020</span></h1>' in html
    # Paragraphs in a block of their own, the line breaks and soft hyphens kept.
    assert f'<div lang="sv">{linebreaks_filter(hyphenate(LEAD))}</div>' in html
    assert '<p><span lang="sv">Tra' in html and SOFT_HYPHEN in html
    assert html.count("Parts of this page are only in Swedish.") == 1
    # Near the top: before the first passage.
    assert html.index("only in Swedish") < html.index("Medborgarlöfte 2020")
    assert "<!--" not in html


def test_no_notice_and_no_mark_when_everything_is_translated():
    obj = Translated(
        **vars(period()),
        translations={
            ("title", "en"): ("Citizen promise 2020", "en"),
            ("lead", "en"): ("The police and the municipality promise.", "en"),
            ("situation", "en"): ("Traffic checks at the schools", "en"),
        },
    )
    html = render(obj, "en")
    assert "<h1>Citizen promise 2020</h1>" in html
    assert "lang=" not in html and "only in Swedish" not in html
    # The Swedish page still shows the Swedish source.
    assert "<h1>Medborgarlöfte 2020</h1>" in render(obj, "sv")


def test_a_missing_translation_falls_back_to_the_swedish_never_to_nothing():
    obj = Translated(**vars(period()), translations={("title", "en"): ("", "en")})
    assert find_passage(obj, "title", "en") == Passage("Medborgarlöfte 2020", "sv")
    html = render(obj, "en")
    assert '<span lang="sv">Medborgarlöfte 2020</span>' in html
    assert "only in Swedish" in html


def test_an_empty_source_shows_nothing_and_no_notice():
    html = render(period(title="", lead="", situation=""), "en")
    assert "lang=" not in html and "only in Swedish" not in html


def test_a_machine_translation_is_labelled_with_a_link_to_the_swedish_original(rf):
    obj = Translated(
        **vars(period()),
        translations={("situation", "en"): ("Traffic checks at the schools", "en", True)},
    )
    request = rf.get("/en/kommuner/jarfalla/medborgarloften/2020/")
    with translation.override("en"):
        html = Template('{% load passages %}{% passage period "situation" %}').render(
            Context({"period": obj, "request": request})
        )
    assert html.startswith("Traffic checks at the schools")
    label = re.search(r'<span class="machine-translated">(.*?)</span>', html).group(1)
    assert "Machine translation, not reviewed." in label
    assert 'hreflang="sv"' in label and "Read the Swedish original</a>" in label


def test_source_text_and_lang_attr_mark_swedish_from_elsewhere():
    template = Template(
        "{% load passages %}{% content_languages %}{% passages_notice %}"
        "<h3>{% source_text title %}</h3>"
        '{% passage_of period "title" as found %}<li{% lang_attr found %}>x</li>'
        "{% endcontent_languages %}"
    )
    context = {"title": mark_safe("<mark>krogtillsyner</mark>"), "period": period()}
    with translation.override("en"):
        html = template.render(Context(context))
    assert '<h3><span lang="sv"><mark>krogtillsyner</mark></span></h3>' in html
    assert '<li lang="sv">x</li>' in html
    assert html.count("only in Swedish") == 1
    with translation.override("sv"):
        html = template.render(Context(context))
    assert "<h3><mark>krogtillsyner</mark></h3>" in html and "<li>x</li>" in html
