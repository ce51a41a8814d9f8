"""Grants or removes roles from the server's command line: the way to name the first administrator.

Recorded like a change made on the role-change page (a RoleChange row, the Directors told), with the
operator's system account as the one who made it. The page's rules apply, except that nobody is
signed in: whoever can run this already holds the server.
"""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.audit.services import role_change


class Command(BaseCommand):
    help = "Grants or removes a staff member's roles, recorded and told to the Director."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--grant", action="append", default=[], choices=Role.values)
        parser.add_argument("--revoke", action="append", default=[], choices=Role.values)
        parser.add_argument("--reason", required=True)

    def handle(self, *args, username, grant, revoke, reason, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        operator = os.environ.get("SUDO_USER") or getpass.getuser()
        try:
            change = role_change(actor=None, operator=operator, user=user, grant=grant, revoke=revoke, reason=reason)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Granted: {', '.join(change.granted) or '-'}; removed: {', '.join(change.revoked) or '-'}")
