from django.db import migrations

from search.migration_sql import direct_gin_inserts


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [direct_gin_inserts()]
