"""Forms of PPB's data submissions (R4.7): a standard as the Board adopted it, and a file upload."""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateInput

from .models import DataStandardColumn, DataStandardVersion

Kind = DataStandardColumn.Kind
REQUIRED_WORDS = {"required": True, "optional": False}


def columns_from_text(text):
    """Columns from one CSV line each: name, type, required or optional, description, allowed values
    separated by |. Raises ValidationError naming the line."""
    columns = []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        cells += [""] * (5 - len(cells))
        name, kind, required, description, allowed = cells[:5]
        if not name or kind not in Kind.values or required.lower() not in REQUIRED_WORDS:
            raise ValidationError(
                _("Line %(n)s: write name, type (%(kinds)s), required or optional, description, allowed values."),
                params={"n": number, "kinds": ", ".join(Kind.values)},
            )
        values = [v.strip() for v in allowed.split("|") if v.strip()] if kind == Kind.CHOICE else []
        columns.append(
            {
                "name": name[:60],
                "kind": kind,
                "is_required": REQUIRED_WORDS[required.lower()],
                "description": description[:300],
                "allowed_values": values,
            }
        )
    return columns


def columns_to_text(version):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for c in version.columns.all():
        required = "required" if c.is_required else "optional"
        writer.writerow([c.name, c.kind, required, c.description, "|".join(c.allowed_values)])
    return out.getvalue()


class DataStandardForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("For example: Use of force, aggregates."))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    frequency = forms.ChoiceField(label=_("How often PPB sends it"), choices=DataStandardVersion.Frequency.choices)
    grace_days = forms.IntegerField(
        label=_("Days after a period ends to send it"),
        min_value=1,
        max_value=365,
        help_text=_("Calendar days; a last day that is not a business day runs to the next."),
    )
    in_force_on = forms.DateField(
        label=_("In force from"),
        widget=DateInput,
        help_text=_("The first day of a period: the 1st of a month, of a quarter, or 1 January."),
    )
    columns = forms.CharField(
        label=_("Columns"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One column a line, separated by commas: name, type (integer, decimal, date, text or choice), "
            "required or optional, description, and for a choice its allowed values separated by |. "
            "For example: force_type,choice,required,Kind of force,hands|taser|firearm"
        ),
    )
    vote_on = forms.DateField(label=_("Date of the Board's vote"), widget=DateInput)
    votes_yes = forms.IntegerField(label=_("Votes for"), min_value=0)
    votes_no = forms.IntegerField(label=_("Votes against"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0)
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the meeting and the agenda item."))

    def clean_columns(self):
        return columns_from_text(self.cleaned_data["columns"])


class DataUploadForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with a header row naming the standard's columns; the header is row 1."),
    )
    correction_reason = forms.CharField(
        label=_("Why this file corrects the one received"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when this period's data was already received."),
    )
