"""Cross-table rules of follow-up, enforced by the database on both backends.

- A report's tertial shares at least one day with its period (T1 Jan–Apr, T2 May–Aug,
  T3 Sep–Dec); checked when a report is written and when a period's dates change.
- A status's activity belongs to the report's period.

FollowUpReport.clean() and ActivityStatus.clean() explain the same rules in the admin.
"""

from django.db import migrations

from promises.migration_sql import run_by_vendor

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION followup_tertial_in_period() RETURNS trigger AS $$
    DECLARE
        first_day date;
        last_day date;
    BEGIN
        IF NEW.tertial NOT BETWEEN 1 AND 3 THEN
            RETURN NEW;  -- followup_tertial_1_to_3 refuses it with a clearer name
        END IF;
        first_day := make_date(NEW.year, 4 * (NEW.tertial - 1) + 1, 1);
        last_day := (first_day + interval '4 months' - interval '1 day')::date;
        IF NOT EXISTS (
            SELECT 1 FROM promises_promiseperiod p
            WHERE p.id = NEW.period_id AND p.starts_on <= last_day AND p.ends_on >= first_day
        ) THEN
            RAISE EXCEPTION 'tertial outside its period' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER followup_report_tertial_in_period BEFORE INSERT OR UPDATE
    ON followup_followupreport FOR EACH ROW EXECUTE FUNCTION followup_tertial_in_period()
    """,
    """
    CREATE FUNCTION followup_period_keeps_reports() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM followup_followupreport r
            WHERE r.period_id = NEW.id AND (
                (make_date(r.year, 4 * (r.tertial - 1) + 1, 1) + interval '4 months' - interval '1 day')::date < NEW.starts_on
                OR make_date(r.year, 4 * (r.tertial - 1) + 1, 1) > NEW.ends_on)
        ) THEN
            RAISE EXCEPTION 'tertial outside its period' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER followup_period_keeps_reports BEFORE UPDATE OF starts_on, ends_on
    ON promises_promiseperiod FOR EACH ROW EXECUTE FUNCTION followup_period_keeps_reports()
    """,
    """
    CREATE FUNCTION followup_status_same_period() RETURNS trigger AS $$
    BEGIN
        IF NOT EXISTS (
            SELECT 1 FROM promises_activity a JOIN followup_followupreport r ON r.period_id = a.period_id
            WHERE a.id = NEW.activity_id AND r.id = NEW.report_id
        ) THEN
            RAISE EXCEPTION 'activity belongs to another period'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER followup_status_same_period BEFORE INSERT OR UPDATE
    ON followup_activitystatus FOR EACH ROW EXECUTE FUNCTION followup_status_same_period()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER followup_status_same_period ON followup_activitystatus",
    "DROP FUNCTION followup_status_same_period()",
    "DROP TRIGGER followup_period_keeps_reports ON promises_promiseperiod",
    "DROP FUNCTION followup_period_keeps_reports()",
    "DROP TRIGGER followup_report_tertial_in_period ON followup_followupreport",
    "DROP FUNCTION followup_tertial_in_period()",
]

# SQLite stores dates as ISO text, so comparing strings compares dates.
FIRST_DAY = "date(printf('%04d-%02d-01', {r}.year, 4 * ({r}.tertial - 1) + 1))"
LAST_DAY = "date(" + FIRST_DAY + ", '+4 months', '-1 day')"
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER followup_report_tertial_in_period_{when} BEFORE {when}
    ON followup_followupreport
    WHEN NOT EXISTS (
        SELECT 1 FROM promises_promiseperiod p
        WHERE p.id = NEW.period_id
          AND p.starts_on <= {LAST_DAY.format(r="NEW")} AND p.ends_on >= {FIRST_DAY.format(r="NEW")}
    )
    BEGIN SELECT RAISE(ABORT, 'tertial outside its period'); END
    """
    for when in ("INSERT", "UPDATE")
] + [
    f"""
    CREATE TRIGGER followup_period_keeps_reports BEFORE UPDATE OF starts_on, ends_on
    ON promises_promiseperiod
    WHEN EXISTS (
        SELECT 1 FROM followup_followupreport r
        WHERE r.period_id = NEW.id
          AND ({LAST_DAY.format(r="r")} < NEW.starts_on OR {FIRST_DAY.format(r="r")} > NEW.ends_on)
    )
    BEGIN SELECT RAISE(ABORT, 'tertial outside its period'); END
    """,
] + [
    f"""
    CREATE TRIGGER followup_status_same_period_{when} BEFORE {when} ON followup_activitystatus
    WHEN NOT EXISTS (
        SELECT 1 FROM promises_activity a JOIN followup_followupreport r ON r.period_id = a.period_id
        WHERE a.id = NEW.activity_id AND r.id = NEW.report_id
    )
    BEGIN SELECT RAISE(ABORT, 'activity belongs to another period'); END
    """
    for when in ("INSERT", "UPDATE")
]
SQLITE_BACKWARD = [
    "DROP TRIGGER followup_report_tertial_in_period_INSERT",
    "DROP TRIGGER followup_report_tertial_in_period_UPDATE",
    "DROP TRIGGER followup_period_keeps_reports",
    "DROP TRIGGER followup_status_same_period_INSERT",
    "DROP TRIGGER followup_status_same_period_UPDATE",
]



class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial"), ("promises", "0002_integrity_in_database")]

    operations = [
        migrations.RunPython(
            run_by_vendor({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run_by_vendor({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
