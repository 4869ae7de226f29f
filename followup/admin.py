"""The follow-up workflow in the admin: create a tertial report for a period (one row per
activity appears), fill in each activity's status on one page, save as a draft, publish.
Limited to the coordinator's scope (municipalities.scope); history kept by
django-simple-history."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from core.admin import HistoryAdmin, PreviewAdminMixin, PublicPageMixin, PublishableAdminMixin
from core.admin_a11y import NamedRowsFormSetMixin
from municipalities.models import CoordinatorScope
from municipalities.scope import ScopedAdminMixin, ScopedChoicesMixin
from promises.spreadsheets.admin import SpreadsheetAdminMixin

from . import services
from . import spreadsheets as report_sheet
from .conflicts import ConflictCheckedForm
from .forms import FollowUpReportAddForm
from .history import attach_to_report_versions, status_changes
from .models import ActivityStatus, FollowUpReport

SHORT_TEXT = {"widget": forms.Textarea(attrs={"rows": 3, "cols": 40})}


class ActivityStatusFormSet(NamedRowsFormSetMixin, BaseInlineFormSet):
    """Rows named as every inline's are (NamedRowsFormSetMixin), but each control by
    the visible column heading and its activity's row header (see status_inline.html)."""

    def row_noun(self):
        return "aktivitet"

    def row_text(self, form):
        return str(form.instance.activity) if form.instance.activity_id else ""

    def name_control(self, form, index, name, field):
        if name in ("status", "comment", "achieved_count"):
            field.help_text = ""  # said once, in the column heading
            field.widget.attrs["aria-labelledby"] = f"status-col-{name} status-row-{index}"


class ActivityStatusInline(ScopedChoicesMixin, admin.TabularInline):
    """One row per activity, made by the service: only status, comment and count change."""

    model = ActivityStatus
    formset = ActivityStatusFormSet
    template = "admin/followup/followupreport/status_inline.html"
    fields = ["status", "comment", "achieved_count"]
    extra = 0
    can_delete = False
    verbose_name = "status för aktivitet"
    verbose_name_plural = "Status per aktivitet"
    formfield_overrides = {models.TextField: SHORT_TEXT}

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("activity")


class ReportPublicPageMixin(PublicPageMixin):
    def view_on_site(self, obj):
        report = self.public_object(obj)
        if report.is_published and report.period.is_published:
            return report.get_absolute_url()
        return None


