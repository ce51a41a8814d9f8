"""Small-cell suppression (issue 11): no published cell is small, and no suppressed cell can be solved
for from the published (true) row, column and grand totals."""

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.suppression import published_total, suppress_counts, suppress_table, table_margins

MIN = 5


def _determined(unknowns, equations):
    """Which unknowns a linear system pins down: ``equations`` are lists of unknown indices summing to a
    known value. An unknown is determined iff its unit vector lies in the row space."""
    n = len(unknowns)
    rows = [[Fraction(1 if i in eq else 0) for i in range(n)] for eq in equations]
    # Reduced row echelon form.
    pivots, r = [], 0
    for col in range(n):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        rows[r] = [x / rows[r][col] for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                rows[i] = [a - rows[i][col] * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(col)
        r += 1
    determined = set()
    for i, col in enumerate(pivots):
        if all(rows[i][j] == 0 for j in range(n) if j != col):
            determined.add(unknowns[col])
    return determined


def _leaks_in_table(published):
    hidden = [(r, c) for r, row in published.items() for c, v in row.items() if v is None]
    index = {cell: i for i, cell in enumerate(hidden)}
    rows = {r for r, _ in hidden}
    cols = {c for _, c in hidden}
    equations = [{index[cell] for cell in hidden if cell[0] == r} for r in rows]
    equations += [{index[cell] for cell in hidden if cell[1] == c} for c in cols]
    return _determined(hidden, equations)


def _random_table(rng):
    n_rows, n_cols = rng.randint(1, 6), rng.randint(1, 6)
    weights = [0, 1, 2, 3, 4, 5, 6, 9, 20, 60]
    return {f"r{i}": {f"c{j}": rng.choice(weights) for j in range(n_cols)} for i in range(n_rows)}


def test_a_small_cell_is_suppressed_and_a_zero_and_a_large_cell_are_published():
    assert suppress_counts({"a": 3, "b": 0, "c": 12, "d": 40}, minimum=MIN) == {"a": None, "b": 0, "c": None, "d": 40}


def test_one_suppressed_cell_gets_the_smallest_non_zero_partner():
    out = suppress_counts({"a": 2, "b": 30, "c": 7, "d": 0}, minimum=MIN)
    assert out == {"a": None, "b": 30, "c": None, "d": 0}


def test_two_small_cells_need_no_partner():
    assert suppress_counts({"a": 2, "b": 3, "c": 50}, minimum=MIN) == {"a": None, "b": None, "c": 50}


def test_a_lone_small_cell_among_zeros_takes_a_zero_partner():
    out = suppress_counts({"a": 2, "b": 0, "c": 0}, minimum=MIN)
    assert sum(1 for v in out.values() if v is None) == 2


def test_the_total_of_a_one_cell_row_with_a_small_cell_is_not_published():
    counts = {"a": 3}
    assert published_total(counts, suppress_counts(counts, minimum=MIN)) is None
    assert published_total({"a": 3, "b": 9}, suppress_counts({"a": 3, "b": 9}, minimum=MIN)) == 12


def test_the_minimum_defaults_to_the_setting(settings):
    settings.SMALL_CELL_MIN = 11
    assert suppress_counts({"a": 10, "b": 11, "c": 12}) == {"a": None, "b": None, "c": 12}


def test_no_suppressed_cell_of_a_row_can_be_recovered_from_its_total_over_many_random_rows():
    rng = random.Random(20261204)
    for _ in range(500):
        counts = {f"k{i}": rng.choice([0, 1, 2, 4, 5, 8, 30]) for i in range(rng.randint(2, 8))}
        out = suppress_counts(counts, minimum=MIN)
        assert sum(1 for v in out.values() if v is None) != 1
        assert all(v is None or v == 0 or v >= MIN for v in out.values())
        assert all(out[k] in (None, counts[k]) for k in counts)


def test_no_suppressed_cell_of_a_table_can_be_solved_for_from_its_margins_over_many_random_tables():
    rng = random.Random(35050)
    for _ in range(400):
        table = _random_table(rng)
        out = suppress_table(table, minimum=MIN)
        leaks = _leaks_in_table(out)
        n_rows, n_cols = len(table), len(next(iter(table.values())))
        if n_rows > 1 and n_cols > 1:
            assert not leaks, (table, out, leaks)
        for r, row in out.items():
            for c, v in row.items():
                assert v is None or v == table[r][c]
                assert v is None or v == 0 or v >= MIN


def test_two_blocks_joined_by_one_suppressed_cell_get_one_more_partner():
    # Rows 0-1 x cols 0-1 and rows 2-3 x cols 2-3 are small; (1, 2) would join them as a bridge.
    table = {r: {c: 50 for c in range(5)} for r in range(4)}
    for r, c in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)]:
        table[r][c] = 2
    out = suppress_table(table, minimum=MIN)
    assert not _leaks_in_table(out)


def test_table_margins_are_the_true_totals():
    rows, cols, grand = table_margins({"a": {"x": 1, "y": 10}, "b": {"x": 7}})
    assert rows == {"a": 11, "b": 7}
    assert cols == {"x": 8, "y": 10}
    assert grand == 18


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 7, 12, 40]), min_size=2, max_size=5), min_size=2, max_size=5
    ).filter(lambda rows: len({len(r) for r in rows}) == 1)
)
def test_hypothesis_finds_no_table_whose_suppressed_cells_leak(rows):
    table = {i: dict(enumerate(row)) for i, row in enumerate(rows)}
    out = suppress_table(table, minimum=MIN)
    assert not _leaks_in_table(out)
    assert all(v is None or v == 0 or v >= MIN for row in out.values() for v in row.values())
