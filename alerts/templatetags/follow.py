"""{% follow_scope "kommun" municipality as scope %} and {% follow_form scope as form %}
for the "Följ" section (templates/alerts/_follow.html). No database queries: the page
already holds the object."""

from django import template

from accessibility import tokens as form_tokens

from .. import scopes
from ..forms import SubscribeForm

register = template.Library()


@register.simple_tag
def follow_scope(kind, obj=None):
    return scopes.Scope(kind, obj if kind != scopes.COUNTRY else None)


@register.simple_tag
def follow_form(scope):
    # On a cached page the time stamp is when the page was rendered: older, never newer,
    # so the time-trap can only err on the side of letting a person through.
    return SubscribeForm(
        initial={"omrade": scope.form_value, "started": form_tokens.form_started_token()}
    )
