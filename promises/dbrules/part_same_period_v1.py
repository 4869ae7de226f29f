"""A goal's or activity's promise belongs to the same period: triggers on both backends.
PeriodPart.clean() explains the same rule in the admin. Never edit a released version."""

from core.dbrules import Rule

TABLES = ("activity", "goal")
WHENS = ("INSERT", "UPDATE")
SQLITE_TRIGGER = """
    CREATE TRIGGER promises_{table}_same_period_{when} BEFORE {when} ON promises_{table}
    WHEN NEW.promise_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM promises_promise p WHERE p.id = NEW.promise_id AND p.period_id = NEW.period_id
    )
    BEGIN SELECT RAISE(ABORT, 'promise belongs to another period'); END
"""

RULE = Rule(
    name="part_same_period_v1",
    install={
        "postgresql": [
            """
            CREATE FUNCTION promises_part_same_period() RETURNS trigger AS $$
            BEGIN
                IF NEW.promise_id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM promises_promise p
                    WHERE p.id = NEW.promise_id AND p.period_id = NEW.period_id
                ) THEN
                    RAISE EXCEPTION 'promise belongs to another period'
                        USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql
            """
        ]
        + [
            f"""
            CREATE TRIGGER promises_{table}_same_period BEFORE INSERT OR UPDATE
            ON promises_{table} FOR EACH ROW EXECUTE FUNCTION promises_part_same_period()
            """
            for table in TABLES
        ],
        "sqlite": [SQLITE_TRIGGER.format(table=t, when=w) for t in TABLES for w in WHENS],
    },
    uninstall={
        "postgresql": [
            f"DROP TRIGGER promises_{table}_same_period ON promises_{table}" for table in TABLES
        ]
        + ["DROP FUNCTION promises_part_same_period()"],
        "sqlite": [f"DROP TRIGGER promises_{t}_same_period_{w}" for t in TABLES for w in WHENS],
    },
    triggers={
        "postgresql": {f"promises_{table}_same_period" for table in TABLES},
        "sqlite": {f"promises_{t}_same_period_{w}" for t in TABLES for w in WHENS},
    },
)
