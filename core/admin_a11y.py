"""What the coordinators' admin needs so a screen-reader or keyboard user can do the whole
job (issue 16): native date inputs, inline rows named by position and text, the public
forms' error summary, and a login form whose error is tied to its inputs.

Shared by every app's admin, so it lives in the bottom layer."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.utils.text import Truncator, capfirst

from .dates import SwedishDateField

ISO_DATE_HINT = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01."


# --- dates -----------------------------------------------------------------------------
class IsoDateInput(forms.DateInput):
    """The browser's own date input instead of Django's calendar pop-up, whose focus
    handling and "<"/">" month links fail WCAG 2.1.1 and 2.4.11. It always sends ISO
    dates (YYYY-MM-DD), which Swedish DATE_INPUT_FORMATS accept."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CompleteAutocompleteSelect(AutocompleteSelect):
    """Django leaves the empty option out of a required autocomplete select; the HTML
    standard asks for one, with text (the Nu Html Checker reports both), so a required
    picker starts with "Välj kommun"."""

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        if self.is_required and not self.allow_multiple_selected:
            prompt = f"Välj {self.field.verbose_name}"
            groups[0][1].insert(0, self.create_option(name, "", prompt, False, 0))
        return groups


class AdminWidgetsMixin:
    """The project's admin widgets, in one place (mixed into the project's admin bases,
    ModelAdmin and inline): every DateField as an IsoDateInput with the ISO hint, read by
    core.dates.SwedishDateField (ISO or day first, never month first, Swedish errors), and
    autocomplete selects that are valid HTML."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CompleteAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateField) and not isinstance(
            db_field, models.DateTimeField
        ):
            # A native date input sends ISO dates; SwedishDateField also reads a date typed
            # day first where the browser shows a plain text box (core.dates).
            kwargs["widget"] = IsoDateInput
            kwargs.setdefault("form_class", SwedishDateField)
            formfield = db_field.formfield(**kwargs)
            if formfield is not None:
                own_help = str(db_field.help_text or "")
                formfield.help_text = " ".join(filter(None, [own_help, ISO_DATE_HINT]))
            return formfield
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# --- inline rows -----------------------------------------------------------------------
class NamedRowsFormSetMixin:
    """Each inline row is named by its position and its text ("Aktivitet 2: Lokalpolisen
    i Järfälla ska …"), and so is every control in it ("Ansvarig – Aktivitet 2: …",
    "Radera aktivitet 2"), so a screen reader never hears six identical "Radera".
    `form.row_label` is also what the error summary says. Subclasses may name controls
    another way (name_control), e.g. from visible table headings."""

    row_text_length = 60

    def row_noun(self):
        return str(self.model._meta.verbose_name)

    def row_text(self, form):
        return str(form.instance) if form.instance.pk else ""

    def row_label(self, form, index):
        noun = capfirst(self.row_noun())
        if index is None:  # the empty form the "add another" button copies
            return f"{noun} (ny)"
        text = self.row_text(form)
        label = f"{noun} {index + 1}"
        return f"{label}: {Truncator(text).chars(self.row_text_length)}" if text else label

    def name_control(self, form, index, name, field):
        if name == "DELETE":
            number = "" if index is None else f" {index + 1}"
            field.widget.attrs["aria-label"] = f"Radera {self.row_noun()}{number}"
        else:
            field.widget.attrs["aria-label"] = f"{capfirst(field.label)} – {form.row_label}"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.row_label = self.row_label(form, index)
        for name, field in form.fields.items():
            if not field.widget.is_hidden:
                self.name_control(form, index, name, field)


# --- the error summary -------------------------------------------------------------------
def _first_field_id(form):
    for bound in form:
        if not bound.is_hidden:
            return bound.auto_id
    return ""


def _form_links(form, prefix=""):
    links = []
    if not form.errors:
        return links
    first = _first_field_id(form)
    links.extend((first, f"{prefix}{message}") for message in form.non_field_errors())
    for name, field in form.fields.items():
        for message in form.errors.get(name, []):
            label = capfirst(field.label or name)
            links.append((form[name].auto_id, f"{prefix}{label}: {message}"))
    return links


def admin_error_links(adminform, inline_admin_formsets=()):
    """(field id, message) for every error on an admin change form, inline rows
    included, each message saying which field (and row) it is about."""
    links = _form_links(adminform.form) if adminform else []
    for inline in inline_admin_formsets or ():
        formset = inline.formset
        group = f"{formset.prefix}-group"
        links.extend((group, message) for message in formset.non_form_errors())
        for form in formset.forms:
            row = getattr(form, "row_label", "")
            links.extend(_form_links(form, prefix=f"{row} – " if row else ""))
    return links


# --- login -------------------------------------------------------------------------------
class AccessibleLoginForm(AdminAuthenticationForm):
    """A failed login marks both inputs invalid and ties them to the error summary's
    message, and lets the summary (not the username) take focus."""

    def full_clean(self):
        super().full_clean()
        if self.errors:
            for name in ("username", "password"):
                attrs = self.fields[name].widget.attrs
                attrs.pop("autofocus", None)
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = "login-error"

    def error_links(self):
        links = [("id_username", message) for message in self.non_field_errors()]
        for name in ("username", "password"):
            links.extend((f"id_{name}", message) for message in self.errors.get(name, []))
        return links
