from django import template

from intake.models import Complaint

register = template.Library()


@register.filter
def channel_label(value):
    """The translated name of a complaint channel stored as its code."""
    return Complaint.Channel(value).label if value in Complaint.Channel.values else value
