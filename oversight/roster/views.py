from django.shortcuts import render
from django.utils.translation import gettext_lazy as _l

from oversight.accounts.roles import Role, role_required
from oversight.lists import Sort, list_page

from .filters import EmployeeFilter
from .selectors import employee_list_for_staff, employee_search

EMPLOYEE_SORTS = {
    "name": Sort(_l("Name"), ("last_name", "first_name")),
    "badge": Sort(_l("Badge"), ("badge_number",)),
    "rank": Sort(_l("Rank"), ("rank", "last_name")),
    "unit": Sort(_l("Unit"), ("unit", "last_name")),
}


@role_required(Role.INTAKE, Role.INVESTIGATOR, Role.DIRECTOR)
def employee_list(request):
    """The PPB roster for the Office's staff (R1.6): 50 to a page, sortable, searchable by name or badge."""
    filters = EmployeeFilter(request.GET or None, queryset=employee_list_for_staff())
    listing = list_page(
        request, filters.qs, sorts=EMPLOYEE_SORTS, default="name", search=employee_search, filtered=True
    )
    context = {"listing": listing, "page": listing.page, "filters": filters.form}
    return render(request, "roster/employee_list.html", context)
