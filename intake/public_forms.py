"""Forms of the public side: the full complaint form, the status look-up, additions and the survey."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleForm
from oversight.public_forms import (  # noqa: F401 - shared with the comment form (issue 10); re-exported
    HONEYPOT,
    PUBLIC_LANGUAGES,
    TextLimit,
    active_public_language,
    limit_text_field,
)
from oversight.uploads import RECORD_KINDS, inspect_upload, limit_text, size_over_limit

from .access import access_code_new, access_token_code, access_token_sign
from .filer_models import FilerDemographics
from .forms import ComplaintForm

_FINGERPRINT_SALT = "intake.filed_text"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one control; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/*,video/*,audio/*,.pdf,.txt,.docx,.xlsx,.csv"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# A browser cannot refill a file control, so after any refusal the filer chooses the files again.
_CHOOSE_FILES_AGAIN = _("Please choose your files again. Everything else you typed is kept.")
# The kinds of file a filer may send, in plain words; each lists the formats the allow-list
# in oversight/uploads.py accepts for it, so the two cannot drift apart.
_KIND_NAMES = {
    "photo": _("photos (%(formats)s)"),
    "video": _("videos (%(formats)s)"),
    "audio": _("audio (%(formats)s)"),
    "document": _("documents (%(formats)s)"),
}


def accepted_kinds_text(allowed):
    """The kinds of file in allowed, in plain words: "photos (JPEG, PNG); videos (MP4); ..."."""
    formats_by_kind = {}
    for content_type, (kind, name) in RECORD_KINDS.items():
        if content_type in allowed and name not in formats_by_kind.setdefault(kind, []):
            formats_by_kind[kind].append(name)
    return "; ".join(str(_KIND_NAMES[kind]) % {"formats": ", ".join(names)} for kind, names in formats_by_kind.items())


def _refusal(upload, exc):
    """Why a file was refused, for the public: sizes that differ visibly, kinds in plain words (R1.3)."""
    error = exc.error_list[0]
    if error.code == "too_large":
        text = _("The file “%(name)s” was not accepted: it is %(size)s, larger than the %(limit)s limit for one file.")
        return text % {"name": upload.name, "size": error.params["size"], "limit": error.params["limit"]}
    if error.code == "kind_refused":
        text = _("The file “%(name)s” was not accepted: it is not a kind of file we take. You can send: %(kinds)s.")
        return text % {"name": upload.name, "kinds": accepted_kinds_text(error.params["allowed"])}
    if error.code == "pdf_active":
        text = _(
            "The file “%(name)s” was not accepted: it is a PDF with parts that could run by themselves (such as "
            "scripts or attached files), which we cannot open safely. Please print it to a new PDF (choose "
            "Print, then Save as PDF) and send that, or send photos of its pages."
        )
        return text % {"name": upload.name}
    if error.code == "pdf_unreadable":
        text = _(
            "The file “%(name)s” was not accepted: it is a PDF we cannot read, perhaps because it is damaged or "
            "locked with a password. Please print it to a new PDF and send that, or send photos of its pages."
        )
        return text % {"name": upload.name}
    text = _("The file “%(name)s” was not accepted: %(reason)s")
    return text % {"name": upload.name, "reason": " ".join(exc.messages)}


class AttachmentsMixin:
    """Checks every chosen file by its content and size; errors name the file (R1.3)."""

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        if len(uploads) > settings.COMPLAINT_MAX_FILES:
            raise ValidationError(_("Please send at most %(n)s files at a time.") % {"n": settings.COMPLAINT_MAX_FILES})
        errors, inspected, total = [], [], 0
        for upload in uploads:
            try:
                facts = inspect_upload(upload, max_bytes=settings.COMPLAINT_MAX_FILE_BYTES)
            except ValidationError as exc:
                errors.append(_refusal(upload, exc))
                continue
            total += upload.size
            inspected.append((upload, facts))
        if total > settings.COMPLAINT_MAX_TOTAL_BYTES:
            size, limit = size_over_limit(total, settings.COMPLAINT_MAX_TOTAL_BYTES)
            errors.append(
                _("Together the files are %(size)s, larger than the %(limit)s limit for all files.")
                % {"size": size, "limit": limit}
            )
        if errors:
            errors.append(_CHOOSE_FILES_AGAIN)
            raise ValidationError(errors)
        return inspected


_ATTACHMENTS_HELP = _(
    "Optional. Photos, video, audio or documents (PDF, Word, text). Up to %(n)s files, %(size)s each. "
    "Only Office staff can see them."
)


def attachments_field(label):
    return MultipleFileField(
        label=label,
        help_text=_ATTACHMENTS_HELP
        % {"n": settings.COMPLAINT_MAX_FILES, "size": limit_text(settings.COMPLAINT_MAX_FILE_BYTES)},
    )


class PublicComplaintForm(AttachmentsMixin, ComplaintForm):
    """The public form: the complaint plus language, files, voluntary demographics and abuse checks."""

    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=PUBLIC_LANGUAGES,
        required=False,
        help_text=_("We will write to you in this language."),
    )
    attachments = forms.Field(required=False)  # replaced in __init__ (the help text needs settings)
    race_ethnicity = forms.MultipleChoiceField(
        label=_("Race or ethnicity"),
        choices=FilerDemographics.Race.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Optional. Choose all that apply."),
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=FilerDemographics.Gender.choices, widget=forms.RadioSelect, required=False
    )
    age_range = forms.ChoiceField(
        label=_("Age"), choices=[("", _("Choose an age range"))] + FilerDemographics.AgeRange.choices, required=False
    )
    disability = forms.ChoiceField(
        label=_("Do you have a disability?"),
        choices=FilerDemographics.Disability.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    # The honeypot: people never see or reach it; the template labels it "leave blank".
    website = forms.CharField(
        label=_("Leave this field blank"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    access_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # Shown only when this browser has just filed the same text (Back, then Submit again).
    file_as_new = forms.BooleanField(
        label=_("File this as a new complaint"),
        required=False,
        help_text=_("Tick this only if it is a different complaint from the one you already sent."),
    )

    DEMOGRAPHIC_FIELDS = ("race_ethnicity", "gender", "age_range", "disability")
    # The free-text fields and the setting that limits each (README: settings).
    TEXT_LIMITS = {
        "narrative": "COMPLAINT_MAX_NARRATIVE_CHARS",
        "officers_described": "COMPLAINT_MAX_TEXT_CHARS",
        "witnesses": "COMPLAINT_MAX_TEXT_CHARS",
        "contact_address": "COMPLAINT_MAX_TEXT_CHARS",
        "accommodations": "COMPLAINT_MAX_TEXT_CHARS",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = attachments_field(_("Photos, video or documents"))
        for name, setting in self.TEXT_LIMITS.items():
            limit_text_field(self.fields[name], getattr(settings, setting))
        for name in ("incident_place", "contact_name", "contact_phone", "contact_email"):
            # Their model length still applies, with Django's message naming it; only the silent cut goes.
            self.fields[name].widget.attrs.pop("maxlength", None)
        if not self.is_bound:
            self.initial.setdefault("language", active_public_language())
            self.initial["access_token"] = access_token_sign(self.initial["submission_key"], access_code_new())

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_language(self):
        return self.cleaned_data.get("language") or active_public_language()

    def access_code(self):
        """The code this form carried (so a retry shows the same one), or a fresh one."""
        return access_token_code(self.cleaned_data.get("access_token", ""), self.cleaned_data["submission_key"])

    def complaint_data(self):
        data = super().complaint_data()
        data["language"] = self.cleaned_data["language"]
        return data

    def demographics_data(self):
        return {
            name: self.cleaned_data.get(name) or ([] if name == "race_ethnicity" else "")
            for name in self.DEMOGRAPHIC_FIELDS
        }

    def text_fingerprint(self):
        """A keyed hash of what happened and when, to know the same text again (never the text itself)."""
        text = " ".join(self.cleaned_data["narrative"].split())
        return salted_hmac(
            _FINGERPRINT_SALT, f"{self.cleaned_data['incident_on']}\n{text}", algorithm="sha256"
        ).hexdigest()

    def refuse_as_already_filed(self, number):
        """Marks the form: this text was just filed as case number; ticking file_as_new files it again."""
        self.add_error(
            "file_as_new",
            _(
                "You already sent this complaint: its case number is %(number)s. To send it again as a "
                "new, separate complaint, tick this box and press “Submit complaint”."
            )
            % {"number": number},
        )
        if self.cleaned_data.get("attachments"):
            self.add_error("attachments", _CHOOSE_FILES_AGAIN)


class StatusLookupForm(AccessibleForm):
    case_number = forms.CharField(
        label=_("Case number"), max_length=16, help_text=_("For example 2026-00123."), strip=True
    )
    access_code = forms.CharField(
        label=_("Access code"),
        max_length=20,
        help_text=_("The code shown when you filed, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class FilerAddForm(AttachmentsMixin, AccessibleForm):
    body = forms.CharField(
        label=_("Information to add"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Anything you remembered later, or a question for the Office."),
    )
    attachments = forms.Field(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = attachments_field(_("More files"))
        limit_text_field(self.fields["body"], settings.STATUS_MAX_MESSAGE_CHARS)

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("body", "").strip() and not data.get("attachments"):
            raise ValidationError(_("Write something or choose a file to add."))
        return data


RATINGS = [(str(n), str(n)) for n in range(1, 6)]


def _rating(label):
    return forms.TypedChoiceField(
        label=label,
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("1 means not at all, 5 means very much."),
    )


class SurveyForm(AccessibleForm):
    ease_of_filing = _rating(_("Was it easy to file your complaint?"))
    kept_informed = _rating(_("Were you kept informed about your case?"))
    treated_fairly = _rating(_("Were you treated with respect and fairly?"))
    overall = _rating(_("Overall, how satisfied are you?"))
    comments = forms.CharField(
        label=_("Anything else you want to tell us?"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_text_field(self.fields["comments"], settings.STATUS_MAX_MESSAGE_CHARS)


class ReconsiderationAskForm(AccessibleForm):
    """The filer asks the Director to reconsider the case-handling decision (R1.9)."""

    reason = forms.CharField(
        label=_("Why should the Director reconsider?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: what the Office may have missed, or new facts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_text_field(self.fields["reason"], settings.STATUS_MAX_MESSAGE_CHARS)


class FilerMessageForm(AccessibleForm):
    """Staff writing to one filer from the case page."""

    complaint = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(label=_("Message to the filer"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "msg_%s")
        super().__init__(*args, **kwargs)
