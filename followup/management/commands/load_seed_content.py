"""Load the content of the source pages (fixtures/seed/*.json) as published data."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.publishing import PublicationStatus
from followup.models import FollowUpReport
from municipalities.models import LocalPoliceArea, Municipality
from promises.models import (
    Activity,
    AgreementSignatory,
    CooperationAgreement,
    DatePrecision,
    Extension,
    Goal,
    PeriodSignatory,
    Promise,
    PromisePeriod,
)

SEED_DIR = Path(settings.BASE_DIR) / "fixtures" / "seed"

PERIOD_FIELDS = ("slug", "title", *PromisePeriod.TEXT_FIELDS)
ACTIVITY_FIELDS = ("text", "responsible", "partner_name", "target_count", "target_unit")


def saved(obj):
    """Validate like the admin does, then save."""
    obj.full_clean()
    obj.save()
    return obj


def parse_date(value):
    return datetime.date.fromisoformat(value) if value else None


def signing(data):
    """The signing date and how much of it the source states; nothing when it is silent."""
    return {
        "signed_on": parse_date(data.get("signed_on")),
        "signed_precision": data.get("signed_precision", DatePrecision.DAY),
    }


def create_signatories(model, owner, items):
    for order, item in enumerate(items, start=1):
        saved(
            model(
                order=order,
                name=item["name"],
                role=item.get("role", ""),
                organisation=item.get("organisation", ""),
                **owner,
            )
        )


def create_parts(period, items, promise=None):
    for order, item in enumerate(items.get("goals", []), start=1):
        saved(
            Goal(
                period=period,
                promise=promise,
                order=order,
                text=item["text"],
                deadline=parse_date(item.get("deadline")),
            )
        )
    for order, item in enumerate(items.get("activities", []), start=1):
        values = {field: item[field] for field in ACTIVITY_FIELDS if field in item}
        saved(Activity(period=period, promise=promise, order=order, **values))


def create_period(data):
    """One period with its promises, goals, activities and follow-up reports."""
    period = saved(
        PromisePeriod(
            municipality=Municipality.objects.get(code=data["municipality"]),
            police_area=LocalPoliceArea.objects.get(name=data["police_area"]),
            starts_on=parse_date(data["starts_on"]),
            ends_on=parse_date(data["ends_on"]),
            dates_precision=data.get("dates_precision", DatePrecision.DAY),
            status=PublicationStatus.PUBLISHED,
            **signing(data),
            **{field: data.get(field, "") for field in PERIOD_FIELDS},
        )
    )
    create_signatories(PeriodSignatory, {"period": period}, data.get("signatories", []))
    create_parts(period, data)
    for order, item in enumerate(data.get("promises", []), start=1):
        promise = saved(
            Promise(
                period=period,
                order=order,
                title=item["title"],
                description=item.get("description", ""),
            )
        )
        create_parts(period, item, promise)
    for item in data.get("follow_up_reports", []):
        saved(
            FollowUpReport(
                period=period,
                year=item["year"],
                tertial=item["tertial"],
                summary=item.get("summary", ""),
                status=PublicationStatus.PUBLISHED,
            )
        )
    return period


def create_agreement(data):
    agreement = saved(
        CooperationAgreement(
            municipality=Municipality.objects.get(code=data["municipality"]),
            police_area=LocalPoliceArea.objects.get(name=data["police_area"]),
            valid_from=parse_date(data["valid_from"]),
            valid_to=parse_date(data["valid_to"]),
            focus_areas="\n".join(data.get("focus_areas", [])),
            status=PublicationStatus.PUBLISHED,
            **{
                field: data.get(field, "")
                for field in ("title", "summary", "body", "quote", "quote_by")
            },
            dates_precision=data.get("dates_precision", DatePrecision.DAY),
            # Only what the source says: silence is "not stated", never "no".
            may_be_extended=data.get("may_be_extended", Extension.NOT_STATED),
            **signing(data),
        )
    )
    create_signatories(AgreementSignatory, {"agreement": agreement}, data.get("signatories", []))
    return agreement


# Each kind of entry in a seed file: its label, the rows that would be the same entry
# (left untouched when present), and how to create it.
SEED_KINDS = (
    (
        "periods",
        lambda d: f"{d['municipality']} {d['slug']}",
        lambda d: PromisePeriod.objects.filter(
            municipality__code=d["municipality"], slug=d["slug"]
        ),
        create_period,
    ),
    (
        "agreements",
        lambda d: f"{d['municipality']} överenskommelse {d['valid_from']}",
        lambda d: CooperationAgreement.objects.filter(
            municipality__code=d["municipality"], valid_from=d["valid_from"]
        ),
        create_agreement,
    ),
)


class Command(BaseCommand):
    help = (
        "Läser in innehållet från källsidorna i fixtures/seed/ som publicerade medborgarlöften, "
        "samverkansöverenskommelser och uppföljningar. Det som redan finns (samma kommun och "
        "period, eller samma kommun och startdatum för en överenskommelse) lämnas orört, så "
        "en andra körning ändrar inget och skriver aldrig över samordnarnas ändringar. "
        "Kräver att referensdatan är inläst (load_reference_data)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle läsas in, spara inget."
        )

    def handle(self, *args, dry_run=False, **options):
        created, existing = [], []
        try:
            with transaction.atomic():
                for path in sorted(SEED_DIR.glob("*.json")):
                    self.load_file(path, created, existing)
                if dry_run:
                    transaction.set_rollback(True)
        except (ValidationError, Municipality.DoesNotExist, LocalPoliceArea.DoesNotExist) as error:
            raise CommandError(f"Källinnehållet kunde inte läsas in: {error}") from error
        if not (options["verbosity"] or dry_run):
            return
        for line in created:
            self.stdout.write(f"  ny: {line}")
        prefix = "Torrkörning, inget sparat. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}Källinnehåll: {len(created)} nya, {len(existing)} fanns redan."
            )
        )

    def load_file(self, path, created, existing):
        content = json.loads(path.read_text(encoding="utf-8"))
        for key, describe, copies, create in SEED_KINDS:
            for data in content.get(key, []):
                label = f"{describe(data)} ({path.name})"
                if copies(data).exists():
                    existing.append(label)
                else:
                    create(data)
                    created.append(label)
