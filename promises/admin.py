"""The coordinators' admin for promise periods, their promises, goals and activities, and
cooperation agreements. Every admin here is limited to the coordinator's scope
(municipalities.scope) and records its history (django-simple-history)."""

from django import forms
from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.http import urlencode

from core.admin import HistoryAdmin, PreviewAdminMixin, PublicPageMixin, PublishableAdminMixin
from municipalities.scope import ScopedAdminMixin, ScopedChoicesMixin

from .models import (
    Activity,
    AgreementSignatory,
    CooperationAgreement,
    Goal,
    PeriodSignatory,
    Promise,
    PromisePeriod,
)

ORDER_HELP = "Lägre nummer visas först på webbplatsen."


# --- promise periods ------------------------------------------------------------------------
class PromisePeriodForm(forms.ModelForm):
    """The period's fields come from PromisePeriodAdmin.fieldsets."""

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if not (self.instance.pk and starts and ends and starts <= ends):
            return cleaned
        # The database refuses dates that leave a follow-up outside its period; say so here.
        reports = list(self.instance.follow_up_reports.order_by("year", "tertial"))
        before = [r for r in reports if r.span[1] < starts]
        after = [r for r in reports if r.span[0] > ends]
        for field, outside in (("starts_on", before), ("ends_on", after)):
            if outside:
                names = ", ".join(f"tertial {r.tertial} {r.year}" for r in outside)
                self.add_error(
                    field,
                    f"Perioden har uppföljningar som då skulle hamna utanför den ({names}). "
                    "Ta bort uppföljningarna först eller välj andra datum.",
                )
        return cleaned


class PeriodPartFormSet(BaseInlineFormSet):
    """Goals and activities of a period may only point at that period's own promises."""

    _promise_choices = None

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get("promise")
        if field is None:
            return
        field.queryset = field.queryset.filter(period_id=self.instance.pk or 0)
        if self._promise_choices is None:
            # One query for every row's dropdown instead of one per row.
            self._promise_choices = [("", "Hela perioden (alla löften)")] + [
                (promise.pk, promise.title) for promise in field.queryset
            ]
        field.choices = self._promise_choices

    def clean(self):
        super().clean()
        if self.model is not Activity:
            return
        for form in self.deleted_forms:
            activity = form.instance
            if activity.pk and activity.statuses.filter(report__status="published").exists():
                raise forms.ValidationError(
                    f"Aktiviteten ”{activity}” finns i en publicerad uppföljning och kan inte "
                    "tas bort. Sätt hellre dess status till ”Utgår” i nästa uppföljning."
                )


class PeriodInlineMixin(ScopedChoicesMixin):
    extra = 0
    show_change_link = False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "promise" and formfield is not None:
            # A plain dropdown: no pop-up windows for adding or editing promises.
            formfield.widget = getattr(formfield.widget, "widget", formfield.widget)
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("help_texts", {"order": ORDER_HELP})
        return super().get_formset(request, obj, **kwargs)


class PromiseInline(PeriodInlineMixin, admin.StackedInline):
    model = Promise
    fields = ["title", "description", "order"]
    verbose_name = "löfte"
    verbose_name_plural = "Löften – vad polis och kommun lovar"


class GoalInline(PeriodInlineMixin, admin.StackedInline):
    model = Goal
    formset = PeriodPartFormSet
    fields = ["text", "deadline", "promise", "order"]
    verbose_name_plural = "Mål – vad som ska vara uppnått, och när"


class ActivityInline(PeriodInlineMixin, admin.StackedInline):
    model = Activity
    formset = PeriodPartFormSet
    fields = [
        "text",
        ("responsible", "partner_name"),
        ("target_count", "target_unit"),
        "promise",
        "order",
    ]
    verbose_name_plural = "Aktiviteter – vem som gör vad (följs upp varje tertial)"


class PeriodSignatoryInline(PeriodInlineMixin, admin.StackedInline):
    model = PeriodSignatory
    fields = ["name", "role", "organisation", "order"]
    verbose_name_plural = "Undertecknare – vem som skrev under (bara det källan anger)"


class AgreementSignatoryInline(ScopedChoicesMixin, admin.StackedInline):
    model = AgreementSignatory
    extra = 0
    fields = ["name", "role", "organisation", "order"]
    verbose_name_plural = "Undertecknare – vem som skrev under (bara det källan anger)"


