"""Citizen promises: periods, their promises (löften), goals and activities, and the
cooperation agreements municipalities sign with their local police area."""

from .agreement import CooperationAgreement, CooperationAgreementQuerySet, Extension
from .content import (
    Activity,
    Goal,
    PeriodContentQuerySet,
    PeriodPart,
    Promise,
    ResponsibleParty,
    period_content_prefetches,
)
from .period import PeriodState, PromisePeriod, PromisePeriodQuerySet, PromiseSection
from .signing import (
    AgreementSignatory,
    DatePrecision,
    PeriodSignatory,
    format_date,
    format_span,
)

__all__ = [
    "Activity",
    "AgreementSignatory",
    "DatePrecision",
    "Extension",
    "PeriodSignatory",
    "format_date",
    "format_span",
    "CooperationAgreement",
    "CooperationAgreementQuerySet",
    "Goal",
    "PeriodContentQuerySet",
    "PeriodPart",
    "PeriodState",
    "Promise",
    "PromisePeriod",
    "PromisePeriodQuerySet",
    "PromiseSection",
    "ResponsibleParty",
    "period_content_prefetches",
]
