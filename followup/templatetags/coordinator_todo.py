"""The admin start page's "Att göra" and national table (templates/admin/index.html).

A template tag rather than a custom AdminSite: the start page stays Django's own, and
what it shows is read from followup.reminders, the same place the reminders are read.
"""

from django import template
from django.utils import timezone

from followup import reminders
from municipalities.models import CoordinatorScope

register = template.Library()


@register.simple_tag
def coordinator_todo(user):
    """What the signed-in user has to do today, and (superusers) how the country stands."""
    today = timezone.localdate()
    scope = CoordinatorScope.objects.filter(user=user).first()
    todo = {
        "today": today,
        "due": reminders.due_tertials(user, today),
        "draft_reports": list(reminders.draft_reports(user)[:20]),
        "draft_periods": list(reminders.draft_periods(user)[:20]),
        "scope": scope,
    }
    if user.is_superuser:
        todo["last_tertial"], todo["counties"] = reminders.national_table(today)
    return todo
