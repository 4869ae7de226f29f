"""The known shortcomings the accessibility statement lists under "Bristande
förenlighet med lagkraven": one list in code, each with the WCAG criteria it fails and
the issue point that tracks it. tests/test_accessibility_shortcomings.py checks each
entry against the site (a probe per key), so an entry cannot outlive its fix and a fix
cannot hide behind an old entry. Editors may add other shortcomings in the admin."""

from dataclasses import dataclass

from django.utils.translation import gettext_noop

# The WCAG 2.1 success criteria named here, with their Swedish names (EN 301 549),
# marked for the catalogue: the statement translates them (and each text) as it shows them.
CRITERIA = {
    "1.3.1": gettext_noop("Information och relationer"),
    "2.4.6": gettext_noop("Rubriker och ledtexter"),
}


@dataclass(frozen=True)
class Shortcoming:
    key: str
    text: str
    criteria: tuple[str, ...]
    issue: str  # "16.6": issue 16, point 6

    def criteria_named(self):
        """("2.4.6", "Rubriker och ledtexter"), … for the statement."""
        return [(number, CRITERIA[number]) for number in self.criteria]


SHORTCOMINGS = []
