"""The subscription form: an e-mail address and a scope, with the accessibility forms'
honeypot and time-trap (inherited from their RequestForm, not copied)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accessibility.forms import RequestForm, email_field

from . import scopes

SCOPE_MESSAGE = _(
    "Området finns inte. Välj det från en kommuns, ett läns eller ett lokalpolisområdes sida."
)


class SubscribeForm(RequestForm):
    # What RequestForm asks that a subscription does not need.
    contact_name = None
    consent = None

    email = email_field(
        required=True,
        help_text=_(
            "Vi skickar först ett e-postmeddelande där du bekräftar att du vill ha e-post."
        ),
    )
    omrade = forms.CharField(widget=forms.HiddenInput, error_messages={"required": SCOPE_MESSAGE})

    field_order = ["email", "omrade"]

    def clean_omrade(self):
        scope = scopes.from_form_value(self.cleaned_data["omrade"])
        if scope is None:
            raise forms.ValidationError(SCOPE_MESSAGE, code="unknown_scope")
        return scope
