"""Version 2 of "a report's tertial shares at least one day with its period": the
tertial's span is defined once in the database, as the PostgreSQL function
followup_tertial_span(year, tertial) (and, on SQLite, which has no SQL functions of its
own, as the two expressions below), beside the Python rule followup.models.tertial_span;
tests/test_database_rules.py checks that they agree. Never edit a released version."""

from core.dbrules import Rule

from . import tertial_in_period_v1 as v1

SPAN_FUNCTION = """
    CREATE FUNCTION followup_tertial_span(year integer, tertial integer) RETURNS daterange AS $$
        SELECT daterange(
            make_date(year, 4 * (tertial - 1) + 1, 1),
            (make_date(year, 4 * (tertial - 1) + 1, 1) + interval '4 months')::date,
            '[)')
    $$ LANGUAGE sql IMMUTABLE STRICT
"""
# SQLite: first and last day of the tertial of the row named {r}.
SQLITE_FIRST = v1.SQLITE_FIRST
SQLITE_LAST = v1.SQLITE_LAST
# The period [starts, ends] shares a day with the tertial. Compared bound by bound, not
# as ranges: a period that ends before it starts must reach its CHECK constraint.
SPAN = "followup_tertial_span({r}.year, {r}.tertial)"
OVERLAPS = "({starts} < upper(" + SPAN + ") AND {ends} >= lower(" + SPAN + "))"

RULE = Rule(
    name="tertial_in_period_v2",
    install={
        "postgresql": [
            SPAN_FUNCTION,
            f"""
            CREATE FUNCTION followup_tertial_in_period() RETURNS trigger AS $$
            BEGIN
                IF NEW.tertial NOT BETWEEN 1 AND 3 THEN
                    RETURN NEW;  -- followup_tertial_1_to_3 refuses it with a clearer name
                END IF;
                IF NOT EXISTS (
                    SELECT 1 FROM promises_promiseperiod p
                    WHERE p.id = NEW.period_id
                      AND {OVERLAPS.format(starts="p.starts_on", ends="p.ends_on", r="NEW")}
                ) THEN
                    RAISE EXCEPTION 'tertial outside its period' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql
            """,
            f"""
            CREATE FUNCTION followup_period_keeps_reports() RETURNS trigger AS $$
            BEGIN
                IF EXISTS (
                    SELECT 1 FROM followup_followupreport r
                    WHERE r.period_id = NEW.id
                      AND NOT {OVERLAPS.format(starts="NEW.starts_on", ends="NEW.ends_on", r="r")}
                ) THEN
                    RAISE EXCEPTION 'tertial outside its period' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql
            """,
            *v1.PG_TRIGGER_STATEMENTS,
        ],
        "sqlite": v1.sqlite_triggers(SQLITE_FIRST, SQLITE_LAST),
    },
    uninstall={
        "postgresql": [*v1.PG_UNINSTALL, "DROP FUNCTION followup_tertial_span(integer, integer)"],
        "sqlite": v1.SQLITE_UNINSTALL,
    },
    triggers=v1.RULE.triggers,
)
