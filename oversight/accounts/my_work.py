"""My work (issue 12.1): the staff portal home shows, per role the user holds, what needs them now.

The kernel cannot import the apps (kernel <- intake <- investigations <- discipline), so each app
registers its parts in its AppConfig.ready(), as the case page's sections do (intake/sections.py).

A builder is called as ``builder(user=..., now=...)`` and returns None (nothing to show) or a dict:
    title      the part's heading
    count      how many items there are in all (the rows may be the first few)
    late       how many of them are late (shown first, and named as late, never by colour alone)
    rows       [{"label", "url", "detail", "is_late"}], the late first
    more_url, more_label   where the whole list is (optional)
    template   a template of its own instead of the list (optional)
Each builder runs one query or a few, whatever the number of cases.
"""

from .roles import Role, user_roles

# The order roles are shown in, for a user who holds several.
ROLE_ORDER = (Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR, Role.BOARD, Role.LIAISON, Role.ADMIN)
ROWS_SHOWN = 10

_PARTS = []


def register_my_work_part(role, order, builder):
    """Adds a part to the home of every user holding ``role``; parts show in ``order``."""
    _PARTS.append((role, order, builder))
    _PARTS.sort(key=lambda part: part[1])


def my_work_for(*, user, now):
    """[(role, [part, ...])] for each role the user holds that has parts; a builder registered for
    several of the user's roles runs once, under the first."""
    roles, done, result = user_roles(user), set(), []
    for role in ROLE_ORDER:
        if role not in roles:
            continue
        parts = []
        for part_role, _order, builder in _PARTS:
            if part_role == role and builder not in done:
                done.add(builder)
                if (part := builder(user=user, now=now)) is not None:
                    parts.append(part)
        if parts:
            result.append((role, parts))
    return result


def part(title, rows, *, count=None, late=None, **extra):
    """A part in the shape the home page shows; ``late`` defaults to the late rows."""
    return {
        "title": title,
        "rows": rows,
        "count": len(rows) if count is None else count,
        "late": sum(1 for row in rows if row.get("is_late")) if late is None else late,
        **extra,
    }


def row(label, url, detail="", *, is_late=False):
    return {"label": label, "url": url, "detail": detail, "is_late": is_late}
