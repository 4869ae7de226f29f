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


# --- What an error page may give back of a refused form (the 503 and 429 pages) -------
# One rule for every form: a person gets back what they wrote, never a secret or a
# technical field. Denied: passwords and anything named like a secret or token, the CSRF
# token, the forms' honeypot and time-trap fields, the admin's buttons and formset
# bookkeeping (names starting with "_" or ending in -TOTAL_FORMS and the like).
_DENIED_NAMES = {"csrfmiddlewaretoken", "lamna_tomt", "started"}
_DENIED_PARTS = ("password", "passwd", "secret", "token", "otp")
_DENIED_SUFFIXES = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


def may_give_back(name: str) -> bool:
    """Whether a submitted field may be shown back to the person who sent it."""
    lowered = name.lower()
    return not (
        name in _DENIED_NAMES
        or name.startswith("_")
        or name.endswith(_DENIED_SUFFIXES)
        or any(part in lowered for part in _DENIED_PARTS)
    )


def given_back(data) -> list[str]:
    """The values of a submitted form (a QueryDict) that may be shown back, non-empty
    ones only, in the order they were sent."""
    return [
        value
        for name, values in data.lists()
        if may_give_back(name)
        for value in values
        if value.strip() and value != "on"  # a ticked checkbox says nothing to copy
    ]
