from django import template

from intake.models import Complaint, MandatoryCategory

register = template.Library()


@register.filter
def channel_label(value):
    """The translated name of a complaint channel stored as its code."""
    return Complaint.Channel(value).label if value in Complaint.Channel.values else value


@register.filter
def category_label(value):
    """The translated name of a mandatory category stored as its code; '' stays ''."""
    return MandatoryCategory(value).label if value in MandatoryCategory.values else value
