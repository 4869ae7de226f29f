"""Finding a municipality or a local police area as a person writes it: by name in any
case and with or without å, ä and ö ("Vingåker", "vingaker", "VINGÅKER"), by short name
or, for municipalities, by SCB's four-digit code ("0428", "428"); with the closest names
to suggest when nothing matches."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from .models import LocalPoliceArea, Municipality

_NOISE = re.compile(r"^(lokalpolisområde|lpo)\s+|\s+(kommun|kommuns)$", re.IGNORECASE)


def normalized(text: str) -> str:
    """ "Vingåker kommun" and "vingaker" read the same."""
    return slugify(_NOISE.sub("", " ".join(str(text).split())))


@dataclass
class Lookup:
    found: object = None
    ambiguous: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)


def _lookup(key, rows, label):
    wanted = normalized(key)
    matches = [row for row in rows if wanted in (row.slug, normalized(row.name))]
    if len(matches) == 1:
        return Lookup(found=matches[0])
    if matches:
        return Lookup(ambiguous=[label(row) for row in matches])
    names = {normalized(row.name): row.name for row in rows}
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    return Lookup(suggestions=[names[name] for name in close])


def find_municipality(key: str) -> Lookup:
    text = str(key).strip()
    if text.isdigit() and len(text) <= 4:
        found = Municipality.objects.filter(code=text.zfill(4)).first()
        return Lookup(found=found)
    rows = list(Municipality.objects.select_related("county"))
    return _lookup(text, rows, lambda m: f"{m.name} ({m.code}, {m.county.name})")


def find_police_area(key: str) -> Lookup:
    rows = list(LocalPoliceArea.objects.all())
    return _lookup(key, rows, lambda a: f"{a.name} ({a.slug})")
