"""Cross-table rules of follow-up, enforced by the database on both backends.

- A report's tertial shares at least one day with its period (T1 Jan–Apr, T2 May–Aug,
  T3 Sep–Dec); checked when a report is written and when a period's dates change.
- A status's activity belongs to the report's period.

FollowUpReport.clean() and ActivityStatus.clean() explain the same rules in the admin.
"""

from django.db import migrations

from followup.dbrules import status_same_period_v1, tertial_in_period_v1


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial"), ("promises", "0002_integrity_in_database")]

    operations = [
        tertial_in_period_v1.RULE.operation(),
        status_same_period_v1.RULE.operation(),
    ]
