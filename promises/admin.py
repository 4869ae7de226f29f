"""The coordinators' admin for promise periods, their promises, goals and activities, and
cooperation agreements. Every admin here is limited to the coordinator's scope
(municipalities.scope) and records its history (django-simple-history)."""

from django import forms
from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.http import urlencode

from core.admin import (
    HistoryAdmin,
    PreviewAdminMixin,
    PublicPageMixin,
    PublishableAdminMixin,
    PublishedPartAdminMixin,
    PublishedPartInlineMixin,
)
from core.admin_a11y import AdminWidgetsMixin, NamedRowsFormSetMixin
from municipalities.scope import ScopedAdminMixin, ScopedChoicesMixin

from . import new_promises
from .models import (
    Activity,
    AgreementSignatory,
    CooperationAgreement,
    Goal,
    PeriodSignatory,
    Promise,
    PromisePeriod,
)
from .new_promises import (
    PeriodPartInlineForm,
    PromiseChoiceField,
    check_new_promises,
    point_at_new_promises,
    promise_choices,
)
from .spreadsheets import period as period_sheet
from .spreadsheets.admin import SpreadsheetAdminMixin

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


class NamedRowsFormSet(NamedRowsFormSetMixin, BaseInlineFormSet):
    """Rows named by position and text (core/admin_a11y.py)."""


class PeriodPartFormSet(NamedRowsFormSet):
    """Goals and activities of a period may only point at that period's own promises, or
    at one added in the same form (promises/new_promises.py)."""

    _promise_choices = None

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get("promise")
        if field is None:
            return
        queryset = field.queryset.filter(period_id=self.instance.pk or 0)
        if self._promise_choices is None:
            # One query for every row's dropdown instead of one per row.
            self._promise_choices = promise_choices(queryset)
        form.fields["promise"] = PromiseChoiceField(
            queryset=queryset, required=False, label=field.label, help_text=new_promises.HELP
        )
        form.fields["promise"].choices = self._promise_choices

    def clean(self):
        super().clean()
        check_new_promises(self)
        if self.model is not Activity:
            return
        for form in self.deleted_forms:
            activity = form.instance
            if activity.pk and activity.statuses.filter(report__status="published").exists():
                raise forms.ValidationError(
                    f"Aktiviteten ”{activity}” finns i en publicerad uppföljning och kan inte "
                    "tas bort. Sätt hellre dess status till ”Utgår” i nästa uppföljning."
                )


class PeriodInlineMixin(PublishedPartInlineMixin, AdminWidgetsMixin, ScopedChoicesMixin):
    extra = 0
    show_change_link = False
    formset = NamedRowsFormSet
    template = "admin/edit_inline/named_stacked.html"

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
    form = PeriodPartInlineForm
    formset = PeriodPartFormSet
    fields = ["text", "deadline", "promise", "order"]
    verbose_name_plural = "Mål – vad som ska vara uppnått, och när"


class ActivityInline(PeriodInlineMixin, admin.StackedInline):
    model = Activity
    form = PeriodPartInlineForm
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
    verbose_name = "undertecknare"  # in its period, "av medborgarlöfte" goes without saying
    verbose_name_plural = "Undertecknare – vem som skrev under (bara det källan anger)"


class AgreementSignatoryInline(ScopedChoicesMixin, admin.StackedInline):
    model = AgreementSignatory
    extra = 0
    fields = ["name", "role", "organisation", "order"]
    verbose_name = "undertecknare"
    verbose_name_plural = "Undertecknare – vem som skrev under (bara det källan anger)"


@admin.register(PromisePeriod)
class PromisePeriodAdmin(
    ScopedAdminMixin,
    SpreadsheetAdminMixin,
    PublishableAdminMixin,
    PreviewAdminMixin,
    PublicPageMixin,
    HistoryAdmin,
):
    form = PromisePeriodForm
    date_hierarchy = "starts_on"
    spreadsheet_columns = period_sheet.COLUMNS
    spreadsheet_title = "Löften och aktiviteter"
    list_display = ["title", "municipality", "police_area", "starts_on", "ends_on", "status"]
    list_filter = ["status", ("municipality", RelatedOnlyFieldListFilter)]
    list_select_related = ["municipality", "police_area"]
    search_fields = ["title", "municipality__name", *PromisePeriod.TEXT_FIELDS]
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
                "fields": PromisePeriod.TEXT_FIELDS,
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

    def save_formset(self, request, form, formset, change):
        # Promises are saved first (the inlines' order), so goals and activities that
        # chose "Nytt löfte k" can point at the k:th promise saved in this same request.
        if formset.model in (Goal, Activity):
            point_at_new_promises(formset, getattr(form.instance, "_new_promises", []))
        super().save_formset(request, form, formset, change)
        if formset.model is Promise:
            form.instance._new_promises = list(formset.new_objects)

    def spreadsheet_rows(self, obj):
        return period_sheet.export_rows(obj)

    def spreadsheet_plan(self, obj, rows):
        return period_sheet.plan_import(obj, rows)

    def spreadsheet_apply(self, plan, obj, user, file_name):
        return period_sheet.apply_import(plan, period=obj, user=user, file_name=file_name)

    def spreadsheet_file_name(self, obj):
        return f"{obj.municipality.slug}-{obj.slug}"

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


class PeriodChildAdmin(PublishedPartAdminMixin, ScopedAdminMixin, PublicPageMixin, HistoryAdmin):
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
    date_hierarchy = "valid_from"
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