@admin.register(FollowUpReport)
class FollowUpReportAdmin(
    ScopedAdminMixin,
    SpreadsheetAdminMixin,
    PublishableAdminMixin,
    PreviewAdminMixin,
    ReportPublicPageMixin,
    HistoryAdmin,
):
    list_display = ["__str__", "period", "year", "tertial", "status", "updated_at"]
    object_history_template = "admin/followup/followupreport/object_history.html"
    spreadsheet_columns = report_sheet.COLUMNS
    spreadsheet_title = "Status per aktivitet"
    list_filter = [
        "status",
        "tertial",
        "year",
        ("period__municipality", RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["period__municipality"]
    search_fields = ["period__municipality__name", "period__title", "summary"]
    # About 2 900 periods at national scale: searched, not listed (scoped by the period
    # admin's get_queryset, which the autocomplete uses).
    autocomplete_fields = ["period"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    # A save over someone else's newer one is refused with both versions shown.
    form = ConflictCheckedForm

    add_fieldsets = [
        (
            None,
            {
                "fields": ["period", "which", "summary"],
                "description": (
                    "Välj medborgarlöftet och tertialen. När du sparar skapas en rad för varje "
                    "aktivitet i perioden, där du sedan anger status. Uppföljningen sparas "
                    "som utkast tills du publicerar den."
                ),
            },
        )
    ]
    change_fieldsets = [
        ("Uppföljning", {"fields": ["period", ("year", "tertial"), "summary", "seen_version"]}),
        (
            "Publicering",
            {
                "fields": ["status", "published_at", "updated_at"],
                "description": (
                    "Publicera med knappen ”Spara och publicera” längst ned. "
                    "Alla ändringar sparas i historiken."
                ),
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        return self.change_fieldsets if obj is not None else self.add_fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = FollowUpReportAddForm
        return super().get_form(request, obj, change, **kwargs)

    def spreadsheet_rows(self, obj):
        return report_sheet.export_rows(obj)

    def spreadsheet_plan(self, obj, rows):
        return report_sheet.plan_import(obj, rows)

    def spreadsheet_apply(self, plan, obj, user, file_name):
        return report_sheet.apply_import(plan, report=obj, user=user, file_name=file_name)

    def spreadsheet_file_name(self, obj):
        return f"{obj.period.municipality.slug}-{obj.period.slug}-{obj.slug}"

    def history_view(self, request, object_id, extra_context=None):
        changes = status_changes(object_id)
        # Read by set_history_delta_changes below, within this request.
        request.report_status_changes = changes
        extra_context = {**(extra_context or {}), "status_changes": changes}
        return super().history_view(request, object_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        super().set_history_delta_changes(request, historical_records, **kwargs)
        changes = getattr(request, "report_status_changes", [])
        attach_to_report_versions(list(historical_records), changes)

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.reminder_preference_view))
        return [
            path("paminnelser/", view, name="followup_reminder_preference")
        ] + super().get_urls()

    def reminder_preference_view(self, request):
        """A coordinator turns their own reminder e-mails on or off (start page button)."""
        wanted = request.POST.get("receives_reminders") == "1"
        CoordinatorScope.objects.filter(user=request.user).update(receives_reminders=wanted)
        text = (
            "Du får påminnelser per e-post igen."
            if wanted
            else "Du får inte längre påminnelser per e-post. Du kan slå på dem här igen."
        )
        self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:index"))

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The rows belong to this period and tertial: a new tertial is a new report.
        return ["period", "year", "tertial", "status", "published_at", "updated_at"]

    def get_inlines(self, request, obj):
        return [ActivityStatusInline] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        report = services.create_report(
            period=obj.period,
            year=obj.year,
            tertial=obj.tertial,
            summary=obj.summary,
            user=request.user,
        )
        # The admin goes on with `obj` (log entry, redirect): make it the saved report.
        obj.pk = report.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            # Activities added to the period since the report was made get their row.
            services.add_missing_statuses(report=form.instance, user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        count = obj.statuses.count()
        what = f"Uppföljningen av tertial {obj.tertial} {obj.year} för {obj.period.title}"
        if count:
            rows = (
                "en rad för periodens aktivitet"
                if count == 1
                else f"en rad för var och en av periodens {count} aktiviteter"
            )
            text = (
                f"{what} är skapad som utkast, med {rows}. Ange status för varje aktivitet, "
                "spara, och publicera när den är klar."
            )
        else:
            text = (
                f"{what} är skapad som utkast. Perioden har inga aktiviteter ännu; lägg till "
                "dem under medborgarlöftet."
            )
        self.message_user(request, text, messages.SUCCESS)
        opts = self.opts
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            try:
                services.publish_report(report=obj, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    "Sparat men inte publicerat. " + " ".join(error.messages),
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request, f"{obj.title} är publicerad och syns på webbplatsen.", messages.SUCCESS
                )
                self.warn_if_mostly_unknown(request, obj)
            return HttpResponseRedirect(request.path)
        if "_unpublish" in request.POST:
            services.unpublish_report(report=obj, user=request.user)
            self.message_user(
                request, f"{obj.title} är sparad som utkast och syns inte längre på webbplatsen."
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def publish_object(self, request, obj):
        services.publish_report(report=obj, user=request.user)
        self.warn_if_mostly_unknown(request, obj)

    def warn_if_mostly_unknown(self, request, obj):
        """After publishing: say so when most activities still have "Ingen uppgift" (a
        report published before its statuses were filled in reads as empty)."""
        mostly = obj.mostly_unknown()
        if mostly:
            unknown, total = mostly
            self.message_user(
                request,
                f"Observera: {unknown} av {total} aktiviteter i {obj} har status "
                "”Ingen uppgift”, så uppföljningen säger läsarna lite. Ange status för "
                "aktiviteterna och spara, så syns det direkt på webbplatsen.",
                messages.WARNING,
            )

    def unpublish_object(self, request, obj):
        services.unpublish_report(report=obj, user=request.user)


@admin.register(ActivityStatus)
class ActivityStatusAdmin(ScopedAdminMixin, ReportPublicPageMixin, HistoryAdmin):
    """Single rows, mainly for their history; they are filled in on the report's page."""

    list_display = ["activity_short", "report", "status", "achieved_count"]
    list_filter = ["status", ("report__period__municipality", RelatedOnlyFieldListFilter)]
    list_select_related = ["report__period__municipality", "activity"]
    search_fields = ["activity__text", "comment", "report__period__municipality__name"]
    fields = ["report", "activity", "status", "comment", "achieved_count"]
    readonly_fields = ["report", "activity"]
    formfield_overrides = {models.TextField: SHORT_TEXT}

    @admin.display(description="aktivitet", ordering="activity__order")
    def activity_short(self, obj):
        return str(obj.activity)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Rows go with their report: a draft report may be deleted with its rows.
        if obj is not None and obj.report.is_published and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def public_object(self, obj):
        return obj.report
