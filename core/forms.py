"""What every public form shares: the links of the error summary (templates/partials/
_error_summary.html), one per error, each to the field it is about."""

from django import forms


class ErrorSummaryMixin:
    def error_links(self):
        """(field id, message) for the error summary, in the order of the fields."""
        links = []
        for name, field in self.fields.items():
            if name not in self.errors:
                continue
            target = self[name].auto_id
            if isinstance(field.widget, forms.RadioSelect):
                target = f"{target}_0"  # the first radio button: the group has no id of its own
            links.extend((target, message) for message in self.errors[name])
        return links
