"""Shared helpers for the admin tests (no tests here): two municipalities with one
coordinator each, and a form reader that submits an admin page as a browser would."""

import datetime
from dataclasses import dataclass
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.urls import reverse

from municipalities.scope import scoped_models
from municipalities.services import set_coordinator_scope
from promises.models import AgreementSignatory, PeriodSignatory

from .factories import (
    ActivityFactory,
    ActivityStatusFactory,
    CooperationAgreementFactory,
    FollowUpReportFactory,
    GoalFactory,
    LocalPoliceAreaFactory,
    MunicipalityFactory,
    PromiseFactory,
    PromisePeriodFactory,
)

# (app_label, model_name, model) of every scoped model, from the models' declarations
# (municipalities.scope): a new scoped model is tested without editing a list, and fails
# here until make_corner() gives each municipality one of its objects.
SCOPED_ADMINS = [(m._meta.app_label, m._meta.model_name, m) for m in scoped_models()]


@dataclass
class Corner:
    """One municipality's content and its coordinator."""

    name: str
    municipality: object
    police_area: object
    period: object
    promise: object
    goal: object
    activity: object
    agreement: object
    report: object
    status: object
    coordinator: object
    period_signatory: object = None
    agreement_signatory: object = None

    def obj(self, model):
        """This municipality's object of a scoped model."""
        found = [value for value in vars(self).values() if type(value) is model]
        assert len(found) == 1, f"make_corner() gives no {model.__name__}"
        return found[0]


def make_corner(name, *, published=True):
    """`name` ("Alfa") shows up in every object's text, so pages can be searched for it."""
    status = "published" if published else "draft"
    municipality = MunicipalityFactory(name=f"{name}kommun", slug=f"{name.lower()}kommun")
    area = LocalPoliceAreaFactory(
        name=f"{name}området", slug=f"{name.lower()}omradet", municipalities=[municipality]
    )
    period = PromisePeriodFactory(
        municipality=municipality,
        police_area=area,
        title=f"{name}löftet 2024",
        status=status,
    )
    promise = PromiseFactory(period=period, title=f"{name}s löfte om trygghet", order=1)
    goal = GoalFactory(period=period, promise=promise, text=f"{name}s mål: tryggare torg")
    activity = ActivityFactory(
        period=period, promise=promise, text=f"{name}s aktivitet: fler vandringar", order=1
    )
    agreement = CooperationAgreementFactory(
        municipality=municipality,
        police_area=area,
        title=f"{name}s samverkansöverenskommelse",
        status=status,
    )
    report = FollowUpReportFactory(
        period=period, year=2024, tertial=1, summary=f"{name}s sammanfattning", status=status
    )
    activity_status = ActivityStatusFactory(
        report=report, activity=activity, comment=f"{name}s kommentar"
    )
    period_signatory = PeriodSignatory.objects.create(
        period=period, name=f"{name} Undertecknare", role="kommunstyrelsens ordförande"
    )
    agreement_signatory = AgreementSignatory.objects.create(
        agreement=agreement, name=f"{name} Polischef", role="lokalpolisområdeschef"
    )
    user = get_user_model().objects.create_user(f"samordnare-{name.lower()}")
    set_coordinator_scope(user=user, municipalities=[municipality], police_areas=[])
    return Corner(
        name,
        municipality,
        area,
        period,
        promise,
        goal,
        activity,
        agreement,
        report,
        activity_status,
        user,
        period_signatory,
        agreement_signatory,
    )


def admin_url(app_label, model_name, view, *args):
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


def make_superuser():
    return get_user_model().objects.create_superuser("chef", "chef@example.org", None)


class _FormReader(HTMLParser):
    """The fields of one <form> as a browser would submit them (no submit button)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self._select = None
        self._select_multiple = False
        self._selected_seen = False
        self._first_option = None
        self._option_value = None
        self._option_selected = False
        self._option_text = ""
        self._textarea = None

    def _add(self, name, value):
        if "__prefix__" in name:
            return  # the inline template for "add another", not a real row
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in attrs
            self._selected_seen, self._first_option = False, None
        elif tag == "option" and self._select:
            self._option_value = attrs.get("value")
            self._option_selected = "selected" in attrs
            self._option_text = ""
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data
        elif self._option_value is not None or self._select:
            self._option_text += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside = False
        elif tag == "option" and self._select:
            value = self._option_value
            if value is None:
                value = self._option_text.strip()
            if self._first_option is None:
                self._first_option = value
            if self._option_selected:
                self._selected_seen = True
                self._add(self._select, value)
            self._option_value = None
        elif tag == "select" and self._select:
            single = not self._select_multiple
            if single and not self._selected_seen and self._first_option is not None:
                self._add(self._select, self._first_option)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline Django writes after <textarea>.
            self._add(self._textarea, self._text.removeprefix("\r\n").removeprefix("\n"))
            self._textarea = None


def form_data(response, form_id=None):
    """The admin form of `response` as a dict ready for client.post(), like a browser."""
    html = response.content.decode()
    if form_id is None:
        opts = response.context["opts"]
        form_id = f"{opts.model_name}_form"
    reader = _FormReader(form_id)
    reader.feed(html)
    assert reader.data, f"No form with id {form_id!r} on the page"
    return {name: values if len(values) > 1 else values[0] for name, values in reader.data.items()}


def errors_of(response):
    """Every error message on an admin form page (form, fields and inline rows)."""
    messages = []
    adminform = response.context.get("adminform")
    if adminform is not None:
        for field_errors in adminform.form.errors.values():
            messages.extend(field_errors)
    for inline in response.context.get("inline_admin_formsets", []):
        messages.extend(inline.formset.non_form_errors())
        for form_errors in inline.formset.errors:
            for field_errors in form_errors.values():
                messages.extend(field_errors)
    return messages


D = datetime.date
