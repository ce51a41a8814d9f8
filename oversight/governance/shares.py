"""One way to write a share of a panel for people (R3.2): a percentage such as "50.01%", never "0.5001"."""

from decimal import Decimal, InvalidOperation

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _


def share_display(value):
    """A share from 0 to 1 as a percentage with at most two decimals: 0.5001 is "50.01%", 1 is "100%"."""
    if value is None or value == "":
        return ""
    try:
        percent = Decimal(str(value)) * 100
    except InvalidOperation:
        return str(value)
    return _("%(percent)s%%") % {"percent": floatformat(percent, "-2")}
