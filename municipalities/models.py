"""Reference data: police regions, counties, municipalities and local police areas.

Codes are the official ones (SCB's two-digit county and four-digit municipality codes)
and are kept as text, since their leading zeros matter.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse


class ReferenceQuerySet(models.QuerySet):
    def public(self):
        """Reference data is public as a whole: every region, county, municipality and
        police area has its page."""
        return self.all()


class PoliceRegion(models.Model):
    slug = models.SlugField("kortnamn", max_length=40, unique=True)
    name = models.CharField("namn", max_length=80, unique=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "polisregion"
        verbose_name_plural = "polisregioner"

    def __str__(self):
        return f"Polisregion {self.name}"


class County(models.Model):
    code = models.CharField(
        "länskod",
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", "Länskoden är två siffror, till exempel 01.")],
    )
    name = models.CharField("namn", max_length=80, unique=True)
    slug = models.SlugField("kortnamn i webbadressen", max_length=80, unique=True)
    police_region = models.ForeignKey(
        PoliceRegion,
        on_delete=models.PROTECT,
        related_name="counties",
        verbose_name="polisregion",
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "län"
        verbose_name_plural = "län"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{2}$"), name="county_code_two_digits"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:county", kwargs={"slug": self.slug})


class MunicipalityQuerySet(ReferenceQuerySet):
    def with_county(self):
        """Municipalities with their county and police region in the same query."""
        return self.select_related("county", "county__police_region")


class Municipality(models.Model):
    code = models.CharField(
        "kommunkod",
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", "Kommunkoden är fyra siffror, till exempel 0123.")],
    )
    name = models.CharField("namn", max_length=80)
    slug = models.SlugField("kortnamn i webbadressen", max_length=80, unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name="län"
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{4}$"),
                name="municipality_code_four_digits",
            ),
        ]

    def __str__(self):
        # The bare name: Swedish genitives ("Jönköpings kommun", "Järfälla kommun")
        # are irregular, so templates say "kommun" only where the source does.
        return self.name

    def get_absolute_url(self):
        return reverse("portal:municipality", kwargs={"slug": self.slug})


class LocalPoliceArea(models.Model):
    class SourceStatus(models.TextChoices):
        VERIFIED = "verified", "Bekräftad"
        PARTLY_VERIFIED = "partly_verified", "Delvis bekräftad"
        UNVERIFIED = "unverified", "Ej bekräftad"

    name = models.CharField("namn", max_length=120, unique=True)
    slug = models.SlugField("kortnamn i webbadressen", max_length=120, unique=True)
    police_district = models.CharField("polisområde", max_length=120, blank=True)
    police_region = models.ForeignKey(
        PoliceRegion,
        on_delete=models.PROTECT,
        related_name="local_police_areas",
        verbose_name="polisregion",
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="local_police_areas",
        verbose_name="kommuner",
        help_text="Kommunerna som lokalpolisområdet arbetar i.",
    )
    # Editorial metadata: how well the municipality list is sourced. Shown to
    # superusers in the admin so they know what to confirm; never on public pages.
    source_status = models.CharField(
        "källäge",
        max_length=20,
        choices=SourceStatus.choices,
        default=SourceStatus.UNVERIFIED,
    )
    source_note = models.TextField("anteckning om källan", blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "lokalpolisområde"
        verbose_name_plural = "lokalpolisområden"

    def __str__(self):
        return f"Lokalpolisområde {self.name}"

    def get_absolute_url(self):
        return reverse("portal:police-area", kwargs={"slug": self.slug})


class CoordinatorScope(models.Model):
    """What one coordinator may edit: their municipalities and local police areas.

    A coordinator of a police area may edit the promises, agreements and follow-ups of
    every municipality that area serves together with it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinator_scope",
        verbose_name="användare",
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="coordinator_scopes", verbose_name="kommuner"
    )
    police_areas = models.ManyToManyField(
        LocalPoliceArea,
        blank=True,
        related_name="coordinator_scopes",
        verbose_name="lokalpolisområden",
    )
    # Read by followup.reminders; the coordinator turns it off on the admin start page.
    receives_reminders = models.BooleanField(
        "påminnelser per e-post",
        default=True,
        help_text="E-post när en tertial snart slutar eller uppföljningen är försenad.",
    )

    class Meta:
        verbose_name = "samordnares behörighet"
        verbose_name_plural = "samordnares behörigheter"

    def __str__(self):
        return f"Behörighet för {self.user}"
