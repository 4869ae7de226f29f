"""Every fact of every source page can be reached from the start page by links alone."""

import html
import json
import re
from collections import deque
from pathlib import Path

from django.conf import settings
from django.utils.dateformat import format as date_format
from django.utils.dateparse import parse_date

from promises.models import PromisePeriod, format_span

SEED_DIR = Path(settings.BASE_DIR) / "fixtures" / "seed"
# Pages outside the public promise pages: forms, search results, admin, files, open data.
NOT_CRAWLED = (
    "/admin/",
    "/tillganglighet/",
    "/sok/",
    "/static/",
    "/sitemap.xml",
    "/robots.txt",
    "/oppna-data/",
    "/api/",
    "/datasets/",
)


def page_text(body):
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body)).replace("\u00ad", "")  # soft hyphens
    return " ".join(text.split())


def crawl(client):
    """Follow every internal link from the start page; returns {path: text}."""
    seen, texts, queue = {"/"}, {}, deque(["/"])
    while queue:
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        body = response.content.decode()
        texts[path] = page_text(body)
        for href in re.findall(r'href="(/[^"#?]*)', body):
            if href not in seen and not href.startswith(NOT_CRAWLED):
                seen.add(href)
                queue.append(href)
    return texts


def known_span(first, last, precision):
    return format_span(parse_date(first), parse_date(last), precision)


def swedish_date(value):
    return date_format(parse_date(value), "j F Y")


def facts():
    """The facts of the source pages, as the seed files hold them."""
    found = []

    def add(value):
        # Multi-paragraph texts are shown paragraph by paragraph.
        found.extend(part.strip() for part in str(value).split("\n") if part.strip())

    for path in sorted(SEED_DIR.glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        for period in content.get("periods", []):
            for field in ("title", *PromisePeriod.TEXT_FIELDS):
                if period.get(field):
                    add(period[field])
            # As much of the dates as the source states (issue 14: no invented days).
            add(known_span(period["starts_on"], period["ends_on"], period["dates_precision"]))
            for part in [period, *period.get("promises", [])]:
                if part is not period:
                    add(part["title"])
                    if part.get("description"):
                        add(part["description"])
                for goal in part.get("goals", []):
                    add(goal["text"])
                    if goal.get("deadline"):
                        add(swedish_date(goal["deadline"]))
                for activity in part.get("activities", []):
                    add(activity["text"])
                    if activity.get("partner_name"):
                        add(activity["partner_name"])
            for report in period.get("follow_up_reports", []):
                add(f"Uppföljning tertial {report['tertial']} {report['year']}")
        for agreement in content.get("agreements", []):
            for field in ("title", "summary", "body", "quote", "quote_by"):
                add(agreement[field])
            for area in agreement["focus_areas"]:
                add(area)
            add(swedish_date(agreement["valid_from"]))
            add(swedish_date(agreement["valid_to"]))
    return found


def test_every_source_fact_is_reachable_from_the_start_page(client, seed_content):
    texts = crawl(client)
    everything = "\n".join(texts.values())
    missing = [fact for fact in facts() if " ".join(fact.split()) not in everything]
    assert missing == []
    # The police areas that serve the seeded municipalities, and the explainer.
    assert any(
        "Lokalpolisområde Sollentuna arbetar i Sigtuna, Sollentuna och Upplands Väsby" in text
        for text in texts.values()
    )
    assert "Vad är medborgardialoger?" in everything
    assert "/om-medborgarloften/" in texts
