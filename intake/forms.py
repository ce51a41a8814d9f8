import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from oversight.forms import AccessibleFormMixin, DateInput
from oversight.roster.models import Employee

from .models import AllegationType, Case, Complaint, MandatoryCategory
from .neighbourhoods import NOT_SURE


class ComplaintForm(AccessibleFormMixin, forms.ModelForm):
    """The public complaint form (R1.1-R1.3). Contact details are optional (R1.2)."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Complaint
        fields = [
            "filer_type",
            "narrative",
            "incident_on",
            "incident_time",
            "incident_place",
            "officers_described",
            "neighbourhood",
            "zip_code",
            "witnesses",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_address",
            "contact_method",
            "accommodations",
        ]
        labels = {
            "filer_type": _("Who is filing this complaint?"),
            "narrative": _("What happened?"),
            "incident_on": _("Date of the incident"),
            "incident_time": _("Time of the incident"),
            "incident_place": _("Where did it happen?"),
            "officers_described": _("Officers involved"),
            "contact_name": _("Your name"),
            "contact_email": _("Your e-mail address"),
            "contact_phone": _("Your phone number"),
            "neighbourhood": _("Neighborhood"),
            "zip_code": _("ZIP code"),
            "witnesses": _("Witnesses"),
            "contact_address": _("Your mailing address"),
            "contact_method": _("How should we contact you?"),
            "accommodations": _("Do you need any accommodations?"),
        }
        help_texts = {
            "narrative": _("Describe what happened in your own words."),
            "incident_place": _("An address, intersection or landmark."),
            "officers_described": _(
                "Names, badge numbers or descriptions, as far as you know. Leave blank if unknown."
            ),
            "contact_name": _("Optional. You may file anonymously, but then we cannot tell you about your case."),
            "contact_email": _("Optional."),
            "contact_phone": _("Optional."),
            "incident_time": _("Optional, for example 14:30."),
            "neighbourhood": _(
                "Choose “Not sure” if you do not know. Published data shows only the neighborhood and ZIP code."
            ),
            "zip_code": _("Optional. Five digits, for example 97214."),
            "witnesses": _("Optional. Names of people who saw what happened and how to reach them, if you know."),
            "contact_address": _("Optional. Only if you want letters by mail."),
            "contact_method": _("Optional."),
            "accommodations": _(
                "Optional. For example an interpreter, sign language, large print, or help because of a disability."
            ),
        }
        widgets = {
            "filer_type": forms.RadioSelect,
            "incident_on": DateInput,
            "incident_time": forms.TimeInput(attrs={"type": "time"}),
            "narrative": forms.Textarea(attrs={"rows": 8}),
            "officers_described": forms.Textarea(attrs={"rows": 3}),
            "witnesses": forms.Textarea(attrs={"rows": 3}),
            "contact_address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "accommodations": forms.Textarea(attrs={"rows": 2}),
            "contact_method": forms.RadioSelect,
            "zip_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.fields["neighbourhood"].required = False
        # Radio groups start with nothing chosen, never with a "---------" option.
        for name in ("filer_type", "contact_method"):
            self.fields[name].choices = [choice for choice in self.fields[name].choices if choice[0]]
        for name, autocomplete in (("contact_name", "name"), ("contact_email", "email"), ("contact_phone", "tel")):
            self.fields[name].widget.attrs.setdefault("autocomplete", autocomplete)

    def clean_neighbourhood(self):
        return self.cleaned_data.get("neighbourhood") or NOT_SURE

    def clean(self):
        data = super().clean()
        needs = {
            Complaint.ContactMethod.EMAIL: (
                "contact_email",
                _("You asked to be contacted by e-mail: please give an e-mail address."),
            ),
            Complaint.ContactMethod.PHONE: (
                "contact_phone",
                _("You asked to be contacted by phone: please give a phone number."),
            ),
            Complaint.ContactMethod.MAIL: (
                "contact_address",
                _("You asked to be contacted by mail: please give a mailing address."),
            ),
        }
        method = data.get("contact_method")
        if method in needs:
            field, message = needs[method]
            if not data.get(field) and field not in self.errors:
                self.add_error(field, message)
        return data

    def clean_incident_on(self):
        day = self.cleaned_data["incident_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The incident date cannot be in the future."))
        return day

    def complaint_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["incident_time"] = data["incident_time"] or None
        return data


class AllegationForm(AccessibleFormMixin, forms.Form):
    allegation_type = forms.ModelChoiceField(AllegationType.objects.filter(is_active=True), label=_("Allegation type"))
    employee = forms.CharField(
        label=_("Badge number of the Covered Employee"),
        required=False,
        help_text=_("Leave blank for an unidentified officer."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label=_("Reason for the record"), initial=_("Allegation identified at intake"))

    def clean_employee(self):
        """The field takes a badge number and yields the rostered employee (None: unidentified)."""
        badge = self.cleaned_data["employee"].strip()
        if not badge:
            return None
        employee = Employee.objects.filter(badge_number__iexact=badge, is_active=True).first()
        if employee is None:
            raise forms.ValidationError(
                _("No active employee on the roster has badge number %(badge)s."), params={"badge": badge}
            )
        return employee


class MandatoryCategoryForm(AccessibleFormMixin, forms.Form):
    mandatory_category = forms.ChoiceField(
        label=_("Mandatory category"), choices=[("", _("None"))] + list(MandatoryCategory.choices), required=False
    )

    def __init__(self, *args, carriers=(), **kwargs):
        """carriers: the case's allegation types that carry a category; while one stands, "None" is not offered."""
        super().__init__(*args, **kwargs)
        carriers = list(carriers)
        if carriers:
            field = self.fields["mandatory_category"]
            field.choices = list(MandatoryCategory.choices)
            field.help_text = ngettext(
                "From the allegation type %(types)s, which carries %(category)s: the case keeps a mandatory "
                "category while that allegation stands.",
                "From the allegation types %(types)s, which carry %(category)s: the case keeps a mandatory "
                "category while those allegations stand.",
                len(carriers),
            ) % {
                "types": ", ".join(f"“{t.name}”" for t in carriers),
                "category": ", ".join(sorted({str(MandatoryCategory(t.mandatory_category).label) for t in carriers})),
            }


class DecisionForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Case-handling decision"), choices=Case.Decision.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, rule=None, **kwargs):
        """rule: the case's DecisionRule (intake.services.case_decision_rule); only its decisions are offered."""
        # Shares the case page with AllegationForm, whose "reason" would otherwise also be id_reason.
        kwargs.setdefault("auto_id", "decide_%s")
        super().__init__(*args, **kwargs)
        if rule is not None:
            field = self.fields["decision"]
            field.choices = [(d.value, d.label) for d in rule.allowed]
            field.help_text = rule.why


class ReasonForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
