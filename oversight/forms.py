"""Accessible form plumbing shared by every app (STYLE.md section 5).

Forms that are rendered through ``templates/partials/field.html`` use
``AccessibleFormMixin``. The ARIA attributes and USWDS classes are computed by a custom
``BoundField`` each time a widget is rendered, not stored on the widget after validation: an
error added later (``form.add_error`` after a service refuses the change) still marks the
field invalid, and a form validated twice never keeps stale ``aria-invalid`` attributes.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates

DATE_FORMAT = "%Y-%m-%d"  # the only format <input type="date"> sends and accepts
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"  # likewise for <input type="datetime-local">

# widget_type (BoundField.widget_type) -> USWDS class for the <input>/<select>/<textarea>.
_WIDGET_CLASSES = {
    "textarea": "usa-textarea",
    "select": "usa-select",
    "selectmultiple": "usa-select",
    "nullbooleanselect": "usa-select",
    "selectdate": "usa-select",
    "checkbox": "usa-checkbox__input",
    "radioselect": "usa-radio__input",
    "checkboxselectmultiple": "usa-checkbox__input",
    "file": "usa-file-input",
    "clearablefile": "usa-file-input",
    "hidden": "",
    "multiplehidden": "",
}
_DEFAULT_CLASS = "usa-input"
# Controls that USWDS marks in error by the form group and label, not with a red border.
_NO_ERROR_CLASS = {"checkbox", "radioselect", "checkboxselectmultiple", "hidden", "multiplehidden"}


class DateInput(forms.DateInput):
    """A native date picker; the browser sends ISO dates whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's own argument name
        super().__init__(attrs=attrs, format=format or DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """A native date-and-time picker (local time, minutes)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):  # noqa: A002
        super().__init__(attrs=attrs, format=format or DATETIME_FORMAT)


def hint_id(bound_field):
    return f"{bound_field.auto_id}_hint"


def error_id(bound_field):
    return f"{bound_field.auto_id}_error"


class AccessibleBoundField(BoundField):
    """Ties help text and errors to the control and adds the USWDS classes at render time."""

    @property
    def aria_describedby(self):
        # Same rules as Django's, but with the ids partials/field.html gives the hint and error.
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(hint_id(self))
            if self.errors:
                ids.append(error_id(self))
        return " ".join(ids)

    def build_widget_attrs(self, attrs, widget=None):
        # Django adds required, disabled, aria-invalid and (except for fieldset widgets such as
        # radio groups, whose fieldset carries it) aria-describedby.
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = self.widget_type
        classes = [widget.attrs.get("class", ""), attrs.get("class", "")]
        classes.append(_WIDGET_CLASSES.get(kind, _DEFAULT_CLASS))
        if self.errors and kind not in _NO_ERROR_CLASS and not widget.is_hidden:
            classes.append("usa-input--error")
        merged = " ".join(dict.fromkeys(c for cls in classes for c in cls.split()))
        if merged:
            attrs["class"] = merged
        return attrs


class AccessibleFormRenderer(DjangoTemplates):
    """Set as FORM_RENDERER to give every form, mixin or not, the accessible bound field."""

    bound_field_class = AccessibleBoundField


class AccessibleFormMixin:
    """Use first in the bases: ``class ComplaintForm(AccessibleFormMixin, forms.ModelForm)``.

    Every field renders with USWDS classes, ``aria-describedby`` pointing at its hint and
    error (``<auto_id>_hint``, ``<auto_id>_error``) and ``aria-invalid="true"`` while it has
    errors. A plain ``forms.DateInput`` (a ModelForm's default for a DateField) becomes a
    native date picker.
    """

    bound_field_class = AccessibleBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # self.fields is a deep copy per form instance, so changing its widgets is local.
        for field in self.fields.values():
            widget = field.widget
            if type(widget) is forms.DateInput:
                widget.input_type = DateInput.input_type
                widget.format = DATE_FORMAT
            elif type(widget) is forms.DateTimeInput:
                widget.input_type = DateTimeInput.input_type
                widget.format = DATETIME_FORMAT


class AccessibleForm(AccessibleFormMixin, forms.Form):
    pass


class AccessibleModelForm(AccessibleFormMixin, forms.ModelForm):
    pass
