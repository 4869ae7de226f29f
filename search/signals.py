"""Keep the index current on every content change, in the same transaction as the
change: a save, a delete or a police area's municipality list.

Reindexing happens at once (not on commit) so a publish is searchable on the very next
request and a rolled-back edit rolls back its index rows too.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from followup.models import ActivityStatus, FollowUpReport
from municipalities.models import County, LocalPoliceArea, Municipality
from promises.models import Activity, CooperationAgreement, Goal, Promise, PromisePeriod

from . import indexer


def _saved(sender, instance, created=False, **kwargs):
    if created and sender in (PromisePeriod, Municipality, County):
        # Nothing names a new period or place yet: only its own document is new.
        _created(sender, instance)
    elif sender is PromisePeriod:
        indexer.reindex_periods([instance.pk])
    elif sender in (Promise, Goal, Activity):
        indexer.reindex_part(instance)
    elif sender is FollowUpReport:
        indexer.reindex_report(instance)
    elif sender is ActivityStatus:
        indexer.reindex_status(instance)
    elif sender is CooperationAgreement:
        indexer.reindex_agreements([instance.pk])
    elif sender is Municipality:
        indexer.reindex_municipality(instance)
    elif sender is County:
        # Municipalities show their county's name as context.
        indexer.reindex_places(
            instance.municipalities.values_list("pk", flat=True), counties=[instance.pk]
        )
    elif sender is LocalPoliceArea:
        indexer.reindex_places(police_areas=[instance.pk])


def _created(sender, instance):
    if sender is PromisePeriod:
        if instance.is_published:
            indexer.replace(None, indexer.period_documents([instance.pk]))
    elif sender is Municipality:
        indexer.reindex_places([instance.pk])
    else:
        indexer.reindex_places(counties=[instance.pk])


def _deleted(sender, instance, **kwargs):
    if sender is PromisePeriod:
        indexer.reindex_periods([instance.pk])  # the period is gone: removes its tree
    else:
        indexer.remove(instance)


def _area_municipalities_changed(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, LocalPoliceArea):
        indexer.reindex_places(police_areas=[instance.pk])
    else:  # changed from the municipality's side
        indexer.reindex_places(police_areas=pk_set or ())


MODELS = (
    PromisePeriod,
    Promise,
    Goal,
    Activity,
    FollowUpReport,
    ActivityStatus,
    CooperationAgreement,
    Municipality,
    County,
    LocalPoliceArea,
)


def connect():
    for model in MODELS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    m2m_changed.connect(
        _area_municipalities_changed,
        sender=LocalPoliceArea.municipalities.through,
        dispatch_uid="search-area-municipalities",
    )
