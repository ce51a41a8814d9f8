from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateInput, DateTimeInput
from oversight.roster.models import Employee

from .models import Evidence, EvidenceSeen, FindingOutcome, MayorReferral, RequestedRecord
from .selectors import investigator_list


class CaseloadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s (%(n)s open)") % {"name": obj, "n": obj.open_cases}


class InvestigationOpenForm(AccessibleFormMixin, forms.Form):
    investigator = CaseloadChoiceField(
        queryset=None, label=_("Assign to investigator"), help_text=_("Open caseload shown; lightest first.")
    )
    reason = forms.CharField(label=_("Reason"), initial=_("Investigation assigned"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = investigator_list()


class RecordsRequestForm(AccessibleFormMixin, forms.Form):
    records_sought = forms.CharField(
        label=_("Records sought"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("List each record: reports, body-camera footage, dispatch logs."),
    )


class RecordAnswerForm(AccessibleFormMixin, forms.Form):
    """PPB's answer for one record; the service enforces which parts each outcome needs."""

    outcome = forms.ChoiceField(
        label=_("Answer"),
        widget=forms.RadioSelect,
        choices=[c for c in RequestedRecord.Outcome.choices if c[0] != RequestedRecord.Outcome.PENDING],
    )
    upload = forms.FileField(
        label=_("The record"),
        required=False,
        help_text=_("Required when the record is produced, with or without redactions. Checked by its content."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when withheld or redacted: why."),
    )
    legal_justification = forms.CharField(
        label=_("Legal justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when withheld or redacted: the law that allows it, for example ORS 192.345(3)."),
    )


class SubpoenaForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), initial=_("The Board disagrees with the withholding"))


class FindingForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Finding"), choices=FindingOutcome.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}))
    # Any item: the service refuses evidence from another investigation.
    evidence_relied_on = forms.ModelMultipleChoiceField(
        queryset=Evidence.objects.all(), required=False, label=_("Evidence relied on")
    )


class ReasonForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"))


class EvidenceForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    upload = forms.FileField(label=_("File"), help_text=_("Its SHA-256 digest is taken on receipt."))


class InterviewForm(AccessibleFormMixin, forms.Form):
    employee = forms.CharField(label=_("Badge number of the Covered Employee"))
    scheduled_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput)
    on_duty_basis = forms.CharField(
        label=_("How on-duty status was confirmed"),
        required=False,
        help_text=_("Needed only when the roster has no shift hours for this employee."),
    )
    union_representative = forms.CharField(label=_("Union representative"), required=False)
    union_representation_declined = forms.BooleanField(label=_("Representation declined"), required=False)

    def clean_employee(self):
        badge = self.cleaned_data["employee"].strip()
        employee = Employee.objects.filter(badge_number__iexact=badge, is_active=True).first()
        if employee is None:
            raise forms.ValidationError(
                _("No active employee on the roster has badge number %(badge)s."), params={"badge": badge}
            )
        return employee


class StatementForm(AccessibleFormMixin, forms.Form):
    statement = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 4}))
    # Issue 11 (contract accountability): asked at every interview from now on.
    evidence_seen_before = forms.ChoiceField(
        label=_("Did the officer see the evidence (video, reports) before the interview?"),
        choices=EvidenceSeen.choices,
        widget=forms.RadioSelect,
    )


class RefusalForm(AccessibleFormMixin, forms.Form):
    note = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2}))


class ProsecutorExportForm(AccessibleFormMixin, forms.Form):
    office = forms.CharField(label=_("Prosecutor's office"), initial=_("Multnomah County District Attorney"))


class CompleteForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Note for the case history"), initial=_("Findings complete"))
    late_reason = forms.CharField(
        label=_("Why the investigation is late"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required only after the 180-day limit has passed; the annual report counts these (R2.3)."),
    )


class PlanForm(AccessibleFormMixin, forms.Form):
    plan = forms.CharField(label=_("Investigative plan"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class TaskForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Task"), max_length=200, help_text=_("For example: ask PPB for the dispatch audio.")
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput, help_text=_("Optional."))
    assigned_to = forms.ModelChoiceField(queryset=None, label=_("Assigned to"), required=False)

    def __init__(self, *args, **kwargs):
        from oversight.accounts.models import User
        from oversight.accounts.roles import Role

        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = (
            User.objects.filter(groups__name__in=[Role.INVESTIGATOR, Role.DIRECTOR], is_active=True)
            .distinct()
            .order_by("last_name", "username")
        )


class ChiefDesigneeForm(AccessibleFormMixin, forms.Form):
    """A case about the Chief: the notice goes to the designee the Director names (35A.050)."""

    designee_name = forms.CharField(
        label=_("Designee who receives the notice"),
        max_length=120,
        help_text=_("This case is about the Chief of Police, so the notice goes to a designee, not to the Chief."),
    )
    designee_email = forms.EmailField(
        label=_("Designee's e-mail"), required=False, help_text=_("Leave blank to send a printed letter.")
    )


class MayorResponseForm(AccessibleFormMixin, forms.Form):
    response = forms.ChoiceField(
        label=_("The Mayor's response"),
        widget=forms.RadioSelect,
        choices=[c for c in MayorReferral.Response.choices if c[0] != MayorReferral.Response.PENDING],
    )
    other_entity = forms.CharField(
        label=_("Investigating entity the Mayor chose"),
        max_length=200,
        required=False,
        help_text=_("Only when the Mayor chose another investigating entity."),
    )
    responded_on = forms.DateField(label=_("Date of the Mayor's response"), widget=DateInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("Reason"), initial=_("Mayor's response recorded (R1.7)"))
