"""The integrity chain (oversight/integrity) for history rows written in bulk.

The per-row trigger costs a lock and a lookup per row; for millions of synthetic rows the seed turns
it off, and afterwards links every unlinked row in one pass: the row digest and shape come from the
same SQL functions, under the same canonical settings, as the trigger's; the link hashes are chained
here in the same way (sha256(prev || "table:id:" || shape || digest)). Then the triggers are put back
(install), so `verify_history` finds exactly what the trigger would have written. Needs the tables'
owner and no other writer at the time: benchmark databases only.
"""

import hashlib
from contextlib import contextmanager

from django.db import connection, transaction

from oversight.integrity.install import CANONICAL_SETTINGS, CHAIN, CHAIN_LOCK, GENESIS, history_models, install

BATCH = 50_000


def _tables():
    existing = set(connection.introspection.table_names())
    return [m._meta.db_table for m in history_models() if m._meta.db_table in existing]


@contextmanager
def chain_paused(say=print):
    """Per-row chain trigger off while seeding; afterwards every new row linked, the triggers restored."""
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER {CHAIN}')
    try:
        yield
    finally:
        install()  # re-enables every disabled chain trigger
    linked = link_unlinked()
    say(f"  history chain: {linked:,} rows linked")


def link_unlinked():
    """Appends a link for every history row that has none, table by table in history_id order."""
    total = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        cursor.execute(
            "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(CANONICAL_SETTINGS)),
            [item for pair in CANONICAL_SETTINGS.items() for item in pair],
        )
        cursor.execute("SELECT hash FROM integrity_historylink ORDER BY seq DESC LIMIT 1")
        row = cursor.fetchone()
        prev = bytes(row[0]) if row else GENESIS
        shapes = set()
        for table in _tables():
            prev, count = _link_table(cursor, table, prev, shapes)
            total += count
    return total


def _link_table(cursor, table, prev, shapes):
    # Every row of one table has the same columns, so one shape (the trigger computes the same key).
    cursor.execute(f'SELECT ARRAY(SELECT jsonb_object_keys(to_jsonb(h))) FROM "{table}" AS h LIMIT 1')  # noqa: S608
    first = cursor.fetchone()
    if first is None:
        return prev, 0
    columns = first[0]
    shape = hashlib.sha256("\n".join(columns).encode()).digest()
    if shape not in shapes:
        cursor.execute(
            "INSERT INTO integrity_historyshape (key, columns) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
            [shape, columns],
        )
        shapes.add(shape)
    cursor.execute(
        f"""
        SELECT h.history_id, integrity_row_digest(to_jsonb(h))
        FROM "{table}" AS h
        WHERE NOT EXISTS (
            SELECT 1 FROM integrity_historylink AS l WHERE l.table_name = %s AND l.history_id = h.history_id
        )
        ORDER BY h.history_id
        """,  # noqa: S608 - model table names
        [table],
    )
    links, count = [], 0
    while rows := cursor.fetchmany(BATCH):
        for history_id, digest in rows:
            digest = bytes(digest)
            link = hashlib.sha256(prev + f"{table}:{history_id}:".encode() + shape + digest).digest()
            links.append((table, history_id, shape, digest, prev, link))
            prev = link
        count += len(rows)
    for start in range(0, len(links), BATCH):
        _write_links(cursor, links[start : start + BATCH])
    return prev, count


def _write_links(cursor, links):
    if not links:
        return
    sql = "COPY integrity_historylink (table_name, history_id, shape, row_digest, prev_hash, hash) FROM STDIN"
    with cursor.cursor.copy(sql) as copy:
        for link in links:
            copy.write_row(link)
