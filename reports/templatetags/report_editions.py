"""Rendering a report snapshot (issue 11 part A2): its texts are stored as msgids and translated here,
at render, so a published report reads in whichever language its reader chose."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


def _translated(value):
    return _(value) if isinstance(value, str) and value else value


@register.filter
def msgid(value):
    """A stored msgid in the reader's language (a plain value stays as it is)."""
    return _translated(value)


@register.filter
def msgid_format(text, params=None):
    """Translates a stored msgid, then interpolates its params (text params translated too)."""
    translated = _translated(text or "")
    if not params:
        return translated
    values = {key: _translated(value) if isinstance(value, str) else _number(value) for key, value in params.items()}
    try:
        return translated % values
    except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder: fall back to English
        return text % values


def _number(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float) and not value.is_integer():
        return number_format(round(value, 1), decimal_pos=1, force_grouping=True)
    return number_format(int(value), force_grouping=True)


@register.filter
def percent(value):
    """12.5 -> "12.5%"; None -> "—"."""
    if value is None:
        return "—"
    return _("%(percent)s%%") % {"percent": number_format(round(float(value), 1), decimal_pos=1)}


@register.filter
def report_cell(cell):
    """A table cell of a snapshot: None is suppressed, {"percent": x} a percentage, a string a msgid."""
    if cell is None:
        return _("Suppressed (fewer than 5)")
    if isinstance(cell, dict):
        return percent(cell.get("percent"))
    if isinstance(cell, str):
        return _translated(cell)
    return _number(cell)


@register.filter
def figure_value(value):
    """A key number of a snapshot; None is a number not recorded or suppressed, never a zero."""
    if value is None:
        return _("Not recorded or suppressed")
    return _number(value)


@register.filter
def narrative_for(narratives, field):
    """The Director's text for an item's ``narrative_field`` ("" when the item names none)."""
    if not field or not narratives:
        return ""
    return narratives.get(field, "")


@register.filter
def is_mapping(value):
    return isinstance(value, dict)
