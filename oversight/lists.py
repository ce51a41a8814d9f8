"""Staff lists that scale (issues 12.3 and 14.2): paging, sorting and search in one place.

A view hands ``list_page`` a queryset already scoped by its visibility selector, the sort keys it
allows (each an ascending ``order_by`` tuple) and the default; it gets back the page, the state of
each sortable column and the search term. The URL keeps ``page``, ``sort``, ``q`` and the filters;
every link changes one and keeps the others. Pages cost a constant number of queries: the count
(or an estimate, for a whole large table) and the page's rows.
"""

import json
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.utils.translation import gettext_lazy as _

PAGE_SIZE = 50
SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class Sort:
    """A sortable column: its header and its ascending order (the row's pk breaks ties)."""

    label: str
    order: tuple


@dataclass(frozen=True)
class Column:
    """A sortable column's header as the template draws it."""

    label: str
    href: str
    direction: str  # "ascending", "descending" or "" (not the sort)

    @property
    def hint(self):
        """What the link does, for screen readers (the arrow is only drawn)."""
        if self.direction == "ascending":
            return _("sorted ascending; select to sort descending")
        if self.direction == "descending":
            return _("sorted descending; select to sort ascending")
        return _("select to sort")


class ListPaginator(Paginator):
    """Counts exactly up to settings.STAFF_LIST_EXACT_COUNT_UP_TO rows; past that, it says "about N"
    rather than counting every row on every view: for a whole table N is PostgreSQL's statistics of the
    table, for a filtered or searched list the planner's estimate of its rows (never less than the rows
    counted). So a count costs the same at 100,000 cases as at 1,000."""

    def __init__(self, object_list, per_page, *, whole_table=False, searched=False):
        super().__init__(object_list, per_page)
        self.whole_table = whole_table
        self.is_estimate = False
        # A search's matches (a union of case numbers, filer names and officers) are costly to find
        # and cheap to keep: their ids, in the list's order and up to the bound, are read once, and
        # give both the count and the page (not one union for the count and another for the page).
        self.ids = None if not searched or object_list.query.distinct else []

    @cached_property
    def count(self):
        bound = settings.STAFF_LIST_EXACT_COUNT_UP_TO
        if self.ids is not None:
            self.ids = list(self.object_list.values_list("pk", flat=True)[: bound + 1])
            counted = estimate = len(self.ids)
        else:
            counted, estimate = bounded_count(self.object_list, bound)
        if counted <= bound:
            return counted
        self.is_estimate = True
        if not self.whole_table:
            estimate = planned_rows(self.object_list)
        return max(estimate, counted)

    def page(self, number):
        """The page's rows found by primary key first, then read whole: the per-row annotations (counts,
        first complaint, category) run for the page's rows only, never for the rows an OFFSET skips."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        if self.ids is not None and bottom < len(self.ids):
            return self._get_page(rows.filter(pk__in=self.ids[bottom : bottom + self.per_page]), number, self)
        if not rows.query.distinct:
            rows = rows.filter(pk__in=rows.values("pk")[bottom : bottom + self.per_page])
            return self._get_page(rows, number, self)
        return super().page(number)


def bounded_count(queryset, bound):
    """(the rows, counted up to bound + 1; PostgreSQL's estimate of the table's rows), in one query."""
    limited = queryset.order_by().values("pk")[: bound + 1]
    try:
        sql, params = limited.query.sql_with_params()
    except EmptyResultSet:  # .none(): nothing to count
        return 0, 0
    table = queryset.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM ({sql}) AS page_rows), "  # noqa: S608 - Django's own SQL
            "(SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass)",
            [*params, table],
        )
        counted, estimate = cursor.fetchone()
    return counted, estimate or 0


def planned_rows(queryset):
    """The planner's estimate of the rows of ``queryset`` (EXPLAIN: planned, not run)."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)  # noqa: S608 - Django's own SQL
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


@dataclass
class ListPage:
    page: object
    columns: dict
    sort: str
    q: str

    @property
    def is_estimate(self):
        return self.page.paginator.is_estimate


def is_filtered(filterset):
    """True when any filter of a (django-filter) filterset narrows the rows."""
    filterset.qs  # noqa: B018 - validates the form, as the view's rows do
    return any(value not in (None, "", [], ()) for value in getattr(filterset.form, "cleaned_data", {}).values())


def search_term(request):
    return " ".join(request.GET.get("q", "").split())[:SEARCH_MAX_LENGTH]


def list_page(request, queryset, *, sorts, default, search=None, filtered=False, per_page=PAGE_SIZE):
    """One page of ``queryset`` in the requested order, searched by ``search(queryset, term)``.

    ``filtered`` says the caller narrowed the rows (filters, or a visibility narrower than the
    whole table): past the exact-count bound, its "about N" is then the planner's estimate of the
    rows, not the table's size.
    """
    q = search_term(request)
    if q and search is not None:
        queryset = search(queryset, q)
    sort = _chosen_sort(request, sorts, default)
    queryset = queryset.order_by(*_order_by(sorts, sort))
    whole_table = not (q or filtered)
    paginator = ListPaginator(queryset, per_page, whole_table=whole_table, searched=bool(q and search))
    page = paginator.get_page(request.GET.get("page"))
    return ListPage(page=page, columns=_columns(request, sorts, sort), sort=sort, q=q)


def _chosen_sort(request, sorts, default):
    sort = request.GET.get("sort", "")
    return sort if sort.lstrip("-") in sorts else default


def _order_by(sorts, sort):
    descending = sort.startswith("-")
    terms = [*sorts[sort.lstrip("-")].order, "pk"]
    return [_flip(term) if descending else term for term in terms]


def _flip(term):
    if hasattr(term, "desc"):  # an expression: F("x").asc(nulls_last=True)
        term = term.copy()
        term.descending = not term.descending
        return term
    return term[1:] if term.startswith("-") else f"-{term}"


def _columns(request, sorts, sort):
    columns = {}
    for key, spec in sorts.items():
        direction = ""
        if sort.lstrip("-") == key:
            direction = "descending" if sort.startswith("-") else "ascending"
        # A second click on the sorted column reverses it; a new column starts ascending.
        target = f"-{key}" if direction == "ascending" else key
        columns[key] = Column(label=spec.label, href=_href(request, sort=target), direction=direction)
    return columns


def _href(request, **changes):
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        params[name] = value
    return f"?{params.urlencode()}"
