"""The accessibility statement, the requests people send about barriers and alternative
formats, and the e-mail outbox that tells editors about them."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The first version of the statement's editable texts. Editors keep them current in
# the admin; the data migration stores them and `AccessibilityStatement.load()` falls
# back to them if the row is ever missing, so the statement page always renders.
INITIAL_KNOWN_SHORTCOMINGS = """\
Uppföljningar som kommunerna och polisen bara har publicerat som PDF-filer på sina egna \
webbplatser finns inte återgivna här. Det innehållet är därför inte tillgängligt hos oss. \
Du kan begära det i ett alternativt format."""

INITIAL_DISPROPORTIONATE_BURDEN = (
    "Vi åberopar inte oskäligt betungande anpassning för något innehåll på webbplatsen."
)

INITIAL_CONTENT_NOT_COVERED = """\
Länkade dokument och webbsidor hos kommuner, polisen och andra aktörer omfattas inte av \
den här redogörelsen. Vi ansvarar inte för hur tillgängliga de är."""

INITIAL_HOW_TESTED = """\
Vi har gjort en egen bedömning (självskattning) av webbplatsen. Varje ändring testas \
automatiskt med verktyget axe-core i webbläsaren Chromium, i dator- och mobilstorlek, \
mot kraven i WCAG 2.1 nivå AA. Automatiska tester läser också det som en skärmläsare \
får veta (namn på fält, rubriker och rader), var fokus hamnar, hur sidorna ser ut i \
320 pixlars bredd med och utan ökat text- och radavstånd och i forcerade färger. Vi \
testar att formulären går att fylla i och skicka med enbart tangentbord.

De publika sidorna och formulären fungerar utan JavaScript. Administrationen som \
samordnare använder kräver JavaScript för att välja kommun och lokalpolisområde, för att \
lägga till rader och för varningen innan man loggas ut.

Webbplatsen har ännu inte granskats av en extern part och inte testats tillsammans med \
personer som använder skärmläsare."""


class ComplianceStatus(models.TextChoices):
    FULL = "helt", "Helt förenlig"
    PARTIAL = "delvis", "Delvis förenlig"
    NONE = "inte", "Inte förenlig"


class AccessibilityStatementQuerySet(models.QuerySet):
    def current(self):
        """The statement the site publishes (there is one), or None."""
        return self.order_by("pk").first()


class AccessibilityStatement(models.Model):
    """The editable parts of the tillgänglighetsredogörelse; the structure DIGG
    prescribes lives in the template."""

    service_name = models.CharField(
        "tjänstens namn",
        max_length=200,
        default="Medborgarlöften",
        help_text="Visas i rubriken ”Tillgänglighet för …”.",
    )
    compliance_status = models.CharField(
        "förenlighet med lagkraven",
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
        help_text="Hur väl webbplatsen uppfyller WCAG 2.1 nivå AA.",
    )
    known_shortcomings = models.TextField(
        "bristande förenlighet med lagkraven",
        blank=True,
        default=INITIAL_KNOWN_SHORTCOMINGS,
        help_text="Kända brister och varför. Tom rad mellan stycken.",
    )
    disproportionate_burden = models.TextField(
        "oskäligt betungande anpassning",
        blank=True,
        default=INITIAL_DISPROPORTIONATE_BURDEN,
    )
    content_not_covered = models.TextField(
        "innehåll som inte omfattas av lagkraven",
        blank=True,
        default=INITIAL_CONTENT_NOT_COVERED,
    )
    how_tested = models.TextField(
        "hur vi testat webbplatsen", blank=True, default=INITIAL_HOW_TESTED
    )
    assessed_on = models.DateField("senaste bedömning")
    reviewed_on = models.DateField(
        "redogörelsen uppdaterades senast",
        help_text="Gå igenom redogörelsen minst en gång om året och ändra då datumet.",
    )
    answer_days = models.PositiveSmallIntegerField(
        "svarstid i arbetsdagar",
        default=5,
        help_text="Vi lovar att svara inom så här många arbetsdagar.",
    )
    contact_email = models.EmailField(
        "e-post för tillgänglighetsfrågor",
        default="tillganglighet@medborgarloften.example.se",
    )
    updated_at = models.DateTimeField("senast ändrad", auto_now=True)
    history = HistoricalRecords()

    objects = AccessibilityStatementQuerySet.as_manager()

    class Meta:
        verbose_name = "tillgänglighetsredogörelse"
        verbose_name_plural = "tillgänglighetsredogörelse"
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_days__gte=1) & Q(answer_days__lte=60),
                name="a11y_statement_answer_days_range",
            ),
        ]

    def __str__(self):
        return f"Tillgänglighet för {self.service_name}"

    def get_absolute_url(self):
        return reverse("accessibility:statement")

    def clean(self):
        if not 1 <= (self.answer_days or 0) <= 60:
            raise ValidationError({"answer_days": "Svarstiden ska vara 1–60 arbetsdagar."})

    @classmethod
    def load(cls):
        """The published statement; an unsaved one with the initial texts if the row
        is missing, so the page the law requires never fails."""
        return cls.objects.current() or cls()

    @property
    def retention_days(self):
        """How long personal data is kept after a request is closed: the purge job's
        setting, so what the statement says is what the job does."""
        return settings.ACCESSIBILITY_PURGE_AFTER_DAYS

    def review_is_overdue(self, today=None):
        """DIGG asks for a review at least once a year."""
        today = today or timezone.localdate()
        return self.reviewed_on is None or (today - self.reviewed_on).days > 365


class RequestKind(models.TextChoices):
    BARRIER = "barrier", _("Påtalad brist i tillgängligheten")
    ALTERNATIVE_FORMAT = "alternative_format", _("Begäran om alternativt format")


class RequestState(models.TextChoices):
    NEW = "new", "Ny"
    IN_PROGRESS = "in_progress", "Under handläggning"
    ANSWERED = "answered", "Besvarad"
    CLOSED = "closed", "Avslutad"


OPEN_STATES = [RequestState.NEW, RequestState.IN_PROGRESS]


class WantedFormat(models.TextChoices):
    EASY_TO_READ = "lattlast", _("Lättläst svenska")
    AUDIO = "ljud", _("Uppläst (ljudfil)")
    BRAILLE = "punktskrift", _("Punktskrift")
    LARGE_PRINT = "stor_stil", _("Stor stil")
    ACCESSIBLE_PDF = "tillganglig_pdf", _("Tillgänglig PDF")
    SIGN_LANGUAGE = "teckensprak", _("Svenskt teckenspråk")
    OTHER = "annat", _("Annat format")


def _overdue(today=None) -> Q:
    return Q(state__in=OPEN_STATES, due_on__lt=today or timezone.localdate())


class AccessibilityRequestQuerySet(models.QuerySet):
    def open(self):
        """Requests an editor still has to act on."""
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today=None):
        """Open requests whose promised answer date has passed."""
        return self.filter(_overdue(today))

    def not_overdue(self, today=None):
        """Requests that are closed, answered or still within the answer time."""
        return self.exclude(_overdue(today))

    def quarantined(self):
        """Submissions that looked automated; an editor decides whether to release them."""
        return self.filter(is_quarantined=True)

    def purgeable(self, *, older_than_days, now=None):
        """Closed requests whose personal data is due to be erased."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=older_than_days)
        return self.filter(
            state=RequestState.CLOSED,
            closed_at__lte=cutoff,
            personal_data_purged_at__isnull=True,
        )


