from .roles import Role, user_roles


def roles(request):
    held = user_roles(request.user)
    return {"user_roles": held, "Role": Role, "is_staff_user": bool(held)}
