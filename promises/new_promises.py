"""Choosing a promise that is new in the same form (friction 2): a goal or activity row's
"Löfte" list offers the period's saved promises and "Nytt löfte 1", "Nytt löfte 2" … for
the promises added above in the same form, in the order they stand. The period admin
saves the promises first and then points each row at the one it chose, in one save."""

from django import forms

NEW = "nytt-"
MAX_NEW = 5
HELP = (
    "Lämna tomt om den gäller periodens alla löften. Ett löfte du lägger till ovan i samma "
    "formulär väljer du som ”Nytt löfte 1”, ”Nytt löfte 2” … i den ordning de står där; "
    "allt sparas på en gång."
)


class NewPromise(int):
    """The position (1, 2 …) of a promise added in the same form."""


class PromiseChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if isinstance(value, str) and value.startswith(NEW):
            position = value.removeprefix(NEW)
            if position.isdigit() and 1 <= int(position) <= MAX_NEW:
                return NewPromise(int(position))
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


def promise_choices(saved):
    return (
        [("", "Hela perioden (alla löften)")]
        + [(promise.pk, promise.title) for promise in saved]
        + [
            (f"{NEW}{k}", f"Nytt löfte {k} (det {k}:a du lägger till ovan)")
            for k in range(1, MAX_NEW + 1)
        ]
    )


def new_promise_titles(data, prefix="promises"):
    """Titles of the promises added in the submitted form, in order (not deleted ones)."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
        initial = int(data.get(f"{prefix}-INITIAL_FORMS") or 0)
    except ValueError:
        return []
    titles = []
    for index in range(initial, min(total, 1000)):
        title = (data.get(f"{prefix}-{index}-title") or "").strip()
        if title and not data.get(f"{prefix}-{index}-DELETE"):
            titles.append(title)
    return titles


class PeriodPartInlineForm(forms.ModelForm):
    """A goal or activity row: a chosen new promise is kept aside until it is saved."""

    new_promise = None

    def clean_promise(self):
        value = self.cleaned_data.get("promise")
        if isinstance(value, NewPromise):
            self.new_promise = value
            return None
        return value


def check_new_promises(formset):
    """Each row that chose "Nytt löfte k" needs a k:th new promise in the form."""
    titles = new_promise_titles(formset.data)
    for form in formset.forms:
        position = getattr(form, "new_promise", None)
        if position and position > len(titles) and not formset._should_delete_form(form):
            form.add_error(
                "promise",
                f"Det finns inget nytt löfte {position} i formuläret. Lägg till löftet under "
                "”Löften” ovan, eller välj ett sparat löfte.",
            )


def point_at_new_promises(formset, new_promises):
    """Before the rows are saved: each row that chose a new promise gets it."""
    for form in formset.forms:
        position = getattr(form, "new_promise", None)
        if position and form.cleaned_data and not formset._should_delete_form(form):
            form.instance.promise = new_promises[position - 1]
