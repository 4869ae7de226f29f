"""The form that creates a follow-up: the tertial is chosen among the period's own
tertials ("Tertial 1 2024 (januari–april)") instead of typing a year."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect

from core.admin_a11y import CompleteAutocompleteSelect

from .models import FollowUpReport, Tertial, tertial_span

TERTIAL_HELP = (
    "Tertialerna som ligger i det valda medborgarlöftet. Har du inte valt löfte ännu visas "
    "alla tertialer i dina perioder; fel val får ett felmeddelande, inget sparas."
)


def tertials_between(first, last):
    """(value, label) of every tertial from the date `first` to `last`, newest first."""
    choices = []
    for year in range(last.year, first.year - 1, -1):
        for tertial in (3, 2, 1):
            starts, ends = tertial_span(year, tertial)
            if ends >= first and starts <= last:
                label = Tertial(tertial).label.replace(
                    f"Tertial {tertial}", f"Tertial {tertial} {year}"
                )
                choices.append((f"{year}-{tertial}", label))
    return choices


class PlaceholderAutocomplete(CompleteAutocompleteSelect):
    """The admin's autocomplete names its box by the box's text, which is empty until a
    period is chosen (axe: no accessible name); a placeholder says what to type. The
    empty option has text too (CompleteAutocompleteSelect), as the HTML standard asks."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-placeholder"] = "Sök på kommun eller rubrik"
        return attrs

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-autocomplete-names.js"])


class FollowUpReportAddForm(forms.ModelForm):
    which = forms.ChoiceField(label="Tertial", help_text=TERTIAL_HELP)

    class Meta:
        model = FollowUpReport
        fields = ["period", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.initial.get("year") and self.initial.get("tertial"):
            self.initial["which"] = f"{self.initial['year']}-{self.initial['tertial']}"
        wrapper = self.fields["period"].widget
        inner = getattr(wrapper, "widget", None)
        if isinstance(inner, AutocompleteSelect):
            wrapper.widget = PlaceholderAutocomplete(
                inner.field, inner.admin_site, attrs=inner.attrs, choices=inner.choices
            )
            wrapper.widget.is_required = self.fields["period"].required
        periods = self.fields["period"].queryset
        period = self._chosen_period(periods)
        if period is not None:
            first, last = period.starts_on, period.ends_on
        else:
            first = periods.order_by("starts_on").values_list("starts_on", flat=True).first()
            last = periods.order_by("-ends_on").values_list("ends_on", flat=True).first()
        choices = tertials_between(first, last) if first and last else []
        self.fields["which"].choices = [("", "Välj tertial")] + choices
        self.fields["which"].error_messages["invalid_choice"] = "Välj en av tertialerna i listan."

    def _chosen_period(self, periods):
        key = self.data.get("period") if self.is_bound else self.initial.get("period")
        if not key or not str(key).isdigit():
            return None
        return periods.filter(pk=key).first()

    def clean(self):
        cleaned = super().clean()
        period, which = cleaned.get("period"), cleaned.get("which")
        if not (period and which):
            return cleaned
        year, tertial = (int(part) for part in which.split("-"))
        starts, ends = tertial_span(year, tertial)
        if ends < period.starts_on or starts > period.ends_on:
            self.add_error(
                "which",
                f"Tertial {tertial} {year} ligger utanför {period.title} "
                f"({period.starts_on:%Y-%m-%d}–{period.ends_on:%Y-%m-%d}). Välj en av "
                "periodens tertialer.",
            )
        elif FollowUpReport.objects.filter(period=period, year=year, tertial=tertial).exists():
            self.add_error(
                "which",
                f"Det finns redan en uppföljning av tertial {tertial} {year} för {period.title}.",
            )
        self.instance.year, self.instance.tertial = year, tertial
        return cleaned
