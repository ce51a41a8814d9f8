"""The cast of a synthetic data set: staff accounts, the roster and the allegation types."""

import random
from datetime import time, timedelta

from django.contrib.auth.models import Group

from intake.models import AllegationType
from oversight.accounts.management.commands.seed_demo import ALLEGATION_TYPES, FIRST, LAST, UNITS
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.roster.models import Employee

PREFIX = "bench-"
INVESTIGATORS = 20
BOARD = 5


def _staff_plan():
    plan = [("synthetic", Role.ADMIN, User.Agency.CITY), ("director", Role.DIRECTOR, User.Agency.OCPA)]
    plan += [(f"intake{i}", Role.INTAKE, User.Agency.OCPA) for i in (1, 2)]
    plan += [(f"investigator{i:02d}", Role.INVESTIGATOR, User.Agency.OCPA) for i in range(1, INVESTIGATORS + 1)]
    plan += [(f"board{i}", Role.BOARD, User.Agency.CBPA) for i in range(1, BOARD + 1)]
    plan += [("liaison", Role.LIAISON, User.Agency.PPB), ("admin", Role.ADMIN, User.Agency.CITY)]
    return plan


def staff_ensure(writer, anchor):
    """Staff accounts "bench-*" (made once, reused with --append): {role: [users]} plus "synthetic"."""
    existing = {u.username: u for u in User.objects.filter(username__startswith=PREFIX)}
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    new = []
    for name, role, agency in _staff_plan():
        if PREFIX + name not in existing:
            user = User(
                username=PREFIX + name,
                first_name=name.rstrip("0123456789").title(),
                last_name=f"Bench{name[-2:]}",
                email=f"{name}@bench.invalid",
                agency=agency,
                # The synthetic account only signs history rows; it never logs in.
                is_active=name != "synthetic",
                ppb_records_certified_until=anchor.date() + timedelta(days=3650)
                if role in (Role.INVESTIGATOR, Role.DIRECTOR)
                else None,
            )
            user.set_unusable_password()
            new.append((user, role))
    writer.add(User, [u for u, _ in new], dated=lambda u: anchor)
    for user, role in new:
        user.groups.add(groups[role])
        existing[user.username] = user
    staff = {role: [] for role in Role}
    for name, role, _agency in _staff_plan():
        if name != "synthetic":
            staff[role].append(existing[PREFIX + name])
    staff["synthetic"] = existing[PREFIX + "synthetic"]
    return staff


def roster_ensure(writer, officers, anchor, seed):
    """The Chief and ``officers`` Covered Employees with badges 50000+ (made once): (chief, [officers])."""
    rng = random.Random(seed)
    chief = Employee.objects.filter(rank=Employee.Rank.CHIEF).first()
    if chief is None:
        chief = Employee(
            badge_number="CHIEF",
            first_name="Pat",
            last_name="Chief",
            rank=Employee.Rank.CHIEF,
            is_covered=False,
            email="chief@police.invalid",
            unit="Office of the Chief",
        )
        writer.add(Employee, [chief], dated=lambda e: anchor)
    have = set(Employee.objects.filter(badge_number__startswith="5").values_list("badge_number", flat=True))
    shifts = [(time(7), time(17)), (time(15), time(1)), (time(21), time(7))]
    ranks = [Employee.Rank.OFFICER] * 8 + [Employee.Rank.SERGEANT, Employee.Rank.LIEUTENANT]
    new = []
    for i in range(officers):
        first, last, rank, unit = rng.choice(FIRST), rng.choice(LAST), rng.choice(ranks), rng.choice(UNITS)
        if str(50000 + i) not in have:
            new.append(
                Employee(
                    badge_number=str(50000 + i),
                    first_name=first,
                    last_name=last,
                    rank=rank,
                    unit=unit,
                    shift_starts=shifts[i % 3][0],
                    shift_ends=shifts[i % 3][1],
                    email=f"officer{50000 + i}@police.invalid",
                )
            )
    writer.add(Employee, new, dated=lambda e: anchor - timedelta(days=3700))
    roster = list(Employee.objects.filter(badge_number__startswith="5", rank__in=ranks).order_by("badge_number"))
    return chief, roster[:officers]


def allegation_types_ensure(writer, anchor):
    """The demo's allegation types (seed_demo), made once."""
    have = set(AllegationType.objects.values_list("code", flat=True))
    new = [
        AllegationType(code=code, name=name, mandatory_category=category)
        for code, name, category in ALLEGATION_TYPES
        if code not in have
    ]
    writer.add(AllegationType, new, dated=lambda t: anchor - timedelta(days=3700))
    return list(AllegationType.objects.filter(code__in=[c for c, _n, _m in ALLEGATION_TYPES]).order_by("code"))
