"""Site search over promise periods, promises, goals, activities, follow-ups and
cooperation agreements (and municipality names, since that is what people type first).

PostgreSQL: full-text search with the Swedish configuration over a stored, GIN-indexed
search vector (stemming, so "krogtillsyn" finds "krogtillsyner"), ranked, with
ts_headline snippets.
SQLite (the laptop default): every word must occur in the text, matched on a roughly
stemmed prefix; snippets are cut and highlighted in Python. Either way only published
content is searched, and every snippet is escaped before <mark> is added.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from followup.models import ActivityStatus, FollowUpReport
from municipalities.models import Municipality
from promises.models import Activity, CooperationAgreement, Goal, Promise, PromisePeriod

MAX_WORDS = 10
PER_KIND = 20
MAX_HITS = 60
SNIPPET_CHARS = 240
CONFIG = "swedish"
# Private-use characters mark the highlights in PostgreSQL's headline, so the whole
# headline can be escaped before they are turned into <mark> tags.
START, STOP = "\ue000", "\ue001"
# Roughly what the Swedish stemmer strips, longest first: enough for the SQLite
# fallback to find "krogtillsyn" from "krogtillsynerna" by prefix.
SUFFIXES = (
    "ernas", "arnas", "ornas", "erna", "arna", "orna", "heten", "ande", "ende",
    "aste", "are", "ast", "het", "ens", "ets", "ar", "er", "or", "en", "et", "na",
    "a", "e", "s",
)  # fmt: skip
WORD = re.compile(r"[^\W_]+")


@dataclass
class Hit:
    kind: str
    title: str
    context: str
    url: str
    snippet: str
    rank: float
    updated_at: object = None


@dataclass
class Results:
    query: str
    hits: list = field(default_factory=list)
    truncated: bool = False


@dataclass
class Source:
    """One kind of searchable thing: how to find it and how to show a hit."""

    kind: str
    queryset: object
    title_field: str | None
    text_fields: tuple
    # Fields that may match but are not shown (a municipality's name). Read by the
    # SQLite fallback only: on PostgreSQL the trigger puts them in search_vector.
    extra_fields: tuple
    describe: object  # obj -> (title, context, url, updated_at)


def _in_period(period):
    return f"{period.title} i {period.municipality.name}"


def sources():
    # Each model's public() states who may see it (an announced period shows no content).
    return (
        Source(
            "Medborgarlöfte",
            PromisePeriod.objects.public().select_related("municipality"),
            "title",
            (
                "lead",
                "situation",
                "basis",
                "expected_effect",
                "partners",
                "follow_up_method",
                "source_note",
            ),  # fmt: skip
            ("municipality__name",),
            lambda p: (p.title, p.municipality.name, p.get_absolute_url(), p.updated_at),
        ),
        Source(
            "Löfte",
            Promise.objects.public().select_related("period__municipality"),
            "title",
            ("description",),
            ("period__municipality__name",),
            lambda p: (
                p.title,
                _in_period(p.period),
                f"{p.period.get_absolute_url()}#lofte-{p.pk}",
                p.period.updated_at,
            ),
        ),
        Source(
            "Mål",
            Goal.objects.public().select_related("period__municipality"),
            None,
            ("text",),
            ("period__municipality__name",),
            lambda g: (
                _in_period(g.period),
                "",
                f"{g.period.get_absolute_url()}#mal-{g.pk}",
                g.period.updated_at,
            ),
        ),
        Source(
            "Aktivitet",
            Activity.objects.public().select_related("period__municipality"),
            None,
            ("text",),
            ("partner_name", "period__municipality__name"),
            lambda a: (
                _in_period(a.period),
                f"Ansvarig: {a.responsible_label}",
                f"{a.period.get_absolute_url()}#aktivitet-{a.pk}",
                a.period.updated_at,
            ),
        ),
        Source(
            "Uppföljning",
            FollowUpReport.objects.public().select_related("period__municipality"),
            None,
            ("summary",),
            ("period__municipality__name",),
            lambda r: (r.title, _in_period(r.period), r.get_absolute_url(), r.updated_at),
        ),
        Source(
            "Kommentar i uppföljning",
            ActivityStatus.objects.public()
            .exclude(comment="")
            .select_related("report__period__municipality"),
            None,
            ("comment",),
            ("report__period__municipality__name",),
            lambda s: (
                s.report.title,
                _in_period(s.report.period),
                f"{s.report.get_absolute_url()}#status-{s.activity_id}",
                s.report.updated_at,
            ),
        ),
        Source(
            "Samverkansöverenskommelse",
            CooperationAgreement.objects.public().select_related("municipality"),
            "title",
            ("summary", "focus_areas", "body", "quote", "quote_by"),
            ("municipality__name",),
            lambda a: (a.title, a.municipality.name, a.get_absolute_url(), a.updated_at),
        ),
    )


def run(query):
    """Search published content for `query` (already cleaned by SearchForm)."""
    if not query:
        return None
    words = WORD.findall(query)[:MAX_WORDS]
    results = Results(query=query)
    if not words:
        return results
    hits = municipality_hits(words)
    search_one = _postgres_hits if connection.vendor == "postgresql" else _fallback_hits
    for source in sources():
        found = search_one(source, query, words)
        results.truncated |= len(found) >= PER_KIND
        hits.extend(found)
    hits.sort(key=lambda hit: -hit.rank)
    results.truncated |= len(hits) > MAX_HITS
    results.hits = hits[:MAX_HITS]
    return results


def municipality_hits(words):
    """Municipalities whose name contains every word: people look for their own first."""
    condition = Q()
    for word in words:
        condition &= _contains_any(("name",), word)
    found = Municipality.objects.with_county().filter(condition).order_by("name")[:PER_KIND]
    return [
        Hit(
            kind="Kommun",
            title=highlight(m.name, words),
            context=m.county.name,
            url=m.get_absolute_url(),
            snippet="",
            # Above every text match (ts_rank stays below 1), since a name is what
            # the person most likely meant.
            rank=2.0,
        )
        for m in found
    ]


# --- PostgreSQL ---------------------------------------------------------------------


def build_query(query, words):
    """websearch syntax when the person used it ("quotes", -word, or); otherwise every
    word as a stemmed prefix, so a half-typed word still finds something."""
    uses_syntax = '"' in query or re.search(r"(^|\s)-\w|\bor\b", query, re.IGNORECASE)
    if uses_syntax:
        return SearchQuery(query, config=CONFIG, search_type="websearch")
    # Words are letters and digits only (WORD), so this raw tsquery cannot be malformed.
    raw = " & ".join(f"{word}:*" for word in words)
    return SearchQuery(raw, config=CONFIG, search_type="raw")


def _joined(fields):
    """The text fields as one SQL expression, for ts_headline to cut snippets from."""
    parts = []
    for name in fields:
        if parts:
            parts.append(Value("\n\n"))
        parts.append(F(name))
    return Concat(*parts, output_field=TextField()) if len(parts) > 1 else F(fields[0])


def _postgres_hits(source, query, words):
    search_query = build_query(query, words)
    # search_vector is stored and GIN-indexed; a trigger builds it from the same fields
    # (title weighted A, text and municipality name B): migrations 0003_search_vector.
    headline = {"start_sel": START, "stop_sel": STOP, "config": CONFIG}
    annotations = {
        "search_rank": SearchRank(F("search_vector"), search_query),
        "search_snippet": SearchHeadline(
            _joined(source.text_fields),
            search_query,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
            **headline,
        ),
    }
    if source.title_field:
        annotations["search_title"] = SearchHeadline(
            source.title_field, search_query, highlight_all=True, **headline
        )
    found = (
        source.queryset.filter(search_vector=search_query)
        .annotate(**annotations)
        .order_by("-search_rank", "pk")[:PER_KIND]
    )
    return [
        _hit(
            source,
            obj,
            marked_title=_marked(obj.search_title) if source.title_field else None,
            snippet=_marked(obj.search_snippet),
            rank=obj.search_rank,
        )
        for obj in found
    ]


def _hit(source, obj, *, marked_title, snippet, rank):
    """A Hit for `obj`, its title replaced by `marked_title` (the title with its matches
    marked) where the source has one."""
    title, context, url, updated_at = source.describe(obj)
    title = title if marked_title is None else marked_title
    return Hit(source.kind, title, context, url, snippet, rank, updated_at)


def _marked(headline):
    """Escape PostgreSQL's headline, then turn its markers into <mark> elements."""
    text = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped on the line above


