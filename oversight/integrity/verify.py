"""Recomputes the history chain inside PostgreSQL and names the first broken link (issue 13.6).

Every check is one SQL statement that streams through its table on the server; nothing is loaded
into Python but counts and the first failure of each kind, so millions of rows cost only time.
The canonical row content and the link hash come from the same SQL functions the trigger used.
"""

import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from django.db import DatabaseError, connections, transaction
from django.utils.translation import gettext as _

from .install import CANONICAL_SETTINGS, GENESIS, history_models, trigger_problems
from .models import HistoryLink

LINK = HistoryLink._meta.db_table


@dataclass(frozen=True)
class Break:
    """One way the history differs from its chain. seq is None for a row that has no link."""

    seq: int | None
    table: str
    history_id: int | None
    problem: str

    def order(self):
        """Chain order; a row with no link sorts after every numbered link."""
        return (self.seq is None, self.seq or 0, self.table, self.history_id or 0)

    def describe(self):
        values = {"seq": self.seq, "table": self.table, "id": self.history_id, "problem": self.problem}
        if self.seq is None:
            return _("no link (%(table)s, history id %(id)s): %(problem)s") % values
        return _("link %(seq)s (%(table)s, history id %(id)s): %(problem)s") % values


@dataclass
class Report:
    rows: int = 0
    links: int = 0
    tables: int = 0
    head_seq: int | None = None
    head_hash: str = ""
    seconds: float = 0.0
    breaks: list[Break] = field(default_factory=list)
    trigger_problems: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self):
        return not self.breaks and not self.trigger_problems

    @property
    def first_break(self):
        return min(self.breaks, key=Break.order, default=None)


def _chain_breaks(cursor):
    """The first link whose prev_hash is not its predecessor's hash, or whose hash does not add up."""
    cursor.execute(
        f"""
        SELECT seq, table_name, history_id,
               hash IS DISTINCT FROM integrity_link_hash(prev_hash, table_name, history_id, shape, row_digest)
        FROM (SELECT l.*, lag(hash, 1, %s) OVER (ORDER BY seq) AS expected_prev FROM {LINK} l) AS chain
        WHERE prev_hash IS DISTINCT FROM expected_prev
           OR hash IS DISTINCT FROM integrity_link_hash(prev_hash, table_name, history_id, shape, row_digest)
        ORDER BY seq LIMIT 1
        """,  # noqa: S608 - model names
        [GENESIS],
    )
    row = cursor.fetchone()
    if row is None:
        return []
    seq, table, history_id, bad_hash = row
    problem = (
        _("the link's hash does not match its content")
        if bad_hash
        else _("the link does not follow the one before it (a link was removed, inserted or reordered)")
    )
    return [Break(seq, table, history_id, problem)]


def _table_breaks(cursor, table, pk):
    """Rows changed since linking, links whose row is gone, rows that have no link; and the row count."""
    # A column added after a row was linked is left out of that row's digest (its shape lists
    # the columns the row had); a column dropped since then makes every older row fail, rightly.
    cursor.execute(
        f"""
        WITH shape AS (
            SELECT s.key, ARRAY(
                SELECT a.attname::text FROM pg_attribute AS a
                WHERE a.attrelid = %(regclass)s::regclass AND a.attnum > 0 AND NOT a.attisdropped
                  AND NOT (a.attname::text = ANY (s.columns))
            ) AS extra
            FROM integrity_historyshape AS s
        ), joined AS (
            SELECT l.seq, l.row_digest, shape.extra, h."{pk}" AS row_id,
                   CASE WHEN h."{pk}" IS NOT NULL THEN to_jsonb(h) END AS content
            FROM (SELECT * FROM {LINK} WHERE table_name = %(table)s) AS l
            FULL JOIN "{table}" AS h ON h."{pk}" = l.history_id
            LEFT JOIN shape ON shape.key = l.shape
        )
        SELECT count(row_id),
               min(seq) FILTER (WHERE row_id IS NULL),
               min(seq) FILTER (WHERE row_id IS NOT NULL AND seq IS NOT NULL
                   AND integrity_row_digest(content - extra) IS DISTINCT FROM row_digest),
               min(row_id) FILTER (WHERE seq IS NULL),
               count(*) FILTER (WHERE seq IS NULL)
        FROM joined
        """,  # noqa: S608 - model names
        {"table": table, "regclass": f'"{table}"'},
    )
    rows, gone_seq, changed_seq, unlinked_id, unlinked = cursor.fetchone()
    breaks = [
        _link_break(cursor, gone_seq, _("the history row was deleted")),
        _link_break(cursor, changed_seq, _("the history row was changed after it was linked")),
    ]
    if unlinked_id is not None:
        problem = _("the history row has no link (%(count)s such rows in this table)") % {"count": unlinked}
        breaks.append(Break(None, table, unlinked_id, problem))
    return rows, [b for b in breaks if b]


