from django import forms
from django.template.loader import render_to_string
from django.utils.html import escape

from oversight.forms import AccessibleFormMixin, DateInput


class _ThrowawayForm(AccessibleFormMixin, forms.Form):
    x = forms.CharField(label="Your name", help_text="As on your ID.", max_length=3)
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="I agree")
    seen_on = forms.DateField(label="Seen on", widget=DateInput, required=False)


def _render(form, name):
    return render_to_string("partials/field.html", {"field": form[name]})


def test_invalid_field_is_marked_invalid_and_described_by_hint_and_error():
    form = _ThrowawayForm(data={"x": "too long"})
    assert not form.is_valid()

    html = _render(form, "x")

    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_x_hint id_x_error"' in html
    assert 'id="id_x_hint"' in html
    assert 'id="id_x_error"' in html
    assert 'class="usa-input usa-input--error"' in html
    assert "usa-form-group--error" in html
    assert 'role="alert"' in html
    assert escape("Ensure this value has at most 3 characters (it has 8).") in html


def test_valid_field_is_described_by_hint_only_and_not_invalid():
    form = _ThrowawayForm(data={"x": "Ann", "colour": "r", "agree": "on"})
    assert form.is_valid()

    html = _render(form, "x")

    assert "aria-invalid" not in html
    assert 'aria-describedby="id_x_hint"' in html
    assert "usa-input--error" not in html


def test_error_added_after_validation_marks_field_invalid():
    form = _ThrowawayForm(data={"x": "Ann", "colour": "r", "agree": "on"})
    assert form.is_valid()
    form.add_error("x", "Refused by the service.")

    html = _render(form, "x")

    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_x_hint id_x_error"' in html


def test_invalid_radio_group_is_a_fieldset_described_by_its_error():
    form = _ThrowawayForm(data={"x": "Ann"})
    assert not form.is_valid()

    html = _render(form, "colour")

    assert '<fieldset class="usa-fieldset" id="id_colour" aria-describedby="id_colour_error">' in html
    assert '<legend class="usa-legend usa-label--error">Colour' in html
    assert html.count('class="usa-radio__input"') == 2
    assert html.count('aria-invalid="true"') == 2
    assert '<label class="usa-radio__label" for="id_colour_0">Red</label>' in html


def test_checkbox_uses_uswds_markup():
    form = _ThrowawayForm(data={"x": "Ann"})
    form.is_valid()

    html = _render(form, "agree")

    assert 'class="usa-checkbox__input"' in html
    assert 'aria-invalid="true"' in html
    assert '<label class="usa-checkbox__label usa-label--error" for="id_agree">' in html


def test_date_input_is_a_native_date_picker():
    html = _render(_ThrowawayForm(), "seen_on")

    assert 'type="date"' in html
    assert 'class="usa-input"' in html


def test_error_summary_links_each_error_to_its_field():
    form = _ThrowawayForm(data={"x": "too long"})
    form.is_valid()
    form.add_error(None, "Something about the whole form.")

    html = render_to_string("partials/form_errors.html", {"form": form})

    assert 'id="error-summary"' in html
    assert 'tabindex="-1"' in html
    assert "Something about the whole form." in html
    assert 'href="#id_x"' in html
    assert 'href="#id_colour_0"' in html
    assert 'href="#id_agree"' in html