# --- SQLite fallback ------------------------------------------------------------------


def stem(word):
    """Trim a common Swedish ending, keeping at least four letters."""
    lowered = word.lower()
    for suffix in SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 4:
            return lowered[: -len(suffix)]
    return lowered


def _variants(word):
    # SQLite's LIKE folds case for ASCII letters only, so "öxnehaga" would miss
    # "Öxnehaga": try the usual spellings of the word as well.
    return {word, word.lower(), word.capitalize(), word.upper()}


def _contains_any(fields, word):
    condition = Q()
    for name in fields:
        for variant in _variants(word):
            condition |= Q(**{f"{name}__icontains": variant})
    return condition


def _fallback_hits(source, query, words):
    stems = [stem(word) for word in words]
    fields = ((source.title_field,) if source.title_field else ()) + source.text_fields
    condition = Q()
    for word in stems:
        condition &= _contains_any(fields + source.extra_fields, word)
    hits = []
    for obj in source.queryset.filter(condition).order_by("pk")[:PER_KIND]:
        text = "\n\n".join(getattr(obj, name) for name in source.text_fields if getattr(obj, name))
        title = getattr(obj, source.title_field) if source.title_field else ""
        # A rough rank: matches in the title count double, then matches in the text.
        rank = (2 * _count(title, stems) + _count(text, stems)) / 100
        hits.append(
            _hit(
                source,
                obj,
                marked_title=highlight(title, stems) if source.title_field else None,
                snippet=highlight(snippet_around(text, stems), stems),
                rank=min(rank, 0.99),
            )
        )
    return hits


def _pattern(words):
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"\w*(?:{alternatives})\w*", re.IGNORECASE)


def _count(text, words):
    return len(_pattern(words).findall(text)) if text else 0


def snippet_around(text, words):
    """About SNIPPET_CHARS of text around the first match, cut at spaces."""
    if len(text) <= SNIPPET_CHARS:
        return text
    match = _pattern(words).search(text)
    centre = match.start() if match else 0
    start = max(0, centre - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{text[start:end].strip()}{suffix}"


def highlight(text, words):
    """Escape `text` and wrap the words that match in <mark>; returns safe HTML."""
    if not words:
        return escape(text)
    pieces, last = [], 0
    for match in _pattern(words).finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
