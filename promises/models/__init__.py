"""Citizen promises: periods, their promises (löften), goals and activities, and the
cooperation agreements municipalities sign with their local police area."""

from .agreement import CooperationAgreement, CooperationAgreementQuerySet
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

__all__ = [
    "Activity",
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