class AccessibilityRequest(models.Model):
    """A barrier report or a request for content in another format. Stored before any
    e-mail is sent, so it is never lost; the outbox tells editors about it."""

    reference = models.CharField("referensnummer", max_length=12, unique=True, editable=False)
    kind = models.CharField("typ", max_length=20, choices=RequestKind.choices)
    page_url = models.CharField("sida", max_length=500, blank=True)
    message = models.TextField("beskrivning", max_length=5000)
    wanted_format = models.CharField(
        "önskat format", max_length=20, choices=WantedFormat.choices, blank=True
    )
    wanted_format_other = models.CharField("annat format", max_length=200, blank=True)
    assistive_technology = models.CharField("hjälpmedel", max_length=200, blank=True)
    browser = models.CharField("webbläsare och enhet", max_length=200, blank=True)
    contact_name = models.CharField("namn", max_length=200, blank=True)
    contact_email = models.EmailField("e-postadress", blank=True)
    consent_given = models.BooleanField("godkände att uppgifterna sparas", default=False)
    # A hash of the form's one-time token and the content: a double-clicked or re-sent
    # form finds the request it already created instead of creating a second one.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)

    received_at = models.DateTimeField("mottaget", default=timezone.now, db_index=True)
    due_on = models.DateField("svara senast")
    acknowledged_at = models.DateTimeField("togs upp för handläggning", null=True, blank=True)
    answered_at = models.DateTimeField("besvarad", null=True, blank=True)
    closed_at = models.DateTimeField("avslutad", null=True, blank=True)
    state = models.CharField(
        "status", max_length=20, choices=RequestState.choices, default=RequestState.NEW
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accessibility_requests",
        verbose_name="handläggare",
    )
    reply_note = models.TextField(
        "anteckning om svaret",
        blank=True,
        help_text="Vad vi svarade eller gjorde. Skriv inga onödiga personuppgifter.",
    )
    is_quarantined = models.BooleanField(
        "i karantän",
        default=False,
        help_text="Skickades misstänkt snabbt. Ingen e-post har gått ut förrän det släpps.",
    )
    quarantine_reason = models.CharField("skäl till karantän", max_length=200, blank=True)
    personal_data_purged_at = models.DateTimeField("personuppgifter rensade", null=True, blank=True)
    updated_at = models.DateTimeField("senast ändrad", auto_now=True)

    objects = AccessibilityRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "tillgänglighetsärende"
        verbose_name_plural = "tillgänglighetsärenden"
        ordering = ["-received_at"]
        permissions = [("release_accessibilityrequest", "Kan släppa ärenden ur karantän")]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~Q(submission_key=""),
                name="a11y_request_submitted_once",
            ),
            models.CheckConstraint(
                condition=(Q(kind=RequestKind.BARRIER) & Q(wanted_format=""))
                | (Q(kind=RequestKind.ALTERNATIVE_FORMAT) & ~Q(wanted_format="")),
                name="a11y_request_format_matches_kind",
            ),
            models.CheckConstraint(
                condition=~Q(state=RequestState.CLOSED) | Q(closed_at__isnull=False),
                name="a11y_request_closed_has_closed_at",
            ),
            models.CheckConstraint(
                condition=~Q(state=RequestState.ANSWERED) | Q(answered_at__isnull=False),
                name="a11y_request_answered_has_answered_at",
            ),
        ]

    def __str__(self):
        return self.reference

    def clean(self):
        if self.kind == RequestKind.ALTERNATIVE_FORMAT and not self.wanted_format:
            raise ValidationError({"wanted_format": "Välj vilket format som önskas."})
        if self.kind == RequestKind.BARRIER and self.wanted_format:
            raise ValidationError(
                {"wanted_format": "En rapport om brister har inget önskat format."}
            )

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    def is_overdue(self, today=None):
        return self.is_open and self.due_on < (today or timezone.localdate())

    @property
    def wanted_format_display(self):
        if self.wanted_format == WantedFormat.OTHER and self.wanted_format_other:
            return f"Annat format: {self.wanted_format_other}"
        return self.get_wanted_format_display()

    def move_to(self, state, *, at=None, by=None):
        """Change the handling state and record when it happened. Going back to an
        open state clears the closing time, so the purge waits for the real close."""
        at = at or timezone.now()
        self.state = state
        if state != RequestState.NEW and self.acknowledged_at is None:
            self.acknowledged_at = at
        if state == RequestState.ANSWERED and self.answered_at is None:
            self.answered_at = at
        if state == RequestState.CLOSED:
            self.closed_at = self.closed_at or at
        else:
            self.closed_at = None
        if by is not None and self.handler_id is None and state != RequestState.NEW:
            self.handler = by


