"""Text handling shared by the indexer and the query: accent folding, Swedish stemming,
shortening, snippets and safe highlighting.

Stemming uses snowballstemmer's Swedish stemmer, the same Snowball algorithm as
PostgreSQL's `swedish` configuration, so SQLite's index and the highlighting agree with
what PostgreSQL matched. Words are folded (lower case, accents removed) before they are
stemmed, on both databases, so "Savstaskolan" and "Sävstaskolan" are the same word.
"""

import functools
import re
import unicodedata

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"[^\W_]+")
# Letters NFKD does not take apart, folded as PostgreSQL's unaccent does.
EXTRA_FOLDS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe"})
_stemmer = snowballstemmer.stemmer("swedish")


@functools.lru_cache(maxsize=65536)
def fold(text):
    """Lower case without accents: "Sävstaskolan" -> "savstaskolan"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def stem(word):
    """The Swedish stem of one word, folded: "Polisen" -> "polis"."""
    return _stemmer.stemWord(fold(word))


def words(text):
    """The words of `text` as typed (letters and digits only)."""
    return WORD.findall(text or "")


def key(text):
    """The folded words of `text` joined by single spaces: "Malung-Sälen" -> "malung salen"."""
    return " ".join(fold(word) for word in words(text))


def phrases(typed, longest=4):
    """Every run of up to `longest` consecutive words as a key: the place names a query
    may contain ("upplands vasby" in "upplands väsby trygghet")."""
    folded = [fold(word) for word in typed]
    return {
        " ".join(folded[start : start + size])
        for size in range(1, longest + 1)
        for start in range(len(folded) - size + 1)
    }


def stems(text):
    """The stems of every word in `text`, in order, as one space-separated string (what
    SQLite's full-text index holds)."""
    return " ".join(stem(word) for word in words(text))


def shorten(text, limit):
    """`text` on one line, cut at a space before `limit` characters, with "…" if cut."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,.;:–-") + " …"


def _matches(word, wanted):
    return stem(word) in wanted


def snippet_around(text, wanted, limit=240):
    """About `limit` characters of `text` around the first word whose stem is wanted."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    centre = next((m.start() for m in WORD.finditer(text) if _matches(m.group(), wanted)), 0)
    start = max(0, centre - limit // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + limit)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{text[start:end].strip()}{suffix}"


def highlight(text, wanted):
    """Escape `text` and wrap each word whose stem is in `wanted` in <mark>."""
    pieces, last = [], 0
    for match in WORD.finditer(text or ""):
        if _matches(match.group(), wanted):
            pieces.append(escape(text[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    pieces.append(escape((text or "")[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
