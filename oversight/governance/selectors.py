from .models import DEFAULTS, BylawsSetting


def bylaws_value(key):
    """The Board's current value for a bylaws setting, or the documented default."""
    row = BylawsSetting.objects.filter(key=key).only("value").first()
    return row.value if row else DEFAULTS[key]
