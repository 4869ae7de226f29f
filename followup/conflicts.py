"""Lost updates on follow-ups: two coordinators open the same report, and the second save
must not silently revert the first. The change form carries the `updated_at` it was
opened with; saving when the report has changed since is refused with a Swedish message
showing the saved version, while the form keeps what this coordinator typed. Saving
again (the form now carries the newer version) then deliberately replaces it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone


def _describe(report):
    """The saved version in words: who saved it when, its summary and its status rows."""
    latest = report.history.select_related("history_user").first()
    who = getattr(latest and latest.history_user, "username", None) or "någon annan"
    when = timezone.localtime(report.updated_at).strftime("%H:%M")
    rows = [
        f"{row.activity}: {row.get_status_display()}" + (f" ({row.comment})" if row.comment else "")
        for row in report.statuses.select_related("activity").order_by("activity__order", "pk")
    ]
    return (
        f"{who} sparade den här uppföljningen kl. {when} medan du hade den öppen. Dina "
        "ändringar är inte sparade – de står kvar nedan. Den sparade versionen: "
        f"sammanfattning ”{report.summary}”"
        + (f"; status: {'; '.join(rows)}" if rows else "")
        + ". Jämför, ändra det som behövs och spara igen för att ersätta den sparade versionen."
    )


class VersionInput(forms.HiddenInput):
    """A hidden field the admin's fieldset would label; a label may only point at a
    visible control, so this one points at none."""

    def id_for_label(self, id_):
        return None


class ConflictCheckedForm(forms.ModelForm):
    seen_version = forms.CharField(label="Sparad version", widget=VersionInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        report = self.instance
        if not report.pk:
            return cleaned
        current = report.updated_at.isoformat()  # loaded from the database for this POST
        seen = cleaned.get("seen_version")
        if seen and seen != current:
            # The next save carries the newer version: it replaces it knowingly.
            self.data = self.data.copy()
            self.data[self.add_prefix("seen_version")] = current
            raise ValidationError(_describe(report), code="conflict")
        return cleaned
