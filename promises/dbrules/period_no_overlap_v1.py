"""One municipality never has two periods that share a day: an exclusion constraint on
PostgreSQL (btree_gist), BEFORE INSERT/UPDATE triggers on SQLite.
PromisePeriod.clean() explains the same rule in the admin. Never edit a released
version: write period_no_overlap_v2 and a migration that swaps them."""

from core.dbrules import Rule

SQLITE_TRIGGER = """
    CREATE TRIGGER promise_period_no_overlap_{when} BEFORE {when} ON promises_promiseperiod
    WHEN EXISTS (
        SELECT 1 FROM promises_promiseperiod o
        WHERE o.municipality_id = NEW.municipality_id AND o.id IS NOT NEW.id
          AND o.starts_on <= NEW.ends_on AND NEW.starts_on <= o.ends_on
    )
    BEGIN SELECT RAISE(ABORT, 'promise_period_no_overlap'); END
"""
WHENS = ("INSERT", "UPDATE")

RULE = Rule(
    name="period_no_overlap_v1",
    install={
        "postgresql": [
            """
            ALTER TABLE promises_promiseperiod ADD CONSTRAINT promise_period_no_overlap
            EXCLUDE USING gist (municipality_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
            """
        ],
        "sqlite": [SQLITE_TRIGGER.format(when=when) for when in WHENS],
    },
    uninstall={
        "postgresql": [
            "ALTER TABLE promises_promiseperiod DROP CONSTRAINT promise_period_no_overlap"
        ],
        "sqlite": [f"DROP TRIGGER promise_period_no_overlap_{when}" for when in WHENS],
    },
    triggers={"sqlite": {f"promise_period_no_overlap_{when}" for when in WHENS}},
)
