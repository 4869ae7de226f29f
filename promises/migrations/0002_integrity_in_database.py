"""Rules that span rows or tables, enforced by the database itself.

- One municipality never has two periods that share a day: an exclusion constraint on
  PostgreSQL (btree_gist), BEFORE INSERT/UPDATE triggers on SQLite.
- A goal's or activity's promise belongs to the same period: triggers on both backends.

PromisePeriod.clean() and PeriodPart.clean() explain the same rules in the admin.
"""

from django.db import migrations

from core.dbrules import run_by_vendor
from promises.dbrules import part_same_period_v1, period_no_overlap_v1


class Migration(migrations.Migration):
    dependencies = [("promises", "0001_initial")]

    operations = [
        # Not Django's BtreeGistExtension: its backwards step queries pg_extension on
        # SQLite too. The extension stays when migrating backwards (others may use it).
        migrations.RunPython(
            run_by_vendor({"postgresql": ["CREATE EXTENSION IF NOT EXISTS btree_gist"]}),
            migrations.RunPython.noop,
        ),
        period_no_overlap_v1.RULE.operation(),
        part_same_period_v1.RULE.operation(),
    ]
