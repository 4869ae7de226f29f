"""Rules the database itself enforces, written as versioned modules.

Each rule version is a module that builds one `Rule`: its install and uninstall SQL per
database vendor and the names of the triggers it installs. A migration installs a rule
version with `rule.operation()`; a new version gets a new module and a new migration
that uninstalls the old and installs the new, so every migration keeps working as the
rules change. `installed_triggers()` reads what the database really has: SQLite drops a
table's triggers when a migration rebuilds it, and the test suite compares the two.

Kept free of model imports: migrations import these modules.
"""

from dataclasses import dataclass, field

from django.db import migrations


@dataclass(frozen=True)
class Rule:
    name: str
    install: dict = field(default_factory=dict)  # vendor -> [SQL]
    uninstall: dict = field(default_factory=dict)  # vendor -> [SQL]
    triggers: dict = field(default_factory=dict)  # vendor -> {trigger names}

    def operation(self):
        """The migration operation that installs this rule (and uninstalls it backwards)."""
        return migrations.RunPython(run_by_vendor(self.install), run_by_vendor(self.uninstall))

    def replaced_by(self, newer):
        """The migration operations that swap this version for a newer one."""
        return [
            migrations.RunPython(run_by_vendor(self.uninstall), run_by_vendor(self.install)),
            newer.operation(),
        ]


def run_by_vendor(statements_by_vendor):
    """A RunPython function that executes the statements listed for the database in use."""

    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


def installed_triggers(connection):
    """The names of the triggers the database has on the project's tables."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT DISTINCT trigger_name FROM information_schema.triggers "
                "WHERE trigger_schema = current_schema()"
            )
        return {row[0] for row in cursor.fetchall()}
