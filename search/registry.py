"""Which models are searchable, and which of their fields: named once, here.

The indexer reads a row's text from `fields` (the first is the title where `titled`),
and the signals reindex on every save and delete of these models (search/signals.py).
Kept in the search app rather than on the models so that the content apps do not know
about the search app above them.
"""

from dataclasses import dataclass

from promises.models import PromisePeriod

from .models import Kind


@dataclass(frozen=True)
class Searchable:
    kind: Kind
    # A cheap prior for ranking: a place's own page outranks a passing mention.
    weight: float
    fields: tuple
    titled: bool = False

    def title_of(self, obj):
        return getattr(obj, self.fields[0]) if self.titled else ""

    def text_of(self, obj):
        """The searchable text fields that are not the title, one paragraph each."""
        names = self.fields[1:] if self.titled else self.fields
        return "\n\n".join(value for name in names if (value := getattr(obj, name)))


SEARCHABLE = {
    "municipalities.municipality": Searchable(Kind.MUNICIPALITY, 8.0, ("name",), titled=True),
    "municipalities.county": Searchable(Kind.COUNTY, 6.0, ("name",), titled=True),
    "municipalities.localpolicearea": Searchable(
        Kind.POLICE_AREA, 5.0, ("name", "police_district"), titled=True
    ),
    "promises.promiseperiod": Searchable(
        Kind.PERIOD,
        3.0,
        ("title", *PromisePeriod.TEXT_FIELDS),
        titled=True,
    ),
    "promises.promise": Searchable(Kind.PROMISE, 2.0, ("title", "description"), titled=True),
    "promises.goal": Searchable(Kind.GOAL, 1.5, ("text",)),
    "promises.activity": Searchable(Kind.ACTIVITY, 1.2, ("text", "partner_name")),
    "promises.cooperationagreement": Searchable(
        Kind.AGREEMENT,
        3.0,
        ("title", "summary", "focus_areas", "body", "quote", "quote_by"),
        titled=True,
    ),
    "followup.followupreport": Searchable(Kind.REPORT, 1.5, ("summary",)),
    "followup.activitystatus": Searchable(Kind.STATUS, 1.0, ("comment",)),
}


def searchable(obj_or_model):
    return SEARCHABLE.get(obj_or_model._meta.label_lower)
