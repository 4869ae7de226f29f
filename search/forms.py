"""The search form: the words, the filters (county, kind) and the page."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import ErrorSummaryMixin
from municipalities.models import County

from .models import Kind

MAX_LENGTH = 200
MAX_PAGE = 1000
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f\ue000-\uf8ff\ufffd]")


class SearchForm(ErrorSummaryMixin, forms.Form):
    q = forms.CharField(
        label=_("Sök bland medborgarlöften"),
        required=False,
        help_text=_("Till exempel en kommun, en plats eller ett ämne som ”krogtillsyn”."),
        # No maxlength attribute: a browser would cut a pasted text silently; the
        # server explains the limit instead.
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    lan = forms.ChoiceField(label=_("Län"), required=False)
    typ = forms.ChoiceField(
        label=_("Typ av innehåll"), required=False, choices=[("", _("Alla typer")), *Kind.choices]
    )

    def __init__(self, *args, counties=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A NUL is stripped in clean_q like any control character, not refused.
        self.fields["q"].validators = []
        # One query for the county list; the ids are kept for the filter.
        rows = counties if counties is not None else County.objects.order_by("name")
        self.counties = {c.slug: c for c in rows}
        self.fields["lan"].choices = [("", _("Hela landet"))] + [
            (slug, c.name) for slug, c in self.counties.items()
        ]
        self.fields["lan"].error_messages["invalid_choice"] = _("Välj ett län i listan.")
        self.fields["typ"].error_messages["invalid_choice"] = _("Välj en typ i listan.")

    def clean_q(self):
        # NUL, other control characters and U+FFFD (what invalid UTF-8 decodes to)
        # become spaces: they can never match and must never reach the database.
        text = " ".join(CONTROL_CHARS.sub(" ", self.cleaned_data["q"]).split())
        if len(text) > MAX_LENGTH:
            raise ValidationError(
                gettext(
                    "Sökningen kan vara högst {limit} tecken lång. Den du skrev är {count} "
                    "tecken. Korta den och sök igen."
                ).format(limit=MAX_LENGTH, count=len(text)),
                code="too_long",
            )
        return text

    @property
    def page(self):
        """`?sida=`: a page number that is not one falls back to the first page."""
        raw = (self.data.get("sida") or "1").strip()
        return min(int(raw), MAX_PAGE) if raw.isdigit() and int(raw) >= 1 else 1

    def search_arguments(self):
        """What search.query.run() takes, from the valid form."""
        county = self.counties.get(self.cleaned_data.get("lan") or "")
        return {
            "county": county.pk if county else None,
            "kind": self.cleaned_data.get("typ") or None,
            "page": self.page,
        }
