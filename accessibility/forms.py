"""The two public request forms. Messages are in Swedish and say what to do; limits are
checked on the server only (no maxlength attribute, which cuts pasted text silently)."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import ErrorSummaryMixin

from . import tokens
from .models import RequestKind, WantedFormat

EMAIL_FORMAT_MESSAGE = _("Skriv e-postadressen i rätt format, till exempel namn@exempel.se")
CONSENT_MESSAGE = _("Kryssa i rutan om du godkänner att vi sparar uppgifterna")


def grouped_number(value: int) -> str:
    """5000 as the page's language writes it: "5 000" (a non-breaking space) in Swedish,
    "5,000" in English."""
    return number_format(value, force_grouping=True)


class LimitedLengthMixin:
    """Checks the length before anything else, with a message that names the limit and
    what the person wrote: "Beskrivningen får vara högst 5 000 tecken. Du har skrivit 5 123." """

    def __init__(self, *, limit, noun, **kwargs):
        self.limit, self.noun = limit, noun
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        # Browsers send a line break in a textarea as two characters; people see one.
        value = value.replace("\r\n", "\n") if isinstance(value, str) else value
        if value and len(value) > self.limit:
            raise ValidationError(
                gettext("{noun} får vara högst {limit} tecken. Du har skrivit {count}.").format(
                    noun=self.noun,
                    limit=grouped_number(self.limit),
                    count=grouped_number(len(value)),
                ),
                code="max_length",
            )
        return value


class LimitedCharField(LimitedLengthMixin, forms.CharField):
    pass


class LimitedEmailField(LimitedLengthMixin, forms.EmailField):
    pass


def email_field(*, required, help_text):
    return LimitedEmailField(
        limit=254,
        noun=_("E-postadressen"),
        max_length=None,  # our own limit check, with its message, instead
        label=_("E-postadress"),
        required=required,
        help_text=help_text,
        error_messages={"required": _("Skriv din e-postadress"), "invalid": EMAIL_FORMAT_MESSAGE},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


MESSAGE_LIMIT = 5000


def _with_limit(hint):
    return " ".join(
        [str(hint), gettext("Högst {limit} tecken.").format(limit=grouped_number(MESSAGE_LIMIT))]
    )


with_limit = lazy(_with_limit, str)


def message_field(*, hint, rows, **kwargs):
    """The description both forms ask for; the hint ends with the limit it is held to."""
    return LimitedCharField(
        limit=MESSAGE_LIMIT,
        noun=_("Beskrivningen"),
        help_text=with_limit(hint),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def page_url_field(**kwargs):
    """The page a request is about: an address, or words saying where it is."""
    return LimitedCharField(limit=500, noun=_("Sidans adress"), **kwargs)


def page_from_query(request) -> str:
    """The page the visitor came from (the footer's ?sida=), as an absolute address on
    this site; anything that is not a local path or a same-site URL is ignored."""
    raw = request.GET.get("sida", "")
    if not raw or len(raw) > 500:
        return ""
    if not url_has_allowed_host_and_scheme(
        raw, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    path = urlsplit(raw).path
    if not path.startswith("/") or path.startswith("//"):
        return ""
    return request.build_absolute_uri(path)


class RequestForm(ErrorSummaryMixin, forms.Form):
    """What both forms share: contact details, consent, honeypot and time-trap."""

    kind = None

    contact_name = LimitedCharField(
        limit=200,
        noun=_("Namnet"),
        label=_("Ditt namn"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    consent = forms.BooleanField(
        label=_("Jag godkänner att uppgifterna sparas så att ni kan hantera ärendet"),
        error_messages={"required": CONSENT_MESSAGE},
    )
    # Honeypot: hidden from sight and from assistive technology. Its name is one no
    # password manager or address autofill recognises ("website" was filled by some); a
    # filled one sends the submission to quarantine, never to the bin.
    lamna_tomt = forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Time-trap: when the form was shown, signed. Never an error, only a quarantine.
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def honeypot_filled(self) -> bool:
        """The hidden field has text: a bot, or (rarely, with this name) an autofill."""
        return bool(self.data.get("lamna_tomt", "").strip())

    def quarantine_reason(self) -> str:
        """Why the submission looks automated ("" when it does not): an editor decides."""
        if self.honeypot_filled():
            return "Det dolda fältet var ifyllt (en bot, eller webbläsarens autofyll)."
        return tokens.quarantine_reason(self.data.get("started", ""))

    def request_data(self) -> dict:
        """The cleaned values the request is stored with."""
        data = self.cleaned_data
        return {
            "kind": self.kind,
            "page_url": data.get("page_url", ""),
            "message": data["message"],
            "wanted_format": data.get("wanted_format", ""),
            "wanted_format_other": (
                data.get("wanted_format_other", "")
                if data.get("wanted_format") == WantedFormat.OTHER
                else ""
            ),
            "assistive_technology": data.get("assistive_technology", ""),
            "browser": data.get("browser", ""),
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
            "consent_given": data["consent"],
        }


class BarrierReportForm(RequestForm):
    """Påtala bristande tillgänglighet: what DIGG itself asks in a complaint."""

    kind = RequestKind.BARRIER

    page_url = page_url_field(
        label=_("Vilken sida gäller det?"),
        help_text=_("Webbadressen, eller beskriv var på webbplatsen problemet finns."),
        error_messages={"required": _("Skriv vilken sida det gäller")},
    )
    message = message_field(
        label=_("Beskriv problemet"),
        hint=_("Vad försökte du göra och vad hände?"),
        error_messages={"required": _("Beskriv problemet")},
        rows=8,
    )
    assistive_technology = LimitedCharField(
        limit=200,
        noun=_("Uppgiften om hjälpmedel"),
        label=_("Vilket hjälpmedel använde du?"),
        required=False,
        help_text=_(
            "Till exempel skärmläsare, förstoring eller taligenkänning, och vilket program."
        ),
    )
    browser = LimitedCharField(
        limit=200,
        noun=_("Uppgiften om webbläsare"),
        label=_("Vilken webbläsare och enhet använde du?"),
        required=False,
        help_text=_("Till exempel Safari på mobil eller Firefox på dator."),
    )
    contact_email = email_field(
        required=False,
        help_text=_("Fyll i om du vill ha svar. Utan e-postadress kan vi inte svara dig."),
    )

    field_order = [
        "page_url",
        "message",
        "assistive_technology",
        "browser",
        "contact_name",
        "contact_email",
        "consent",
    ]


class AlternativeFormatForm(RequestForm):
    """Begär otillgängligt innehåll i alternativt format. The e-mail address is required:
    the content has to be delivered, or the delivery agreed, somehow."""

    kind = RequestKind.ALTERNATIVE_FORMAT

    message = message_field(
        label=_("Vilket innehåll vill du få i ett annat format?"),
        hint=_("Till exempel rubriken på sidan eller dokumentet."),
        error_messages={"required": _("Beskriv vilket innehåll du vill ha")},
        rows=6,
    )
    page_url = page_url_field(
        label=_("Sidans adress"),
        required=False,
        help_text=_("Webbadressen till sidan där innehållet finns, om du vet den."),
    )
    wanted_format = forms.ChoiceField(
        label=_("Vilket format vill du ha?"),
        choices=WantedFormat.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilket format du vill ha"),
            "invalid_choice": _("Välj vilket format du vill ha"),
        },
    )
    wanted_format_other = LimitedCharField(
        limit=200,
        noun=_("Formatet"),
        label=_("Vilket annat format?"),
        required=False,
        help_text=_("Fyll i om du valde ”Annat format” ovan."),
    )
    # Required only with "Annat format" (checked in clean()), so not marked optional.
    wanted_format_other.conditional = True
    contact_email = email_field(
        required=True,
        help_text=_(
            "Vi skickar innehållet dit, eller hör av oss för att komma överens om "
            "hur du vill få det, till exempel med post."
        ),
    )

    field_order = [
        "message",
        "page_url",
        "wanted_format",
        "wanted_format_other",
        "contact_name",
        "contact_email",
        "consent",
    ]

    def clean(self):
        data = super().clean()
        if data.get("wanted_format") == WantedFormat.OTHER and not data.get("wanted_format_other"):
            self.add_error("wanted_format_other", _("Skriv vilket format du vill ha"))
        return data
