"""Installs, idempotently, the SQL that makes history append-only and hash-chained (issue 13.6).

Everything that guards history runs inside PostgreSQL, so no Python path (a service, the admin,
a shell, `QuerySet.update()`, raw SQL) can skip it:
- `integrity_append_only` (BEFORE UPDATE OR DELETE, per statement) refuses any change to a history
  row, a link or a shape;
- `integrity_chain` (AFTER INSERT, per row, a constraint trigger deferred to commit) appends a link.
  Deferred: the chain lock is taken at commit, after every row lock the transaction needs, so it
  never waits for a row lock while holding the chain (no new deadlocks), and it is held only for
  the commit itself. The chain order is the commit order.
TRUNCATE is not refused here: Django's flush (and so every transactional test) truncates every
table; only the tables' owner may TRUNCATE, and production runs as a role that owns nothing (README).
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from simple_history.models import HistoricalChanges

from .models import HistoryLink, HistoryShape

GENESIS = bytes(32)
CHAIN_LOCK = 0x4F56_4849_5354  # "OVHIST": one advisory lock for the whole chain
INSTALL_LOCK = CHAIN_LOCK + 1

APPEND_ONLY = "integrity_append_only"
CHAIN = "integrity_chain"
# pg_trigger.tgtype bits: ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16.
TGTYPE = {APPEND_ONLY: 2 | 8 | 16, CHAIN: 1 | 4}

# The canonical content of a row is the text of its jsonb (keys in PostgreSQL's fixed order) under
# fixed output settings: a session's TimeZone, IntervalStyle or float digits would otherwise change
# the text of the same stored value. The trigger function carries them as SET clauses; verify.py
# sets them for its transaction. Both digest with the same function, integrity_row_digest.
CANONICAL_SETTINGS = {
    "TimeZone": "UTC",
    "DateStyle": "ISO, MDY",
    "IntervalStyle": "postgres",  # psycopg reads only this style
    "extra_float_digits": "1",
    "bytea_output": "hex",
}

FUNCTIONS = r"""
-- Only under CANONICAL_SETTINGS (install.py): the trigger and verify_history.
CREATE OR REPLACE FUNCTION integrity_row_digest(j jsonb) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT sha256(convert_to(j::text, 'UTF8')) $$;

CREATE OR REPLACE FUNCTION integrity_shape_key(cols text[]) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT sha256(convert_to(array_to_string(cols, E'\n'), 'UTF8')) $$;

CREATE OR REPLACE FUNCTION integrity_link_hash(prev bytea, tbl text, hid bigint, shape bytea, digest bytea)
RETURNS bytea LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT sha256(prev || convert_to(tbl || ':' || hid::text || ':', 'UTF8') || shape || digest) $$;

CREATE OR REPLACE FUNCTION integrity_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'History is append-only: % on % is refused.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a new change instead. Staff accounts are deactivated, never deleted.';
END $$;

-- SECURITY DEFINER: the application's role needs no right on the chain tables at all.
-- enable_seqscan off: the plan for "the last link" is cached per session; made while the table
-- was small it would scan the whole table for every link (quadratic in a bulk insert).
CREATE OR REPLACE FUNCTION integrity_chain_link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path TO pg_catalog, {schema} SET enable_seqscan TO off {settings}
AS $$
DECLARE
    j jsonb := to_jsonb(NEW);
    -- jsonb keeps its keys in one fixed order (by length, then bytes): the same columns, the same shape.
    cols text[] := ARRAY(SELECT jsonb_object_keys(j));
    shape bytea := integrity_shape_key(cols);
    hid bigint := (j ->> TG_ARGV[0])::bigint;
    digest bytea := integrity_row_digest(j);
    prev bytea;