@admin.register(PromisePeriod)
class PromisePeriodAdmin(
    ScopedAdminMixin, PublishableAdminMixin, PreviewAdminMixin, PublicPageMixin, HistoryAdmin
):
    form = PromisePeriodForm
    list_display = ["title", "municipality", "police_area", "starts_on", "ends_on", "status"]
    list_filter = ["status", ("municipality", RelatedOnlyFieldListFilter)]
    list_select_related = ["municipality", "police_area"]
    search_fields = ["title", "municipality__name", "lead", "situation"]
    autocomplete_fields = ["municipality", "police_area"]
    readonly_fields = ["published_at", "updated_at"]
    inlines = [PromiseInline, GoalInline, ActivityInline, PeriodSignatoryInline]
    fieldsets = [
        (
            "Kommun och lokalpolisområde",
            {"fields": ["municipality", "police_area"]},
        ),
        (
            "Period",
            {
                "fields": [
                    "title",
                    ("starts_on", "ends_on"),
                    "dates_precision",
                    "slug",
                    ("signed_on", "signed_precision"),
                    "keep_source_order",
                ],
                "description": (
                    "En kommun har ett medborgarlöfte åt gången: perioderna får inte överlappa. "
                    "Uppföljningen sker per tertial (januari–april, maj–augusti, "
                    "september–december) inom perioden. Är bara åren kända (2023–2026), "
                    "ange 1 januari och 31 december och välj ”År”: sidan visar då bara åren."
                ),
            },
        ),
        (
            "Aviserat medborgarlöfte",
            {
                "fields": ["announced", "announcement"],
                "description": (
                    "Ett aviserat löfte visas bara som ”Aviserat: …” på kommunens sida, "
                    "aldrig som ett gällande löfte, tills du tar bort markeringen."
                ),
            },
        ),
        (
            "Löftet i text",
            {
                "fields": [
                    "lead",
                    "situation",
                    "basis",
                    "expected_effect",
                    "partners",
                    "follow_up_method",
                    "source_note",
                ],
                "description": (
                    "Lägesbilden beskriver problemen och platserna som polis och kommun ser "
                    "tillsammans. Underlaget är det lägesbilden bygger på: medborgardialoger, "
                    "brottsstatistik, trygghetsmätningar. Förväntad effekt är vad de boende ska "
                    "märka. Själva löftena, målen och aktiviteterna skriver du längre ned."
                ),
            },
        ),
        (
            "Publicering",
            {
                "fields": ["status", "published_at", "updated_at"],
                "description": (
                    "Ett utkast syns bara för samordnare (se ”Förhandsvisa”). "
                    "Alla ändringar sparas i historiken."
                ),
            },
        ),
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if request.user.has_perm("followup.add_followupreport"):
            add_url = reverse("admin:followup_followupreport_add")
            extra_context["new_report_url"] = f"{add_url}?{urlencode({'period': object_id})}"
        return super().change_view(request, object_id, form_url, extra_context)


class PeriodPartForm(forms.ModelForm):
    """A goal or activity edited on its own: its promise comes from its own period."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("promise")
        if field is not None and self.instance.period_id:
            field.queryset = field.queryset.filter(period_id=self.instance.period_id)


class PeriodChildAdmin(ScopedAdminMixin, PublicPageMixin, HistoryAdmin):
    """Promises, goals and activities on their own pages (mostly edited in the period)."""

    form = PeriodPartForm
    list_filter = [("period__municipality", RelatedOnlyFieldListFilter)]

    def get_readonly_fields(self, request, obj=None):
        # Moving a part to another period would break its follow-ups and its promise.
        return ["period"] if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs.setdefault("help_texts", {"order": ORDER_HELP})
        return super().get_form(request, obj, change, **kwargs)

    def public_object(self, obj):
        return obj.period


@admin.register(Promise)
class PromiseAdmin(PeriodChildAdmin):
    list_display = ["title", "period", "order"]
    list_select_related = ["period__municipality"]
    search_fields = ["title", "description", "period__title", "period__municipality__name"]
    fields = ["period", "title", "description", "order"]


@admin.register(Goal)
class GoalAdmin(PeriodChildAdmin):
    list_display = ["__str__", "deadline", "promise", "period"]
    list_select_related = ["period__municipality", "promise"]
    search_fields = ["text", "period__title", "period__municipality__name"]
    fields = ["period", "promise", "text", "deadline", "order"]


@admin.register(Activity)
class ActivityAdmin(PeriodChildAdmin):
    list_display = ["__str__", "responsible", "promise", "period"]
    list_filter = ["responsible", ("period__municipality", RelatedOnlyFieldListFilter)]
    list_select_related = ["period__municipality", "promise"]
    search_fields = ["text", "partner_name", "period__title", "period__municipality__name"]
    fields = [
        "period",
        "promise",
        "text",
        ("responsible", "partner_name"),
        ("target_count", "target_unit"),
        "order",
    ]


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(
    ScopedAdminMixin, PublishableAdminMixin, PublicPageMixin, HistoryAdmin
):
    list_display = ["title", "municipality", "valid_from", "valid_to", "status"]
    list_filter = ["status", ("municipality", RelatedOnlyFieldListFilter)]
    list_select_related = ["municipality"]
    search_fields = ["title", "municipality__name", "summary"]
    autocomplete_fields = ["municipality", "police_area"]
    readonly_fields = ["published_at", "updated_at"]
    inlines = [AgreementSignatoryInline]
    fieldsets = [
        ("Parter", {"fields": ["municipality", "police_area"]}),
        (
            "Giltighet",
            {
                "fields": [
                    ("valid_from", "valid_to"),
                    "dates_precision",
                    "may_be_extended",
                    ("signed_on", "signed_precision"),
                ]
            },
        ),
        (
            "Innehåll",
            {"fields": ["title", "summary", "focus_areas", "body", "quote", "quote_by"]},
        ),
        ("Publicering", {"fields": ["status", "published_at", "updated_at"]}),
    ]


@admin.register(PeriodSignatory)
class PeriodSignatoryAdmin(ScopedAdminMixin, PublicPageMixin, HistoryAdmin):
    """Signatories are mostly edited in their period; this list finds them all."""

    list_display = ["name", "role", "organisation", "period"]
    list_select_related = ["period__municipality"]
    list_filter = [("period__municipality", RelatedOnlyFieldListFilter)]
    search_fields = ["name", "role", "organisation", "period__municipality__name"]
    fields = ["period", "name", "role", "organisation", "order"]

    def public_object(self, obj):
        return obj.period


@admin.register(AgreementSignatory)
class AgreementSignatoryAdmin(ScopedAdminMixin, PublicPageMixin, HistoryAdmin):
    """Signatories are mostly edited in their agreement; this list finds them all."""

    list_display = ["name", "role", "organisation", "agreement"]
    list_select_related = ["agreement__municipality"]
    list_filter = [("agreement__municipality", RelatedOnlyFieldListFilter)]
    search_fields = ["name", "role", "organisation", "agreement__municipality__name"]
    fields = ["agreement", "name", "role", "organisation", "order"]

    def public_object(self, obj):
        return obj.agreement
