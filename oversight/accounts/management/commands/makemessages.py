"""``makemessages`` that also extracts the codebase's lazy aliases.

Views import ``gettext_lazy as _l`` (and one module ``as _lazy``); xgettext knows only its own names,
so strings marked that way never reached the catalogs and stayed English in every language. Every
caller (``make messages``, the catalog test) gets this command, since an app's command overrides
Django's own.
"""

from django.core.management.commands.makemessages import Command as MakeMessages


class Command(MakeMessages):
    xgettext_options = [*MakeMessages.xgettext_options, "--keyword=_l", "--keyword=_lazy"]
