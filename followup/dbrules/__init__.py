"""Versioned database rules of the follow-up app (see core.dbrules)."""

from . import status_same_period_v1, tertial_in_period_v2

# The versions the latest migration installs.
CURRENT = [tertial_in_period_v2.RULE, status_same_period_v1.RULE]
