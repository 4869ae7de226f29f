"""Versioned database rules of the promises app (see core.dbrules)."""

from . import part_same_period_v1, period_no_overlap_v1

# The versions the latest migration installs.
CURRENT = [period_no_overlap_v1.RULE, part_same_period_v1.RULE]
