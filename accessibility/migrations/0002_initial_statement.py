"""The first accessibility statement, with honest initial texts (see the model's
defaults): the site is partially compliant and was reviewed on 21 November 2026."""

import datetime

from django.db import migrations


def create_statement(apps, schema_editor):
    Statement = apps.get_model("accessibility", "AccessibilityStatement")
    if not Statement.objects.exists():
        Statement.objects.create(
            compliance_status="delvis",
            assessed_on=datetime.date(2026, 11, 21),
            reviewed_on=datetime.date(2026, 11, 21),
        )


class Migration(migrations.Migration):
    dependencies = [("accessibility", "0001_initial")]

    operations = [migrations.RunPython(create_statement, migrations.RunPython.noop)]
