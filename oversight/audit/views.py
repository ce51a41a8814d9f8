from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from oversight.accounts.models import User
from oversight.accounts.roles import Role, role_required
from oversight.csv_cells import csv_lines
from oversight.ratelimit import client_address

from .forms import RoleChangeForm
from .models import RoleChange
from .selectors import role_change_list_filtered, sensitive_read_list_filtered
from .services import can_change_roles, role_change

PAGE_SIZE = 50


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def role_change_form(request, pk):
    """The one way to change a staff member's roles: named, with a reason, told to the Director."""
    person = get_object_or_404(User, pk=pk)
    if not can_change_roles(request.user, person):
        raise PermissionDenied  # one's own account: someone else changes it (separation of duties)
    # From the groups, not user_roles(): an inactive account still holds roles that may be removed.
    held = set(person.groups.filter(name__in=Role.values).values_list("name", flat=True))
    form = RoleChangeForm(request.POST or None, initial={"roles": sorted(held)})
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["roles"])
        try:
            role_change(
                actor=request.user,
                user=person,
                grant=wanted - held,
                revoke=held - wanted,
                reason=form.cleaned_data["reason"],
                client_address=client_address(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Roles changed. The Director has been told."))
            return redirect("audit:role-change-form", pk=person.pk)
    changes = RoleChange.objects.filter(user=person).select_related("actor")[:20]
    labels = [Role(r).label for r in sorted(held)]
    context = {"person": person, "held": labels, "form": form, "changes": changes}
    return render(request, "audit/role_change_form.html", context, status=400 if form.errors else 200)


@role_required(Role.DIRECTOR)
@require_GET
def role_change_list(request):
    """Every change of roles, newest first, for the Director to review."""
    rows, filters = role_change_list_filtered(user=request.user, params=request.GET)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/role_change_list.html", {"page": page, "filters": filters.form})


@role_required(Role.DIRECTOR)
@require_GET
def sensitive_read_list(request):
    """Who read which sensitive material, when and from where (CJIS 5.4.1.1), newest first."""
    rows, filters = sensitive_read_list_filtered(user=request.user, params=request.GET)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/sensitive_read_list.html",
        {"page": page, "filters": filters.form, "query": request.GET.urlencode()},
    )


CSV_HEADER = ("at", "user", "kind", "object_id", "case_number", "field_groups", "client_address", "outcome", "path")


def _csv_rows(rows):
    values = rows.values_list(
        "at", "user__username", "kind", "object_id", "case_number", "field_groups", "client_address", "outcome", "path"
    )
    return csv_lines(CSV_HEADER, _read_row(values.iterator(chunk_size=2000)))


def _read_row(values):
    for at, *rest in values:
        rest[4] = " ".join(rest[4])
        yield [timezone.localtime(at).isoformat(), *rest]


@role_required(Role.DIRECTOR)
@require_GET
def sensitive_read_export(request):
    """The filtered reads as CSV, streamed row by row whatever their number."""
    rows, _filters = sensitive_read_list_filtered(user=request.user, params=request.GET)
    response = StreamingHttpResponse(_csv_rows(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reads-{timezone.localdate().isoformat()}.csv"'
    return response
