"""Deployment check: the stored accessibility statement was reviewed within a year (DIGG).

Tagged "database": `manage.py check --deploy --database default` (make check-deploy)
reads the real statement; plain `check` never touches the database."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database, deploy=True)
def statement_reviewed_within_a_year(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from .models import AccessibilityStatement

    try:
        statement = AccessibilityStatement.objects.current()
    except DatabaseError:
        return []  # not migrated yet: migrate's own checks say so
    if statement is None or not statement.review_is_overdue():
        return []
    return [
        Warning(
            "Tillgänglighetsredogörelsen granskades senast "
            f"{statement.reviewed_on or 'aldrig'}: mer än 365 dagar sedan.",
            hint="Granska redogörelsen och uppdatera granskningsdatumet i administrationen.",
            id="accessibility.W001",
        )
    ]
