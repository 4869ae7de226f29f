"""Spreadsheet download and import pages for an admin (periods, follow-up reports).

The import is two steps: the upload shows a preview of what would be created or changed
(or every error by row and column); "Läs in" applies it. Between the two, the file travels
signed in the form (no server-side storage, so any server can take the second step), and
is planned again against the database as it is then. The object comes from the admin's
own get_object(), so an object outside the coordinator's scope answers as if it did not
exist, whatever the file says.
"""

import base64

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.text import slugify

from core.forms import ErrorSummaryMixin

from .workbook import XLSX, read_rows, write_csv, write_xlsx

SIGNING_SALT = "spreadsheet-import"
PAYLOAD_MAX_AGE = 60 * 60


class UploadForm(ErrorSummaryMixin, forms.Form):
    file = forms.FileField(
        label="Kalkylark",
        help_text="En ifylld mall eller en nedladdad fil, som .xlsx eller .csv (högst 2 MB).",
        error_messages={"required": "Välj filen du vill läsa in."},
    )


class SpreadsheetAdminMixin:
    """Adds /kalkylark.xlsx, /kalkylark.csv and /las-in/ to each object, and a blank
    template to the list. Subclasses say what the sheet holds."""

    spreadsheet_columns: list = []
    spreadsheet_title = "Blad"

    def spreadsheet_rows(self, obj) -> list[list]:
        raise NotImplementedError

    def spreadsheet_plan(self, obj, rows):
        raise NotImplementedError

    def spreadsheet_apply(self, plan, obj, user, file_name):
        raise NotImplementedError

    def spreadsheet_file_name(self, obj) -> str:
        return slugify(str(obj)) or "kalkylark"

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("kalkylarksmall.xlsx", wrap(self.template_view), name=f"{name}_template"),
            path(
                "<path:object_id>/kalkylark.<str:file_format>",
                wrap(self.export_view),
                name=f"{name}_export",
            ),
            path("<path:object_id>/las-in/", wrap(self.import_view), name=f"{name}_import"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        opts = self.model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        extra_context = {
            **(extra_context or {}),
            "spreadsheet_urls": {
                "xlsx": reverse(f"{name}_export", args=[object_id, "xlsx"]),
                "csv": reverse(f"{name}_export", args=[object_id, "csv"]),
                "import": reverse(f"{name}_import", args=[object_id]),
                "template": reverse(f"{name}_template"),
            },
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # --- downloads ------------------------------------------------------------------------
    def _object(self, request, object_id, *, change=False):
        obj = self.get_object(request, object_id)  # 404 outside the scope
        allowed = self.has_change_permission if change else self.has_view_permission
        if obj is None or not allowed(request, obj):
            raise PermissionDenied
        return obj

    def template_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._download("mall", "xlsx", [])

    def export_view(self, request, object_id, file_format):
        if file_format not in ("xlsx", "csv"):
            raise Http404("Kalkylark finns som .xlsx och .csv.")
        obj = self._object(request, object_id)
        return self._download(
            self.spreadsheet_file_name(obj), file_format, self.spreadsheet_rows(obj)
        )

    def _download(self, name, file_format, rows):
        if file_format == "csv":
            content, content_type = write_csv(self.spreadsheet_columns, rows), "text/csv"
        else:
            content = write_xlsx(self.spreadsheet_title, self.spreadsheet_columns, rows)
            content_type = XLSX
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        return response

    # --- import ---------------------------------------------------------------------------
    def import_view(self, request, object_id):
        obj = self._object(request, object_id, change=True)
        form, plan, payload, file_name = UploadForm(), None, "", ""
        if request.method == "POST" and "payload" in request.POST:
            try:
                data = signing.loads(
                    request.POST["payload"], salt=SIGNING_SALT, max_age=PAYLOAD_MAX_AGE
                )
                file_name, content = data["name"], base64.b64decode(data["content"])
            except (signing.BadSignature, KeyError, ValueError):
                messages.error(request, "Förhandsvisningen är för gammal. Välj filen igen.")
                return HttpResponseRedirect(request.path)
            plan, payload = self._plan(obj, file_name, content), request.POST["payload"]
            if plan is not None and not plan.errors:
                self.spreadsheet_apply(plan, obj, request.user, file_name)
                messages.success(request, f"Kalkylarket {file_name} är inläst: {plan.summary()}.")
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                        args=[obj.pk],
                    )
                )
        elif request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                file_name, content = upload.name, upload.read()
                try:
                    read_rows(file_name, content, self.spreadsheet_columns)
                except ValidationError as error:
                    form.add_error("file", error)
                else:
                    plan = self._plan(obj, file_name, content)
                    payload = (
                        ""
                        if plan.errors
                        else signing.dumps(
                            {"name": file_name, "content": base64.b64encode(content).decode()},
                            salt=SIGNING_SALT,
                            compress=True,
                        )
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": f"Läs in kalkylark: {obj}",
            "form": form,
            "plan": plan,
            "payload": payload,
            "file_name": file_name,
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
            ),
            "template_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_template"),
        }
        return render(request, "admin/spreadsheet_import.html", context)

    def _plan(self, obj, file_name, content):
        rows = read_rows(file_name, content, self.spreadsheet_columns)
        return self.spreadsheet_plan(obj, rows)
