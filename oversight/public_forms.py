"""Abuse and text-limit helpers shared by every public form that needs no login: the complaint form
(intake) and the public comment form (governance, issue 10). Kernel, so both apps use one copy."""

from django.core.exceptions import ValidationError
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

# R1.1: the six languages of the public side, each named in its own language.
PUBLIC_LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("vi", "Tiếng Việt"),
    ("zh-hans", "中文（简体）"),
    ("ru", "Русский"),
    ("so", "Soomaali"),
]
_LANGUAGE_CODES = {code for code, _name in PUBLIC_LANGUAGES}
# The honeypot field's name: people never see or reach it; the template labels it "leave blank".
HONEYPOT = "website"


def active_public_language():
    code = (translation.get_language() or "en").lower()
    if code in _LANGUAGE_CODES:
        return code
    base = code.split("-")[0]
    return "zh-hans" if base == "zh" else base if base in _LANGUAGE_CODES else "en"


def honeypot_filled(data):
    """True when a posted form filled the field people never see."""
    return bool(data.get(HONEYPOT, "").strip())


class TextLimit:
    """A length limit checked on the server, with a message naming the limit and the count typed.

    Never a maxlength attribute: a browser cuts pasted text at maxlength without a word, and the
    filer would not know the end of their account was lost. Line breaks count once, as they look."""

    message = _(
        "This is too long: the limit is %(limit)s characters and you typed %(count)s. "
        "Please shorten it. What you typed is kept here."
    )

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, value):
        count = len(str(value).replace("\r\n", "\n"))
        if count > self.limit:
            raise ValidationError(
                self.message, code="max_length", params={"limit": _count(self.limit), "count": _count(count)}
            )


def _count(number):
    return formats.number_format(number, force_grouping=True, use_l10n=True)


def limit_text_field(field, limit):
    """Adds the limit to a free-text field and says it in the hint ("Up to 20,000 characters.")."""
    field.validators.append(TextLimit(limit))
    field.widget.attrs.pop("maxlength", None)
    hint = _("Up to %(limit)s characters.") % {"limit": _count(limit)}
    field.help_text = f"{field.help_text} {hint}" if field.help_text else hint