BEGIN
    -- Serialises the chain. Taken after the digests, and read committed: the SELECT below runs
    -- with a snapshot taken after the lock, so it sees the link the previous holder committed.
    PERFORM pg_advisory_xact_lock({lock});
    IF NOT EXISTS (SELECT 1 FROM integrity_historyshape WHERE key = shape) THEN
        INSERT INTO integrity_historyshape (key, columns) VALUES (shape, cols);
    END IF;
    SELECT l.hash INTO prev FROM integrity_historylink AS l ORDER BY l.seq DESC LIMIT 1;
    prev := coalesce(prev, '\x{genesis}'::bytea);
    INSERT INTO integrity_historylink (table_name, history_id, shape, row_digest, prev_hash, hash)
    VALUES (TG_TABLE_NAME, hid, shape, digest, prev,
            integrity_link_hash(prev, TG_TABLE_NAME, hid, shape, digest));
    RETURN NULL;
END $$;

-- The rows a table already holds when its chain trigger is first created: written by the same
-- `migrate` (a data migration's history row) before any trigger could link them. Linked in id order,
-- as integrity_chain_link would have; called for a table whose trigger was missing (install.py), and
-- only when the chain holds no link of that table yet.
CREATE OR REPLACE FUNCTION integrity_link_existing(tbl text, pkcol text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path TO pg_catalog, {schema} {settings}
AS $$
DECLARE
    r record;
    cols text[];
    shape bytea;
    hid bigint;
    digest bytea;
    prev bytea;
    n integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock({lock});
    -- Only a table the chain has never linked: a dropped trigger on a linked table adopts nothing.
    IF EXISTS (SELECT 1 FROM integrity_historylink WHERE table_name = tbl) THEN
        RETURN 0;
    END IF;
    FOR r IN EXECUTE format(
        'SELECT to_jsonb(h) AS j FROM %I AS h WHERE NOT EXISTS (SELECT 1 FROM integrity_historylink AS l '
        'WHERE l.table_name = %L AND l.history_id = h.%I) ORDER BY h.%I', tbl, tbl, pkcol, pkcol)
    LOOP
        cols := ARRAY(SELECT jsonb_object_keys(r.j));
        shape := integrity_shape_key(cols);
        hid := (r.j ->> pkcol)::bigint;
        digest := integrity_row_digest(r.j);
        IF NOT EXISTS (SELECT 1 FROM integrity_historyshape WHERE key = shape) THEN
            INSERT INTO integrity_historyshape (key, columns) VALUES (shape, cols);
        END IF;
        SELECT l.hash INTO prev FROM integrity_historylink AS l ORDER BY l.seq DESC LIMIT 1;
        prev := coalesce(prev, '\x{genesis}'::bytea);
        INSERT INTO integrity_historylink (table_name, history_id, shape, row_digest, prev_hash, hash)
        VALUES (tbl, hid, shape, digest, prev, integrity_link_hash(prev, tbl, hid, shape, digest));
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
-- SECURITY DEFINER and callable (not a trigger function): only migrate, as the owner, may adopt rows.
REVOKE EXECUTE ON FUNCTION integrity_link_existing(text, text) FROM PUBLIC;
"""


def history_models():
    """Every model simple-history registered, including the m2m history tables."""
    return [m for m in apps.get_models() if issubclass(m, HistoricalChanges)]


def _functions_sql(schema):
    values = {
        "schema": _quote(schema),
        "settings": " ".join(f"SET {name} TO '{value}'" for name, value in CANONICAL_SETTINGS.items()),
        "lock": str(CHAIN_LOCK),
        "genesis": GENESIS.hex(),
    }
    sql = FUNCTIONS
    for name, value in values.items():
        sql = sql.replace("{" + name + "}", value)
    return sql


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def trigger_state(cursor):
    """{(table, trigger): (enabled, tgtype, args)} for this app's triggers in the current schema."""
    cursor.execute(
        """
        SELECT c.relname, t.tgname, t.tgenabled, t.tgtype, encode(t.tgargs, 'escape')
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND t.tgname IN (%s, %s)
        """,
        [APPEND_ONLY, CHAIN],
    )
    return {(table, name): (enabled, tgtype, args) for table, name, enabled, tgtype, args in cursor.fetchall()}


def wanted_triggers(existing_tables):
    """{(table, trigger): the chain trigger's primary-key argument, or None} for tables that exist."""
    wanted = {}
    for table in (HistoryLink._meta.db_table, HistoryShape._meta.db_table):
        wanted[(table, APPEND_ONLY)] = None
    for model in history_models():
        wanted[(model._meta.db_table, APPEND_ONLY)] = None
        wanted[(model._meta.db_table, CHAIN)] = model._meta.pk.column
    return {key: pk for key, pk in wanted.items() if key[0] in existing_tables}


def trigger_problems(cursor, existing_tables):
    """Triggers that are missing, disabled or not what this module installs: [(table, trigger, why)]."""
    state = trigger_state(cursor)
    problems = []
    for (table, name), pk in sorted(wanted_triggers(existing_tables).items()):
        found = state.get((table, name))
        expected_args = f"{pk}\\000" if pk else ""
        if found is None:
            problems.append((table, name, "missing"))
        elif found[0] != "O":
            problems.append((table, name, "disabled"))
        elif (found[1], found[2]) != (TGTYPE[name], expected_args):
            problems.append((table, name, "altered"))
    return problems


def _create_trigger(cursor, table, name, pk):
    quoted = _quote(table)
    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quoted}")
    if name == APPEND_ONLY:
        cursor.execute(
            f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {quoted} "
            "FOR EACH STATEMENT EXECUTE FUNCTION integrity_refuse_change()"
        )
    else:
        cursor.execute(
            f"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT ON {quoted} DEFERRABLE INITIALLY DEFERRED "
            f"FOR EACH ROW EXECUTE FUNCTION integrity_chain_link('{pk}')"
        )


def _install_functions(cursor, schema):
    sql = _functions_sql(schema)
    version = "oversight.integrity " + hashlib.sha256(sql.encode()).hexdigest()
    cursor.execute(
        "SELECT obj_description(to_regprocedure('integrity_chain_link()'), 'pg_proc')",
    )
    if cursor.fetchone()[0] == version:
        return
    cursor.execute(sql)
    cursor.execute(f"COMMENT ON FUNCTION integrity_chain_link() IS '{version}'")


def install(using="default"):
    """Creates the functions and every missing, disabled or altered trigger. Returns what it fixed."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if HistoryLink._meta.db_table not in tables:
            return []  # this app is not migrated (yet, or any more)
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [INSTALL_LOCK])
        cursor.execute("SELECT current_schema()")
        _install_functions(cursor, cursor.fetchone()[0])
        problems = trigger_problems(cursor, tables)
        wanted = wanted_triggers(tables)
        for table, name, why in problems:
            _create_trigger(cursor, table, name, wanted[(table, name)])
            if name == CHAIN and why == "missing":
                # A new history table: rows a data migration wrote before the trigger existed join the
                # chain now. A table already in the chain adopts nothing (a dropped, disabled or
                # altered trigger), so what was written while it was off stays unlinked and named.
                cursor.execute("SELECT integrity_link_existing(%s, %s)", [table, wanted[(table, name)]])
        if settings.DATABASE_APP_ROLE:
            grant_app_role(cursor, settings.DATABASE_APP_ROLE, tables)
        return problems


def grant_app_role(cursor, role, tables):
    """The role the web, worker and beat run as: every table's rows, but no history row may be
    changed, and the chain is not theirs to touch (the trigger writes it as the owner). Not the
    owner, so it cannot disable a trigger; not a superuser, so it cannot skip them (README)."""
    history = sorted({m._meta.db_table for m in history_models()} & tables)
    chain = [HistoryLink._meta.db_table, HistoryShape._meta.db_table]
    role, listed = _quote(role), ", ".join(_quote(t) for t in history + chain)
    cursor.execute("SELECT current_schema()")
    schema = _quote(cursor.fetchone()[0])
    cursor.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
    cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}")
    cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}")
    cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON {listed} FROM {role}")
    cursor.execute(f"REVOKE INSERT ON {', '.join(chain)} FROM {role}")


def install_after_migrate(sender, using="default", **kwargs):
    if connections[using].vendor == "postgresql":
        install(using=using)
