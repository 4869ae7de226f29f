"""Load police regions, counties, municipalities and local police areas from fixtures/."""

import csv
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from municipalities.models import County, LocalPoliceArea, Municipality, PoliceRegion

REFERENCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "reference"


def read_rows(name):
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def municipality_slugs(rows, county_names):
    """A URL slug per municipality code. Names that fold to the same ASCII slug
    (Habo and Håbo) both get their county added, so neither is the "real" one."""
    plain = {row["code"]: slugify(row["name"]) for row in rows}
    counts = Counter(plain.values())
    slugs = {}
    for row in rows:
        slug = plain[row["code"]]
        if counts[slug] > 1:
            slug = f"{slug}-{slugify(county_names[row['county_code']])}"
        slugs[row["code"]] = slug
    return slugs


class Counts:
    def __init__(self):
        self.created = self.updated = self.unchanged = 0

    def record(self, created, changed):
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def __str__(self):
        return f"{self.created} nya, {self.updated} ändrade, {self.unchanged} oförändrade"


def upsert(model, lookup, values):
    """Create or update one row; saves only when something differs. Returns
    (object, created, changed)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True, False
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, values[field])
    if changed:
        obj.save(update_fields=changed)
    return obj, False, bool(changed)


class Command(BaseCommand):
    help = (
        "Läser in Sveriges 7 polisregioner, 21 län, 290 kommuner och de lokalpolisområden "
        "som har en källa, från fixtures/reference/. Kan köras flera gånger: befintliga rader "
        "uppdateras bara om källan ändrats, och kommuner som en redaktör lagt till ett "
        "lokalpolisområde tas aldrig bort."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle ändras, spara inget."
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            with transaction.atomic():
                summary = self.load()
                if dry_run:
                    transaction.set_rollback(True)
        except (KeyError, FileNotFoundError) as error:
            raise CommandError(f"Referensdata saknas eller har fel format: {error}") from error
        prefix = "Torrkörning, inget sparat. " if dry_run else ""
        if options["verbosity"] or dry_run:
            self.stdout.write(self.style.SUCCESS(prefix + summary))

    def load(self):
        region_rows = read_rows("police_regions.csv")
        county_rows = read_rows("counties.csv")
        municipality_rows = read_rows("municipalities.csv")
        area_rows = read_rows("local_police_areas.csv")

        counts = {kind: Counts() for kind in ("regioner", "län", "kommuner", "lokalpolisområden")}
        regions, region_of_county = {}, {}
        for row in region_rows:
            region, *state = upsert(PoliceRegion, {"slug": row["slug"]}, {"name": row["name"]})
            counts["regioner"].record(*state)
            regions[row["name"]] = region
            for code in row["county_codes"].split(";"):
                region_of_county[code] = region

        counties = {}
        for row in county_rows:
            county, *state = upsert(
                County,
                {"code": row["code"]},
                {
                    "name": row["name"],
                    "slug": slugify(row["name"]),
                    "police_region": region_of_county[row["code"]],
                },
            )
            counts["län"].record(*state)
            counties[row["code"]] = county

        slugs = municipality_slugs(
            municipality_rows, {code: c.name for code, c in counties.items()}
        )
        municipalities = {}
        for row in municipality_rows:
            municipality, *state = upsert(
                Municipality,
                {"code": row["code"]},
                {
                    "name": row["name"],
                    "slug": slugs[row["code"]],
                    "county": counties[row["county_code"]],
                },
            )
            counts["kommuner"].record(*state)
            municipalities[row["code"]] = municipality

        for row in area_rows:
            area, created, changed = upsert(
                LocalPoliceArea,
                {"name": row["name"]},
                {
                    "slug": slugify(row["name"]),
                    "police_district": row["police_district"],
                    "police_region": regions[row["police_region"]],
                    "source_status": row["status"],
                    "source_note": row["note"],
                },
            )
            listed = {municipalities[code].pk for code in row["municipality_codes"].split(";")}
            missing = listed - set(area.municipalities.values_list("pk", flat=True))
            if missing:
                area.municipalities.add(*missing)
            counts["lokalpolisområden"].record(created, changed or bool(missing))

        return "Referensdata: " + "; ".join(f"{kind}: {c}" for kind, c in counts.items()) + "."
