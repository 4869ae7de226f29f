"""The search box's form: what a person may type and how it is cleaned."""

import re

from django import forms
from django.core.exceptions import ValidationError

from core.forms import ErrorSummaryMixin

MAX_LENGTH = 200
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f\ue000-\uf8ff]")


class SearchForm(ErrorSummaryMixin, forms.Form):
    q = forms.CharField(
        label="Sök bland medborgarlöften",
        required=False,
        help_text="Till exempel en kommun, en plats eller ett ämne som ”krogtillsyn”.",
        # No maxlength attribute: a browser would cut a pasted text silently; the
        # server explains the limit instead.
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self):
        text = " ".join(CONTROL_CHARS.sub(" ", self.cleaned_data["q"]).split())
        if len(text) > MAX_LENGTH:
            raise ValidationError(
                f"Sökningen kan vara högst {MAX_LENGTH} tecken lång. Den du skrev är "
                f"{len(text)} tecken. Korta den och sök igen.",
                code="too_long",
            )
        return text
