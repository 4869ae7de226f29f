"""The rules the database enforces survive change: the installed triggers are exactly
those the current rule versions declare (SQLite silently drops a table's triggers when a
migration rebuilds it), the tertial's span means the same in Python and in the database,
and every migration runs backwards to zero and forwards again."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from core.dbrules import installed_triggers
from followup import dbrules as followup_rules
from followup.dbrules import tertial_in_period_v2
from followup.models import tertial_span
from promises import dbrules as promises_rules

RULES = [*promises_rules.CURRENT, *followup_rules.CURRENT]


def expected_triggers():
    declared = {name for rule in RULES for name in rule.triggers.get(connection.vendor, ())}
    if connection.vendor == "postgresql":
        # Search vectors are kept by one trigger per table that has the column.
        declared |= {
            f"{model._meta.db_table}_search_vector"
            for model in apps.get_models()
            if any(field.name == "search_vector" for field in model._meta.concrete_fields)
        }
    return declared


@pytest.mark.django_db
def test_the_database_has_exactly_the_triggers_the_rules_declare():
    assert installed_triggers(connection) == expected_triggers()


YEARS = [2000, 2017, 2024, 2100]


def database_span(year, tertial):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT lower(s), upper(s) - 1 FROM followup_tertial_span(%s, %s) AS s",
                [year, tertial],
            )
        else:
            first = tertial_in_period_v2.SQLITE_FIRST.format(r="r")
            last = tertial_in_period_v2.SQLITE_LAST.format(r="r")
            cursor.execute(
                f"SELECT {first}, {last} FROM (SELECT %s AS year, %s AS tertial) AS r",  # noqa: S608
                [year, tertial],
            )
        first_day, last_day = cursor.fetchone()
    as_date = datetime.date.fromisoformat
    return tuple(d if isinstance(d, datetime.date) else as_date(d) for d in (first_day, last_day))


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("tertial", [1, 2, 3])
def test_the_tertial_span_is_the_same_in_python_and_in_the_database(year, tertial):
    assert database_span(year, tertial) == tertial_span(year, tertial)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_migration_runs_backwards_to_zero_and_forwards_again():
    call_command("migrate", "municipalities", "zero", verbosity=0)
    call_command("migrate", "accessibility", "zero", verbosity=0)
    assert not installed_triggers(connection) & expected_triggers()

    call_command("migrate", verbosity=0)

    assert installed_triggers(connection) == expected_triggers()
