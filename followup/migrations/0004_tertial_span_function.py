"""The tertial's span, defined once in the database (followup.dbrules.tertial_in_period_v2)."""

from django.db import migrations

from followup.dbrules import tertial_in_period_v1, tertial_in_period_v2


class Migration(migrations.Migration):
    dependencies = [("followup", "0003_search_vector")]

    operations = tertial_in_period_v1.RULE.replaced_by(tertial_in_period_v2.RULE)
