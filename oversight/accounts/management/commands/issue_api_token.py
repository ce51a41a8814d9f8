"""Issues the API token a PPB liaison's integration calls with (R6.4).

Only an administrator runs it; the token is printed once and is the liaison's to keep secret.
Running it again prints the same token, so a lost copy is replaced by deleting it in the admin.
"""

from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from oversight.accounts.models import User
from oversight.accounts.roles import Role, has_role


class Command(BaseCommand):
    help = "Prints the API token of a PPB liaison, creating it if needed."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"{username!r} is not active.")
        # Staff use the web login; only PPB's integration calls the API with a token.
        if not has_role(user, Role.LIAISON):
            raise CommandError(f"{username!r} is not a PPB liaison; API tokens are issued only to PPB liaisons.")
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
