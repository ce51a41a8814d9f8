"""Forms for the staff side of intake: entries by other channels, incidents, types, groups, reconsideration."""

import uuid

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateInput

from .forms import ComplaintForm
from .models import Case, Complaint, IncidentGroup, MandatoryCategory
from .services import INCIDENT_CATEGORIES

STAFF_CHANNELS = [(value, label) for value, label in Complaint.Channel.choices if value != Complaint.Channel.WEB]


class StaffComplaintForm(ComplaintForm):
    """The complaint fields, plus how it reached the Office and the filer's language (R1.5)."""

    channel = forms.ChoiceField(label=_("Received by"), choices=STAFF_CHANNELS, widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label=_("Filer's preferred language"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=_("Notices to the filer are written in this language."),
    )

    field_order = ["channel", "language"]

    def complaint_data(self):
        return {**super().complaint_data(), "language": self.cleaned_data["language"]}


class IncidentCaseForm(AccessibleFormMixin, forms.Form):
    """A case opened without a complaint for an incident OCPA must investigate (R1.5)."""

    mandatory_category = forms.ChoiceField(
        label=_("Incident"),
        choices=[(c, MandatoryCategory(c).label) for c in INCIDENT_CATEGORIES],
        widget=forms.RadioSelect,
    )
    incident_on = forms.DateField(label=_("Date of the incident"), widget=DateInput)
    incident_summary = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Where, who, and how OCPA learned of it."),
    )
    reason = forms.CharField(label=_("Reason for the record"), initial=_("Opened without a complaint (R1.5)"))
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    def clean_incident_on(self):
        day = self.cleaned_data["incident_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The incident date cannot be in the future."))
        return day


class RosterSearchForm(forms.Form):
    q = forms.CharField(label=_("Find on the roster by name or badge number"), required=False, max_length=80)


class AllegationTypeForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    mandatory_category = forms.ChoiceField(
        label=_("Mandatory category"),
        choices=[("", _("None"))] + list(MandatoryCategory.choices),
        required=False,
        help_text=_("Allegations of this type bind the case to a full investigation (R1.8)."),
    )
    reason = forms.CharField(label=_("Reason for the record"))


class AllegationTypeEditForm(AllegationTypeForm):
    is_active = forms.BooleanField(
        label=_("Active"), required=False, help_text=_("Inactive types are no longer offered for new allegations.")
    )

    def __init__(self, *args, instance, **kwargs):
        kwargs.setdefault(
            "initial",
            {"name": instance.name, "mandatory_category": instance.mandatory_category, "is_active": instance.is_active},
        )
        super().__init__(*args, **kwargs)


class ReconsiderationRequestForm(AccessibleFormMixin, forms.Form):
    """Intake staff enter a request the filer made by phone, mail or in person (R1.9)."""

    complaint = forms.ModelChoiceField(Complaint.objects.none(), label=_("Filer"))
    reason = forms.CharField(label=_("What the filer asks and why"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("auto_id", "recon_%s")
        super().__init__(*args, **kwargs)
        self.fields["complaint"].queryset = case.complaints.all()
        if len(self.fields["complaint"].queryset) == 1:
            self.fields["complaint"].empty_label = None  # one filer: nothing to choose
        self.fields["complaint"].label_from_instance = lambda c: (
            c.contact_name
            or str(
                _("Anonymous filer (%(channel)s, %(date)s)")
                % {"channel": c.get_channel_display(), "date": timezone.localtime(c.received_at).date()}
            )
        )


class ReconsiderationDecideForm(AccessibleFormMixin, forms.Form):
    changed = forms.TypedChoiceField(
        label=_("Outcome"),
        choices=[("no", _("Keep the decision")), ("yes", _("Change the decision"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    new_decision = forms.ChoiceField(
        label=_("New decision"), choices=[("", _("Not changed"))] + list(Case.Decision.choices), required=False
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, prefix_id="", rule=None, current="", **kwargs):
        """rule: the case's DecisionRule (intake.services.case_decision_rule) and current: its decision now;
        only the decisions the Director could change it to are offered."""
        kwargs.setdefault("auto_id", f"rd{prefix_id}_%s")
        super().__init__(*args, **kwargs)
        if rule is not None:
            field = self.fields["new_decision"]
            field.choices = [("", _("Not changed"))] + [(d.value, d.label) for d in rule.allowed if d != current]
            field.help_text = rule.why

    def clean_new_decision(self):
        return self.cleaned_data["new_decision"] or None


class IncidentGroupForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = IncidentGroup
        fields = ["name", "incident_on", "description"]
        labels = {
            "name": _("Name of the incident"),
            "incident_on": _("Date of the incident"),
            "description": _("Description"),
        }
        help_texts = {"name": _("For example: the protest downtown on 1 November.")}
        widgets = {"incident_on": DateInput, "description": forms.Textarea(attrs={"rows": 3})}


class GroupAddCaseForm(AccessibleFormMixin, forms.Form):
    number = forms.CharField(label=_("Case number"), max_length=16, help_text=_("For example 2026-00042."))
    reason = forms.CharField(label=_("Reason for the record"), initial=_("Complaint about the same incident"))


class GroupCaseForm(AccessibleFormMixin, forms.Form):
    """Picks an existing group from the case page."""

    group = forms.ModelChoiceField(IncidentGroup.objects.all(), label=_("Incident group"))
    reason = forms.CharField(label=_("Reason for the record"), initial=_("Complaint about the same incident"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "grp_%s")
        super().__init__(*args, **kwargs)
