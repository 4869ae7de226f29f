"""What one can follow: the whole country, a county, a local police area or a
municipality. A scope has a public name in forms ("kommun/jonkoping") and a stable key
in the database ("kommun:42", by primary key, so a renamed slug keeps its subscribers)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from municipalities.models import County, LocalPoliceArea, Municipality

COUNTRY, COUNTY, POLICE_AREA, MUNICIPALITY = "land", "lan", "lokalpolisomrade", "kommun"
MODELS = {COUNTY: County, POLICE_AREA: LocalPoliceArea, MUNICIPALITY: Municipality}


@dataclass(frozen=True)
class Scope:
    kind: str
    obj: object = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.obj.pk if self.obj else ''}"

    @property
    def form_value(self) -> str:
        return self.kind if self.obj is None else f"{self.kind}/{self.obj.slug}"

    @property
    def label(self) -> str:
        """ "hela landet", "Jönköpings län", "lokalpolisområde Jönköping", "Jönköping"."""
        if self.kind == COUNTRY:
            return _("hela landet")
        if self.kind == POLICE_AREA:
            return _("lokalpolisområde {name}").format(name=self.obj.name)
        return self.obj.name

    @property
    def page_url(self) -> str:
        if self.kind == COUNTRY:
            return reverse("portal:home")
        return self.obj.get_absolute_url()

    @property
    def feed_url(self) -> str:
        if self.kind == COUNTRY:
            return reverse("alerts:feed-country")
        name = {COUNTY: "feed-county", POLICE_AREA: "feed-police-area", MUNICIPALITY: "feed"}
        return reverse(f"alerts:{name[self.kind]}", kwargs={"slug": self.obj.slug})


def country() -> Scope:
    return Scope(COUNTRY)


def from_form_value(value: str) -> Scope | None:
    """The scope a form names ("land", "lan/jonkopings-lan", …), or None if unknown."""
    kind, _, slug = (value or "").strip().partition("/")
    if kind == COUNTRY and not slug:
        return country()
    model = MODELS.get(kind)
    if model is None or not slug:
        return None
    obj = model.objects.filter(slug=slug).first()
    return Scope(kind, obj) if obj else None


def from_keys(keys) -> dict[str, Scope]:
    """Scopes for stored keys, one query per kind present (for the manage page)."""
    wanted: dict[str, list[int]] = {}
    found = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind == COUNTRY:
            found[key] = country()
        elif kind in MODELS and pk.isdigit():
            wanted.setdefault(kind, []).append(int(pk))
    for kind, pks in wanted.items():
        for obj in MODELS[kind].objects.filter(pk__in=pks):
            found[f"{kind}:{obj.pk}"] = Scope(kind, obj)
    return found


def keys_for_municipality(municipality, police_area_ids) -> list[str]:
    """Every scope that contains content of a municipality: the country, its county,
    the police areas that serve it, the municipality itself."""
    return [
        f"{COUNTRY}:",
        f"{COUNTY}:{municipality.county_id}",
        *(f"{POLICE_AREA}:{pk}" for pk in sorted(set(police_area_ids))),
        f"{MUNICIPALITY}:{municipality.pk}",
    ]
