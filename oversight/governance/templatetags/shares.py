"""{% load shares %}{{ value|share }}: every share of a panel on every page, written one way."""

from django import template

from oversight.governance.shares import share_display

register = template.Library()


@register.filter
def share(value):
    """0.5001 -> "50.01%" (see oversight/governance/shares.py)."""
    return share_display(value)
