"""A status's activity belongs to the report's period: triggers on both backends.
ActivityStatus.clean() explains the same rule in the admin. Never edit a released version."""

from core.dbrules import Rule

WHENS = ("INSERT", "UPDATE")
SAME_PERIOD = """
    SELECT 1 FROM promises_activity a JOIN followup_followupreport r ON r.period_id = a.period_id
    WHERE a.id = NEW.activity_id AND r.id = NEW.report_id
"""

RULE = Rule(
    name="status_same_period_v1",
    install={
        "postgresql": [
            f"""
            CREATE FUNCTION followup_status_same_period() RETURNS trigger AS $$
            BEGIN
                IF NOT EXISTS ({SAME_PERIOD}) THEN
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
        ],
        "sqlite": [
            f"""
            CREATE TRIGGER followup_status_same_period_{when} BEFORE {when}
            ON followup_activitystatus
            WHEN NOT EXISTS ({SAME_PERIOD})
            BEGIN SELECT RAISE(ABORT, 'activity belongs to another period'); END
            """
            for when in WHENS
        ],
    },
    uninstall={
        "postgresql": [
            "DROP TRIGGER followup_status_same_period ON followup_activitystatus",
            "DROP FUNCTION followup_status_same_period()",
        ],
        "sqlite": [f"DROP TRIGGER followup_status_same_period_{when}" for when in WHENS],
    },
    triggers={
        "postgresql": {"followup_status_same_period"},
        "sqlite": {f"followup_status_same_period_{when}" for when in WHENS},
    },
)
