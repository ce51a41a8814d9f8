from oversight.middleware import _is_public

from .roles import Role, user_roles


def roles(request):
    held = user_roles(request.user)
    return {
        "user_roles": held,
        "Role": Role,
        "is_staff_user": bool(held),
        # Staff pages use the width of a desktop screen (issue 12.2); public pages keep the reading width.
        "is_staff_page": bool(held) and not _is_public(getattr(request, "resolver_match", None)),
    }
