"""Prints the code an account's authenticator accepts now, for the demo (README, "Demo accounts")."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from oversight.accounts.mfa import authenticator_get, authenticator_next_code
from oversight.accounts.models import User


class Command(BaseCommand):
    help = "Print the current second-factor code of an account (development only: refused unless DEBUG)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        # A code from the server's own copy of the key is a second factor for nobody: never in production.
        if not settings.DEBUG:
            raise CommandError("mfa_code prints login codes; it runs only with DEBUG=true.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account {username!r}.")
        device = authenticator_get(user)
        if device is None:
            raise CommandError(f"{username} has no authenticator yet: log in to set one up, or run seed_demo.")
        try:
            self.stdout.write(authenticator_next_code(device))
        except ValueError as error:
            raise CommandError(f"{error} (about {device.step} seconds)") from error
