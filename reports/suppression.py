"""Small-cell suppression for every published count (issue 11; R5, the privacy rule of the data releases,
the dashboard and the annual report).

The rule, in one place:

- A cell with ``0 < n < minimum`` (``settings.SMALL_CELL_MIN``, 5 by default) is suppressed (``None``):
  a count of one to four people could identify them.
- Zero cells are published as 0: "nobody" identifies nobody, and hiding zeros would hide the shape of
  the data for no gain.
- Totals are published as the TRUE totals (the sum of the real values, suppressed cells included), so
  a reader's totals agree across tables. Because the total is published, one suppressed cell in a row
  (or column) could be recovered by subtraction; so a second cell is suppressed as well
  ("complementary suppression"): the smallest remaining non-zero cell, or a zero cell if no non-zero
  cell is left. In a two-way table this is repeated across rows and columns until stable, and then any
  suppressed cell that the row and column totals still pin down (a "bridge" in the graph of suppressed
  cells, e.g. two 2x2 blocks joined by one cell) gets one more partner, so that no suppressed cell can be
  solved for from the published totals.
- A one-cell row has no partner: its total IS the cell. Callers must not publish the total of such a row
  when its cell is suppressed (``published_total`` returns ``None`` then).

``suppress_counts`` is the one-way form (a row and its total), ``suppress_table`` the two-way form (rows,
columns and both margins).
"""

from django.conf import settings


def _minimum(minimum):
    return settings.SMALL_CELL_MIN if minimum is None else minimum


def _is_small(n, minimum):
    return n is not None and 0 < n < minimum


def _partner(candidates, values):
    """The cell to suppress next among ``candidates``: the smallest non-zero one, else a zero one."""
    candidates = list(candidates)
    if not candidates:
        return None
    nonzero = [c for c in candidates if values[c]]
    pool = nonzero or candidates
    return min(pool, key=lambda c: (values[c], str(c)))


def suppress_counts(counts, *, minimum=None):
    """``{label: n}`` -> ``{label: n or None}`` (same order): small cells suppressed, and a complementary
    cell when exactly one would be suppressed, so the row's true total never gives a cell back."""
    minimum = _minimum(minimum)
    hidden = {label for label, n in counts.items() if _is_small(n, minimum)}
    while len(hidden) == 1 and len(counts) > 1:
        extra = _partner((label for label in counts if label not in hidden), counts)
        if extra is None:
            break
        hidden.add(extra)
    return {label: (None if label in hidden else n) for label, n in counts.items()}


def published_total(counts, published):
    """The true total of a row, or ``None`` if publishing it would give back a suppressed cell (a row
    whose only suppressed cell has no partner)."""
    if sum(1 for v in published.values() if v is None) == 1:
        return None
    return sum(n or 0 for n in counts.values())


def _columns(table):
    columns = []
    for row in table.values():
        for col in row:
            if col not in columns:
                columns.append(col)
    return columns


def _bridges(hidden):
    """Suppressed cells whose value the row and column totals determine: edges of the bipartite graph
    (rows, columns) of suppressed cells that lie on no cycle. Yields ``(cell, row_side, column_side)``:
    the two parts the graph falls into without that cell."""
    adjacency = {}
    for r, c in hidden:
        adjacency.setdefault(("r", r), set()).add(("c", c))
        adjacency.setdefault(("c", c), set()).add(("r", r))

    def component(start, cut):
        seen, stack = {start}, [start]
        while stack:
            node = stack.pop()
            for nxt in adjacency[node]:
                if {node, nxt} == cut or nxt in seen:
                    continue
                seen.add(nxt)
                stack.append(nxt)
        return seen

    for r, c in sorted(hidden, key=str):
        cut = {("r", r), ("c", c)}
        row_side = component(("r", r), cut)
        if ("c", c) not in row_side:
            yield (r, c), row_side, component(("c", c), cut)


def suppress_table(table, *, minimum=None):
    """``{row: {col: n}}`` -> the same shape with ``None`` for suppressed cells. Rows, columns and the
    grand total stay publishable as true totals: no suppressed cell can be solved for from them. Missing
    cells count as 0 (and are returned as 0)."""
    minimum = _minimum(minimum)
    rows = list(table)
    columns = _columns(table)
    values = {(r, c): table[r].get(c, 0) or 0 for r in rows for c in columns}
    hidden = {cell for cell, n in values.items() if _is_small(n, minimum)}

    for _ in range(len(values) + 1):
        changed = False
        for lines in ([[(r, c) for c in columns] for r in rows], [[(r, c) for r in rows] for c in columns]):
            for cells in lines:
                if len(cells) < 2 or sum(1 for cell in cells if cell in hidden) != 1:
                    continue
                free = [cell for cell in cells if cell not in hidden]
                # Prefer a partner whose other line already has exactly one suppressed cell: it fixes both.
                helpful = [cell for cell in free if _lone_in_other_line(cell, cells, hidden, rows, columns)]
                extra = _partner(helpful, values) if any(values[c] for c in helpful) else None
                extra = extra or _partner(free, values)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
        if not changed:
            for _cell, row_side, column_side in _bridges(hidden):
                # Any cell joining the two sides closes a cycle through the bridge.
                across = [
                    cell
                    for cell in values
                    if cell not in hidden
                    and (
                        (("r", cell[0]) in row_side and ("c", cell[1]) in column_side)
                        or (("r", cell[0]) in column_side and ("c", cell[1]) in row_side)
                    )
                ]
                extra = _partner(across, values)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
                    break
        if not changed:
            break
    return {r: {c: (None if (r, c) in hidden else values[(r, c)]) for c in columns} for r in rows}


def _lone_in_other_line(cell, cells, hidden, rows, columns):
    r, c = cell
    same_row = all(x[0] == r for x in cells)
    other = [(x, c) for x in rows] if same_row else [(r, y) for y in columns]
    return sum(1 for x in other if x in hidden) == 1


def table_margins(table):
    """The true row totals, column totals and grand total of ``{row: {col: n}}``."""
    columns = _columns(table)
    row_totals = {r: sum(v or 0 for v in table[r].values()) for r in table}
    column_totals = {c: sum(table[r].get(c, 0) or 0 for r in table) for c in columns}
    return row_totals, column_totals, sum(row_totals.values())
