"""Forms of the seating part (issue 9.3, 9.4): convening a panel of a kind, declaring a conflict, recusing."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from intake.models import Case
from oversight.accounts.roles import Role
from oversight.forms import AccessibleFormMixin
from oversight.governance.selectors import body_rules
from oversight.roster.models import Employee

from .models import ConflictDeclaration, Panel, PanelSeat
from .seating import WAYS_IN, panel_candidates, panel_kinds_open_for


class RotationChoiceField(forms.ModelMultipleChoiceField):
    """Members in rotation order, each with when they last sat."""

    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        if obj.last_seated_at is None:
            return _("%(name)s (never seated)") % {"name": name}
        when = formats.date_format(obj.last_seated_at, "DATE_FORMAT")
        return _("%(name)s (last seated %(date)s)") % {"name": name, "date": when}


class PanelConveneForm(AccessibleFormMixin, forms.Form):
    """The kind, then the members offered by rotation (the first ``size`` ticked), alternates if needed."""

    # Every kind is accepted here: whether the case is at that kind's way in is the service's rule, so the
    # form and the API give the same reason for a refusal.
    kind = forms.ChoiceField(label=_("Kind of panel"), widget=forms.RadioSelect, required=False)
    members = RotationChoiceField(
        queryset=None,
        label=_("Board members on the panel"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Offered by rotation: least recently seated first. Members with a declared conflict in this case, "
            "or not eligible under the bylaws, are not offered."
        ),
    )
    alternates = RotationChoiceField(
        queryset=None,
        label=_("Alternates seated from the start (only if too few members can sit)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reason = forms.CharField(label=_("Reason"), initial=_("Panel convened"))

    def clean_kind(self):
        return self.cleaned_data.get("kind") or self.chosen_kind

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = panel_kinds_open_for(case)
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]
        self.fields["kind"].help_text = " ".join(str(WAYS_IN[k].decides) for k in kinds)
        posted = self.data.get(self.add_prefix("kind")) if self.is_bound else None
        if self.is_bound:
            self.fields["kind"].choices = Panel.Kind.choices
            kind = posted or (kinds[0].value if kinds else Panel.Kind.HEARINGS.value)
            kind = kind if kind in Panel.Kind.values else None
        else:
            kind = kinds[0].value if kinds else None
        self.chosen_kind, self.size = kind, 0
        self.fields["kind"].initial = kind
        if kind is None:
            self.fields["members"].queryset = self.fields["alternates"].queryset = get_user_model().objects.none()
            return
        self.size = body_rules(kind).size
        if self.is_bound:
            # Anyone on the Board is accepted here, so the service names whoever it does not offer.
            board = get_user_model().objects.filter(groups__name=Role.BOARD)
            self.fields["members"].queryset = self.fields["alternates"].queryset = board
            return
        members = panel_candidates(case=case, kind=kind)
        self.fields["members"].queryset = members
        self.fields["alternates"].queryset = panel_candidates(case=case, kind=kind, alternates=True)
        if not self.is_bound:
            self.fields["members"].initial = [m.pk for m in members[: self.size]]


class ConflictDeclareForm(AccessibleFormMixin, forms.Form):
    """A member's own declaration: the kind, and the officer (badge number) or the case (case number)."""

    kind = forms.ChoiceField(
        label=_("Kind of conflict"),
        choices=ConflictDeclaration.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "An Immediate Family Member (City Code 35A.020 I) is a parent, spouse, domestic partner, child or "
            "sibling, unless estranged. Prior involvement means you took part in the matter or the case before."
        ),
    )
    badge_number = forms.CharField(
        label=_("Officer's badge number"),
        required=False,
        max_length=16,
        help_text=_("For a conflict with a PPB officer: every case about them is covered."),
    )
    case_number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=32,
        help_text=_("For a conflict with a person in a case, or with the case itself."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("The relationship, in a few words. Seen by you and the Director."),
    )

    def clean(self):
        data = super().clean()
        badge, number = data.get("badge_number", "").strip(), data.get("case_number", "").strip()
        if bool(badge) == bool(number):
            raise forms.ValidationError(_("Give either an officer's badge number or a case number, not both."))
        if badge:
            data["employee"] = Employee.objects.filter(badge_number__iexact=badge).first()
            if data["employee"] is None:
                self.add_error("badge_number", _("No officer on the roster has that badge number."))
        else:
            data["case"] = Case.objects.filter(number__iexact=number).first()
            if data["case"] is None:
                self.add_error("case_number", _("No case has that number."))
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "description": data["description"],
            "employee": data.get("employee"),
            "case": data.get("case"),
        }


class RecusalForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for recusal"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded with the panel's result. An alternate takes your seat; your votes are withdrawn."),
    )


class SeatVacateForm(AccessibleFormMixin, forms.Form):
    """The Director records a recusal or an absence for a seated member."""

    status = forms.ChoiceField(
        label=_("Record"),
        choices=[(PanelSeat.Status.RECUSED, _("Recusal")), (PanelSeat.Status.ABSENT, _("Absence"))],
        widget=forms.RadioSelect,
        initial=PanelSeat.Status.RECUSED,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
