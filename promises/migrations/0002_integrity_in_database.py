"""Rules that span rows or tables, enforced by the database itself.

- One municipality never has two periods that share a day: an exclusion constraint on
  PostgreSQL (btree_gist), BEFORE INSERT/UPDATE triggers on SQLite.
- A goal's or activity's promise belongs to the same period: triggers on both backends.

PromisePeriod.clean() and PeriodPart.clean() explain the same rules in the admin.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from promises.migration_sql import run_by_vendor

POSTGRES_FORWARD = [
    """
    ALTER TABLE promises_promiseperiod ADD CONSTRAINT promise_period_no_overlap
    EXCLUDE USING gist (municipality_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
    """,
    """
    CREATE FUNCTION promises_part_same_period() RETURNS trigger AS $$
    BEGIN
        IF NEW.promise_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM promises_promise p WHERE p.id = NEW.promise_id AND p.period_id = NEW.period_id
        ) THEN
            RAISE EXCEPTION 'promise belongs to another period' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER promises_activity_same_period BEFORE INSERT OR UPDATE ON promises_activity
    FOR EACH ROW EXECUTE FUNCTION promises_part_same_period()
    """,
    """
    CREATE TRIGGER promises_goal_same_period BEFORE INSERT OR UPDATE ON promises_goal
    FOR EACH ROW EXECUTE FUNCTION promises_part_same_period()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER promises_goal_same_period ON promises_goal",
    "DROP TRIGGER promises_activity_same_period ON promises_activity",
    "DROP FUNCTION promises_part_same_period()",
    "ALTER TABLE promises_promiseperiod DROP CONSTRAINT promise_period_no_overlap",
]

SQLITE_OVERLAP = """
    CREATE TRIGGER promise_period_no_overlap_{when} BEFORE {when} ON promises_promiseperiod
    WHEN EXISTS (
        SELECT 1 FROM promises_promiseperiod o
        WHERE o.municipality_id = NEW.municipality_id AND o.id IS NOT NEW.id
          AND o.starts_on <= NEW.ends_on AND NEW.starts_on <= o.ends_on
    )
    BEGIN SELECT RAISE(ABORT, 'promise_period_no_overlap'); END
"""
SQLITE_SAME_PERIOD = """
    CREATE TRIGGER promises_{table}_same_period_{when} BEFORE {when} ON promises_{table}
    WHEN NEW.promise_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM promises_promise p WHERE p.id = NEW.promise_id AND p.period_id = NEW.period_id
    )
    BEGIN SELECT RAISE(ABORT, 'promise belongs to another period'); END
"""
SQLITE_FORWARD = [SQLITE_OVERLAP.format(when=when) for when in ("INSERT", "UPDATE")] + [
    SQLITE_SAME_PERIOD.format(table=table, when=when)
    for table in ("activity", "goal")
    for when in ("INSERT", "UPDATE")
]
SQLITE_BACKWARD = [
    "DROP TRIGGER promise_period_no_overlap_INSERT",
    "DROP TRIGGER promise_period_no_overlap_UPDATE",
] + [
    f"DROP TRIGGER promises_{table}_same_period_{when}"
    for table in ("activity", "goal")
    for when in ("INSERT", "UPDATE")
]



class Migration(migrations.Migration):
    dependencies = [("promises", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(
            run_by_vendor({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run_by_vendor({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
