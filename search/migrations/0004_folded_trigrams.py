from django.db import migrations

from search.migration_sql import folded_trigrams


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_updated_index"),
    ]

    operations = [folded_trigrams()]
