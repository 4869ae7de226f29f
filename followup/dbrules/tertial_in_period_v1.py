"""A report's tertial shares at least one day with its period (T1 Jan–Apr, T2 May–Aug,
T3 Sep–Dec), checked when a report is written and when a period's dates change.
Version 1 computes the tertial's span inline; version 2 (tertial_in_period_v2) names it
once. Never edit a released version."""

from core.dbrules import Rule

WHENS = ("INSERT", "UPDATE")
PG_FIRST = "make_date({r}.year, 4 * ({r}.tertial - 1) + 1, 1)"
PG_LAST = "(" + PG_FIRST + " + interval '4 months' - interval '1 day')::date"
# SQLite stores dates as ISO text, so comparing strings compares dates.
SQLITE_FIRST = "date(printf('%04d-%02d-01', {r}.year, 4 * ({r}.tertial - 1) + 1))"
SQLITE_LAST = "date(" + SQLITE_FIRST + ", '+4 months', '-1 day')"


def sqlite_triggers(first, last):
    """The SQLite triggers, given the SQL of a tertial's first and last day."""
    report_check = [
        f"""
        CREATE TRIGGER followup_report_tertial_in_period_{when} BEFORE {when}
        ON followup_followupreport
        WHEN NOT EXISTS (
            SELECT 1 FROM promises_promiseperiod p
            WHERE p.id = NEW.period_id
              AND p.starts_on <= {last.format(r="NEW")} AND p.ends_on >= {first.format(r="NEW")}
        )
        BEGIN SELECT RAISE(ABORT, 'tertial outside its period'); END
        """
        for when in WHENS
    ]
    period_check = f"""
        CREATE TRIGGER followup_period_keeps_reports BEFORE UPDATE OF starts_on, ends_on
        ON promises_promiseperiod
        WHEN EXISTS (
            SELECT 1 FROM followup_followupreport r
            WHERE r.period_id = NEW.id
              AND ({last.format(r="r")} < NEW.starts_on OR {first.format(r="r")} > NEW.ends_on)
        )
        BEGIN SELECT RAISE(ABORT, 'tertial outside its period'); END
    """
    return [*report_check, period_check]


SQLITE_UNINSTALL = [f"DROP TRIGGER followup_report_tertial_in_period_{w}" for w in WHENS] + [
    "DROP TRIGGER followup_period_keeps_reports"
]
SQLITE_TRIGGERS = {f"followup_report_tertial_in_period_{w}" for w in WHENS} | {
    "followup_period_keeps_reports"
}
PG_TRIGGERS = {"followup_report_tertial_in_period", "followup_period_keeps_reports"}
PG_UNINSTALL = [
    "DROP TRIGGER followup_period_keeps_reports ON promises_promiseperiod",
    "DROP FUNCTION followup_period_keeps_reports()",
    "DROP TRIGGER followup_report_tertial_in_period ON followup_followupreport",
    "DROP FUNCTION followup_tertial_in_period()",
]
PG_TRIGGER_STATEMENTS = [
    """
    CREATE TRIGGER followup_report_tertial_in_period BEFORE INSERT OR UPDATE
    ON followup_followupreport FOR EACH ROW EXECUTE FUNCTION followup_tertial_in_period()
    """,
    """
    CREATE TRIGGER followup_period_keeps_reports BEFORE UPDATE OF starts_on, ends_on
    ON promises_promiseperiod FOR EACH ROW EXECUTE FUNCTION followup_period_keeps_reports()
    """,
]

RULE = Rule(
    name="tertial_in_period_v1",
    install={
        "postgresql": [
            f"""
            CREATE FUNCTION followup_tertial_in_period() RETURNS trigger AS $$
            BEGIN
                IF NEW.tertial NOT BETWEEN 1 AND 3 THEN
                    RETURN NEW;  -- followup_tertial_1_to_3 refuses it with a clearer name
                END IF;
                IF NOT EXISTS (
                    SELECT 1 FROM promises_promiseperiod p
                    WHERE p.id = NEW.period_id
                      AND p.starts_on <= {PG_LAST.format(r="NEW")}
                      AND p.ends_on >= {PG_FIRST.format(r="NEW")}
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
                    WHERE r.period_id = NEW.id AND (
                        {PG_LAST.format(r="r")} < NEW.starts_on
                        OR {PG_FIRST.format(r="r")} > NEW.ends_on)
                ) THEN
                    RAISE EXCEPTION 'tertial outside its period' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql
            """,
            *PG_TRIGGER_STATEMENTS,
        ],
        "sqlite": sqlite_triggers(SQLITE_FIRST, SQLITE_LAST),
    },
    uninstall={"postgresql": PG_UNINSTALL, "sqlite": SQLITE_UNINSTALL},
    triggers={"postgresql": PG_TRIGGERS, "sqlite": SQLITE_TRIGGERS},
)
