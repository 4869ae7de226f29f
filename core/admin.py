"""Admin pieces every domain app shares: history that keeps to the CSP, publishing
actions and rules, the preview of drafts and "Visa på webbplatsen"."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import preview, publishing
from .admin_a11y import AdminWidgetsMixin
from .publishing import PublicationStatus


class ReadableChanges(HistoricalRecordContextHelper):
    """A change on the history page shows values as the page and the form show them
    ("Utkast → Publicerad", not "draft → published"), and an empty value as "(tomt)"."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.choices:
            value = dict(field.flatchoices).get(value, value)
        if value is None or value == "":
            return "(tomt)"
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(AdminWidgetsMixin, SimpleHistoryAdmin):
    """django-simple-history's admin (who changed what, when) with a history list that
    keeps to the CSP and the coordinators' rights, in Swedish (locale/sv for the texts),
    and native date inputs that read dates as core.dates does."""

    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)


def count_label(opts, count):
    return f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"


# --- publishing ---------------------------------------------------------------------------
@admin.action(description="Publicera markerade", permissions=["change"])
def publish_selected(modeladmin, request, queryset):
    problems, changed = [], 0
    with transaction.atomic():
        drafts = queryset.exclude(status=PublicationStatus.PUBLISHED)
        for obj in drafts.select_for_update(of=("self",)):
            try:
                modeladmin.publish_object(request, obj)
            except ValidationError as error:
                problems.extend(error.messages)
            else:
                changed += 1
        if problems:
            # All or nothing: a half-published selection is hard to reason about.
            transaction.set_rollback(True)
    if problems:
        modeladmin.message_user(
            request, "Inget publicerades. " + " ".join(problems), messages.ERROR
        )
        return
    label = count_label(modeladmin.model._meta, changed)
    modeladmin.message_user(request, f"Publicerat: {label}. De syns nu på webbplatsen.")


@admin.action(description="Avpublicera markerade (gör till utkast)", permissions=["change"])
def unpublish_selected(modeladmin, request, queryset):
    with transaction.atomic():
        published = list(queryset.published().select_for_update(of=("self",)))
        for obj in published:
            modeladmin.unpublish_object(request, obj)
    label = count_label(modeladmin.model._meta, len(published))
    modeladmin.message_user(request, f"Avpublicerat: {label}. De syns inte längre på webbplatsen.")


class PublishableAdminMixin:
    """Publish/unpublish actions; coordinators delete only drafts (unpublish first), so a
    public page never disappears by one click and nothing published is lost silently."""

    actions = [publish_selected, unpublish_selected]
    change_form_template = "admin/publishable_change_form.html"
    published_delete_message = (
        "Publicerat innehåll kan inte tas bort. Avpublicera det först "
        "(åtgärden ”Avpublicera markerade”), och ta sedan bort utkastet."
    )

    def publish_object(self, request, obj):
        """One step of the publish action; may raise ValidationError (nothing is published)."""
        publishing.publish(obj, user=request.user)

    def unpublish_object(self, request, obj):
        """One step of the unpublish action."""
        publishing.unpublish(obj, user=request.user)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                type(self).delete_drafts,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    @staticmethod
    def delete_drafts(modeladmin, request, queryset):
        if not request.user.is_superuser and queryset.published().exists():
            modeladmin.message_user(request, modeladmin.published_delete_message, messages.ERROR)
            return None
        return delete_selected(modeladmin, request, queryset)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "published_delete_message": ""}
        if not request.user.is_superuser:
            extra_context["published_delete_message"] = self.published_delete_message
        return super().change_view(request, object_id, form_url, extra_context)


# --- parts of published content ----------------------------------------------------------
PUBLISHED_PART_MESSAGE = (
    "Det här hör till publicerat innehåll och kan inte tas bort: avpublicera först "
    "perioden (åtgärden ”Avpublicera markerade”), och ta sedan bort det i utkastet."
)


def may_delete_part_of(user, parent) -> bool:
    """The one rule for parts of published content (a period's promises, goals and
    activities): a coordinator deletes them only while the parent is a draft, through
    any route; a superuser may always."""
    return user.is_superuser or parent is None or not parent.is_published


class PublishedPartAdminMixin:
    """An admin of parts whose parent (`published_parent`) may be published: the change
    page's delete and the bulk delete_selected follow may_delete_part_of(). The parent's
    inlines use PublishedPartInlineMixin."""

    published_parent = "period"

    def _parent(self, obj):
        return getattr(obj, self.published_parent)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_delete_part_of(request.user, self._parent(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and not may_delete_part_of(request.user, self._parent(obj)):
            self.message_user(request, PUBLISHED_PART_MESSAGE, messages.ERROR)
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                type(self).delete_parts,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    @staticmethod
    def delete_parts(modeladmin, request, queryset):
        published = {f"{modeladmin.published_parent}__status": PublicationStatus.PUBLISHED}
        if not request.user.is_superuser and queryset.filter(**published).exists():
            modeladmin.message_user(request, PUBLISHED_PART_MESSAGE, messages.ERROR)
            return None
        return delete_selected(modeladmin, request, queryset)


class PublishedPartInlineMixin:
    """Inlines of a publishable parent: no DELETE box (and a forged one is ignored) while
    the parent is published, for coordinators (may_delete_part_of)."""

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_delete_part_of(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)


class PreviewAdminMixin:
    """A "Förhandsvisa" page for drafts, open only to those who may view the object."""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_preview"
        return [
            path(
                "<path:object_id>/forhandsvisning/",
                self.admin_site.admin_view(self.preview_view),
                name=name,
            )
        ] + super().get_urls()

    def preview_view(self, request, object_id):
        obj = self.get_object(request, object_id)  # 404 outside the coordinator's scope
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return self.render_preview(request, obj)

    def render_preview(self, request, obj):
        return preview.render(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        opts = self.model._meta
        preview_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[object_id])
        extra_context = {**(extra_context or {}), "preview_url": preview_url}
        return super().change_view(request, object_id, form_url, extra_context)


class PublicPageMixin:
    """ "Visa på webbplatsen" goes straight to the public page, and only when the page is
    public; a draft is seen through "Förhandsvisa" instead."""

    def public_object(self, obj):
        return obj

    def view_on_site(self, obj):
        target = self.public_object(obj)
        if target is not None and target.is_published:
            return target.get_absolute_url()
        return None
