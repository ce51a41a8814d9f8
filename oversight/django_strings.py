"""Django's own messages that the public pages can show, listed here so that `make messages`
copies them into our catalog. Django ships no Somali translation (R1.1 needs one); for the
other languages our catalog's wording takes precedence over Django's.

Nothing imports this module; the markers are for the extractor only.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# Form errors from django.forms and django.core.validators.
gettext_noop("This field is required.")
gettext_noop("Enter a valid date.")
gettext_noop("Enter a valid time.")
gettext_noop("Enter a valid email address.")
gettext_noop("Select a valid choice. %(value)s is not one of the available choices.")
ngettext_lazy(
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)
# The staff login page (django.contrib.auth), reachable without login.
gettext_noop("username")
gettext_noop("Password")
gettext_noop("Please enter a correct %(username)s and password. Note that both fields may be case-sensitive.")