def _link_break(cursor, seq, problem):
    if seq is None:
        return None
    cursor.execute(f"SELECT table_name, history_id FROM {LINK} WHERE seq = %s", [seq])  # noqa: S608 - model names
    table, history_id = cursor.fetchone()
    return Break(seq, table, history_id, problem)


def _orphan_table_breaks(cursor, tables):
    """Links naming a table that is no longer a history table."""
    cursor.execute(
        f"SELECT min(seq) FROM {LINK} WHERE NOT (table_name = ANY(%s)) GROUP BY table_name",  # noqa: S608 - model names
        [list(tables)],
    )
    seqs = [seq for (seq,) in cursor.fetchall()]
    return [_link_break(cursor, seq, _("the link names a table that holds no history")) for seq in seqs]


def _anchor_breaks(cursor, anchors):
    """A head recorded outside the database (seq, hash hex) must still be in the chain."""
    breaks = []
    for seq, digest in anchors:
        sql = f"SELECT table_name, history_id, encode(hash, 'hex') FROM {LINK} WHERE seq = %s"  # noqa: S608 - model names
        cursor.execute(sql, [seq])
        row = cursor.fetchone()
        if row is None:
            breaks.append(Break(seq, "-", None, _("the anchored link is gone")))
        elif row[2] != digest.lower():
            breaks.append(Break(seq, row[0], row[1], _("the link differs from its recorded anchor")))
    return breaks


def history_verify(*, using="default", anchors=()):
    """Checks every history row against its link and every link against the chain; never writes."""
    started = time.monotonic()
    connection = connections[using]
    if connection.in_atomic_block:
        # Inside a caller's transaction (a test): its links wait for commit; write them first.
        with connection.cursor() as cursor, _canonical_settings(cursor):
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            report = _check(cursor, connection, anchors)
    else:
        # One snapshot for every query, or a row committed between two of them would look unlinked.
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            with _canonical_settings(cursor):
                report = _check(cursor, connection, anchors)
    report.seconds = time.monotonic() - started
    return report


@contextmanager
def _canonical_settings(cursor):
    """The output settings the trigger digested under, for this transaction only, then restored."""
    names = list(CANONICAL_SETTINGS)
    cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names)
    before = dict(zip(names, cursor.fetchone(), strict=True))
    _set_local(cursor, CANONICAL_SETTINGS)
    try:
        yield
    finally:
        with suppress(DatabaseError):  # a failed transaction keeps nothing anyway
            _set_local(cursor, before)


def _set_local(cursor, settings):
    cursor.execute(
        "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(settings)),
        [item for pair in settings.items() for item in pair],
    )


def _check(cursor, connection, anchors):
    report = Report()
    tables = set(connection.introspection.table_names(cursor))
    models = [m for m in history_models() if m._meta.db_table in tables]
    report.tables = len(models)
    report.trigger_problems = trigger_problems(cursor, tables)
    cursor.execute(f"SELECT count(*) FROM {LINK}")  # noqa: S608 - model names
    report.links = cursor.fetchone()[0]
    cursor.execute(f"SELECT seq, encode(hash, 'hex') FROM {LINK} ORDER BY seq DESC LIMIT 1")  # noqa: S608 - model names
    report.head_seq, report.head_hash = cursor.fetchone() or (None, "")
    report.breaks += _chain_breaks(cursor)
    for model in models:
        rows, breaks = _table_breaks(cursor, model._meta.db_table, model._meta.pk.column)
        report.rows += rows
        report.breaks += breaks
    report.breaks += _orphan_table_breaks(cursor, [m._meta.db_table for m in models])
    report.breaks += _anchor_breaks(cursor, anchors)
    return report
