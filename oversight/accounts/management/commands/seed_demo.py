"""Loads demo data once: staff of every role, a roster of a few hundred officers and a Chief.

Safe to run again: existing rows are left alone. Never run it against production.
"""

import random
from datetime import date, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.models import AllegationType, MandatoryCategory
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.roster.models import Employee

DEMO_PASSWORD = "demo-password-for-oversight"  # noqa: S105  (demo data only; refused unless DEBUG)
# Every demo account's authenticator holds this one key (README, "Demo accounts"): add
# N53GK4TTNFTWQ5BNMRSW23ZNORXXI4BB to an authenticator app once, or run `manage.py mfa_code <username>`.
DEMO_TOTP_KEY = b"oversight-demo-totp!".hex()

STAFF = [
    ("intake", "Ines", "Intake", [Role.INTAKE], User.Agency.OCPA),
    ("investigator", "Ivan", "Investigator", [Role.INVESTIGATOR], User.Agency.OCPA),
    ("investigator2", "Iris", "Investigator", [Role.INVESTIGATOR], User.Agency.OCPA),
    ("director", "Dana", "Director", [Role.DIRECTOR], User.Agency.OCPA),
    ("board1", "Bea", "Boardmember", [Role.BOARD], User.Agency.CBPA),
    ("board2", "Ben", "Boardmember", [Role.BOARD], User.Agency.CBPA),
    ("board3", "Bo", "Boardmember", [Role.BOARD], User.Agency.CBPA),
    ("board4", "Bix", "Boardmember", [Role.BOARD], User.Agency.CBPA),
    ("alternate1", "Alma", "Alternate", [Role.BOARD], User.Agency.CBPA),
    ("liaison", "Lee", "Liaison", [Role.LIAISON], User.Agency.PPB),
    ("admin", "Ada", "Administrator", [Role.ADMIN], User.Agency.CITY),
]

ALLEGATION_TYPES = [
    ("force-injury", "Force resulting in injury", MandatoryCategory.FORCE_WITH_INJURY),
    ("deadly-force", "Use of deadly force", MandatoryCategory.DEADLY_FORCE),
    ("discrimination", "Discrimination against a protected class", MandatoryCategory.DISCRIMINATION),
    ("unlawful-search", "Unlawful search or seizure", MandatoryCategory.CONSTITUTIONAL_RIGHTS),
    ("force", "Force without injury", ""),
    ("courtesy", "Discourtesy", ""),
    ("procedure", "Failure to follow procedure", ""),
    ("conduct", "Conduct unbecoming", ""),
]

FIRST = ["Alex", "Jordan", "Sam", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Drew", "Reese"]
LAST = [
    "Nguyen",
    "Garcia",
    "Smith",
    "Johnson",
    "Lee",
    "Brown",
    "Martinez",
    "Davis",
    "Kim",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Moore",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
]
UNITS = ["Central Precinct", "East Precinct", "North Precinct", "Traffic Division", "Training Division"]


class Command(BaseCommand):
    help = "Load demo staff, roster and allegation types (idempotent; development only)."

    def add_arguments(self, parser):
        parser.add_argument("--officers", type=int, default=300)

    def handle(self, *args, officers, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo loads known passwords; it runs only with DEBUG=true.")
        for role in Role:
            Group.objects.get_or_create(name=role.value)
        for username, first, last, roles, agency in STAFF:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "agency": agency,
                    "email": f"{username}@oversight.invalid",
                    # The administrator uses the admin site (staff flag) but is no superuser: its powers
                    # there come from the Administrator role alone (oversight/accounts/admin_policy.py).
                    "is_staff": Role.ADMIN in roles,
                    # R2.10: the demo's OCPA investigators and Director hold a current certification.
                    "ppb_records_certified_until": date.today() + timedelta(days=365)
                    if set(roles) & {Role.INVESTIGATOR, Role.DIRECTOR}
                    else None,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.set(Group.objects.filter(name__in=roles))
            if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                TOTPDevice.objects.create(user=user, name="Demo authenticator", key=DEMO_TOTP_KEY, confirmed=True)
        self._board_terms()
        for code, name, category in ALLEGATION_TYPES:
            AllegationType.objects.get_or_create(code=code, defaults={"name": name, "mandatory_category": category})
        Employee.objects.get_or_create(
            badge_number="CHIEF",
            defaults={
                "first_name": "Pat",
                "last_name": "Chief",
                "rank": Employee.Rank.CHIEF,
                "is_covered": False,
                "email": "chief@police.invalid",
                "unit": "Office of the Chief",
            },
        )
        rng = random.Random(35)  # the same roster every time
        shifts = [(time(7), time(17)), (time(15), time(1)), (time(21), time(7))]  # day, swing, night
        ranks = [Employee.Rank.OFFICER] * 8 + [Employee.Rank.SERGEANT, Employee.Rank.LIEUTENANT]
        Employee.objects.bulk_create(
            [
                Employee(
                    badge_number=str(10000 + i),
                    shift_starts=shifts[i % 3][0],
                    shift_ends=shifts[i % 3][1],
                    first_name=rng.choice(FIRST),
                    last_name=rng.choice(LAST),
                    rank=rng.choice(ranks),
                    unit=rng.choice(UNITS),
                )
                for i in range(officers)
            ],
            ignore_conflicts=True,
        )
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):"))
        for username, _first, _last, roles, _agency in STAFF:
            self.stdout.write(f"  {username:<14} {', '.join(str(r.label) for r in roles)}")

    def _board_terms(self):
        """The demo Board (issue 9): four members and an alternate, serving since 2025, board1 chairs."""
        from oversight.governance.models import BoardMembership
        from oversight.governance.services import board_membership_appoint

        director = User.objects.get(username="director")
        for username, _first, _last, roles, _agency in STAFF:
            if Role.BOARD not in roles or BoardMembership.objects.filter(user__username=username).exists():
                continue
            board_membership_appoint(
                actor=director,
                user=User.objects.get(username=username),
                kind="alternate" if username.startswith("alternate") else "member",
                term_start_on=date(2025, 1, 1),
                leadership="chair" if username == "board1" else "none",
                reason="Demo data: the Board's appointments",
            )
