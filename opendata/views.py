"""The "Öppna data" pages and the file downloads. Thin: the tables are declared in
datasets.py, the files written in streaming.py, the catalogue built in dcat.py."""

from django import forms
from django.db.models import Max
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import ErrorSummaryMixin
from followup.models import FollowUpReport
from municipalities.models import Municipality
from promises.models import CooperationAgreement, PromisePeriod

from . import streaming
from .conditional import Validators
from .datasets import BY_SLUG, DATASETS

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "zip": "application/zip",
}


def _last_updated():
    """When public content last changed: one query over the three published tables."""
    stamps = [
        queryset.aggregate(latest=Max("updated_at"))["latest"]
        for queryset in (
            PromisePeriod.objects.public(),
            FollowUpReport.objects.public(),
            CooperationAgreement.objects.public(),
        )
    ]
    present = [stamp for stamp in stamps if stamp]
    return max(present) if present else None


class MunicipalityChoiceForm(ErrorSummaryMixin, forms.Form):
    # A plain choice checked in Python: whatever is typed into the address never
    # reaches a database lookup (a NUL byte would make PostgreSQL refuse the query).
    kommun = forms.ChoiceField(
        label=_("Kommun"),
        error_messages={
            "required": _("Välj en kommun."),
            "invalid_choice": _("Välj en kommun i listan."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = Municipality.objects.order_by("name").values_list("code", "name")
        self.fields["kommun"].choices = [("", _("Välj kommun")), *names]


def index(request):
    """The page: what each table holds, its data dictionary and the download links. A
    chosen municipality (?kommun=) goes on to that municipality's files."""
    form = MunicipalityChoiceForm(request.GET if "kommun" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("opendata:municipality", code=form.cleaned_data["kommun"])
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": DATASETS,
            "form": form,
            "last_updated": _last_updated(),
            "today": timezone.localdate(),
        },
    )


def municipality(request, code):
    """The files of one municipality."""
    chosen = get_object_or_404(Municipality.objects.with_county(), code=code)
    return render(
        request,
        "opendata/municipality.html",
        {"municipality": chosen, "datasets": DATASETS, "last_updated": _last_updated()},
    )


def _download(request, name, fmt, chunks):
    validators = Validators(request)
    not_modified = validators.not_modified(request)
    if not_modified is not None:
        return not_modified
    response = StreamingHttpResponse(chunks(), content_type=FORMATS[fmt])
    filename = f"{name}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return validators.stamp(response)


def _table_chunks(dataset, fmt, queryset):
    writer = streaming.csv_chunks if fmt == "csv" else streaming.json_chunks
    return lambda: writer(dataset, queryset)


def national_file(request, dataset, fmt):
    """One table for the whole country, as CSV or JSON."""
    table = BY_SLUG.get(dataset)
    if table is None or fmt not in ("csv", "json"):
        raise Http404("Filen finns inte.")
    name = f"medborgarloften-{table.slug}"
    return _download(request, name, fmt, _table_chunks(table, fmt, table.select()))


def national_zip(request):
    """Every table for the whole country as CSV in one ZIP, with datapackage.json."""
    return _download(
        request,
        "medborgarloften",
        "zip",
        lambda: streaming.zip_chunks(streaming.national_selection()),
    )


def municipal_file(request, code, dataset, fmt):
    """One table for one municipality, as CSV or JSON."""
    table = BY_SLUG.get(dataset)
    if table is None or fmt not in ("csv", "json"):
        raise Http404("Filen finns inte.")
    get_object_or_404(Municipality, code=code)
    name = f"medborgarloften-{code}-{table.slug}"
    return _download(request, name, fmt, _table_chunks(table, fmt, table.select(municipality=code)))


def municipal_zip(request, code):
    """Every table for one municipality as CSV in one ZIP, with datapackage.json."""
    chosen = get_object_or_404(Municipality, code=code)
    suffix = f" – {chosen.name}"
    return _download(
        request,
        f"medborgarloften-{code}",
        "zip",
        lambda: streaming.zip_chunks(streaming.municipal_selection(code), suffix),
    )


def file_url(dataset_slug, fmt, code=None):
    """The address of a download (used by the catalogue)."""
    if code:
        return reverse(
            "opendata:municipal-file", kwargs={"code": code, "dataset": dataset_slug, "fmt": fmt}
        )
    return reverse("opendata:national-file", kwargs={"dataset": dataset_slug, "fmt": fmt})
