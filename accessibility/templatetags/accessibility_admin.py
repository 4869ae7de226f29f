"""Warnings on the admin's start page for those who can act on them."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from ..models import AccessibilityStatement, Notification, NotificationState

register = template.Library()


@register.simple_tag
def accessibility_warnings(user):
    """Failed e-mails (the outbox gave up: nobody else is told) for those who may see
    the outbox, and an overdue yearly review of the statement for those who may edit it."""
    warnings = []
    if user.has_perm("accessibility.view_notification"):
        failed = Notification.objects.filter(state=NotificationState.FAILED).count()
        if failed:
            url = reverse("admin:accessibility_notification_changelist")
            warnings.append(
                format_html(
                    "{} e-postmeddelande{} om tillgänglighetsärenden kunde inte skickas. "
                    '<a href="{}?state__exact=failed">Se utkorgen och skicka om</a>.',
                    failed,
                    "" if failed == 1 else "n",
                    url,
                )
            )
    if user.has_perm("accessibility.change_accessibilitystatement"):
        statement = AccessibilityStatement.load()
        if statement.pk and statement.review_is_overdue():
            warnings.append(
                format_html(
                    "Tillgänglighetsredogörelsen har inte granskats på över ett år. "
                    '<a href="{}">Granska den och uppdatera granskningsdatumet</a>.',
                    reverse(
                        "admin:accessibility_accessibilitystatement_change", args=[statement.pk]
                    ),
                )
            )
    return warnings