class NotificationKind(models.TextChoices):
    EDITOR = "editor", "Till redaktören"
    CONFIRMATION = "confirmation", "Bekräftelse till personen"


class NotificationState(models.TextChoices):
    PENDING = "pending", "Väntar"
    SENT = "sent", "Skickad"
    FAILED = "failed", "Misslyckad"


class NotificationQuerySet(models.QuerySet):
    def pending(self):
        """E-mails still to be sent, oldest first."""
        return self.filter(state=NotificationState.PENDING).order_by("created_at", "pk")


class Notification(models.Model):
    """One e-mail about one request, in the outbox until it is sent. It stores no
    addresses or text: the e-mail is built from the request when it is sent, so a purge
    of the request's personal data also covers e-mail that has not gone out yet."""

    request = models.ForeignKey(
        AccessibilityRequest,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="ärende",
    )
    kind = models.CharField("mottagare", max_length=20, choices=NotificationKind.choices)
    state = models.CharField(
        "status",
        max_length=10,
        choices=NotificationState.choices,
        default=NotificationState.PENDING,
    )
    attempts = models.PositiveSmallIntegerField("försök", default=0)
    last_error = models.CharField("senaste fel", max_length=500, blank=True)
    created_at = models.DateTimeField("skapad", default=timezone.now)
    last_attempt_at = models.DateTimeField("senaste försök", null=True, blank=True)
    sent_at = models.DateTimeField("skickad", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "e-postmeddelande"
        verbose_name_plural = "e-post om ärenden"
        ordering = ["-created_at"]
        constraints = [
            # Queuing twice (a release clicked twice) can never mean two e-mails.
            models.UniqueConstraint(
                fields=["request", "kind"], name="a11y_notification_once_per_kind"
            ),
            models.CheckConstraint(
                condition=~Q(state=NotificationState.SENT) | Q(sent_at__isnull=False),
                name="a11y_notification_sent_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} om {self.request.reference}"
