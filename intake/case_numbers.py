"""Case numbers ("2026-00042"): one PostgreSQL sequence per Pacific year (issue 14.1).

A row lock on a per-year counter made every filing in the city wait for the one before it to
commit. A sequence hands out numbers without waiting; the price is that ``nextval`` is not
transactional: a filing that fails after drawing its number (a database error, a crash) leaves
that number unused, so the year's numbers can have gaps. Nobody is ever given a number twice,
and a retried or double-clicked form draws no number at all (``submission_lock`` first).

``intake_case_number_next(year)`` (migration 0007) creates the year's sequence on first use,
starting after the highest number already in ``intake_case`` for that year. It is SECURITY
DEFINER, so the application role (DATABASE_APP_ROLE) needs no right to create or use sequences.
"""

import uuid

from django.db import connection
from django.utils import timezone

# Advisory lock class for "one filing per submission key at a time" (the two-key form of
# pg_advisory_xact_lock, so it never meets oversight/integrity's one-key chain lock).
SUBMISSION_LOCK_CLASS = 0x4F43_4E31  # "OCN1"

FUNCTION_SQL = r"""
CREATE OR REPLACE FUNCTION intake_case_number_next(year integer) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path TO pg_catalog, pg_temp
AS $$
DECLARE
    seq text := format('%I.%I', {schema_literal}, 'intake_case_number_' || year);
    start bigint;
BEGIN
    IF year < 1900 OR year > 9999 THEN
        RAISE EXCEPTION 'no case numbers for the year %', year;
    END IF;
    IF to_regclass(seq) IS NULL THEN
        -- The year's first filing creates its sequence; another first filing waits here until it
        -- commits, then finds the sequence (IF NOT EXISTS). Rolled back, it was never there.
        PERFORM pg_advisory_xact_lock({lock_class}, year);
        SELECT coalesce(max(substring(c.number FROM '^[0-9]{{4}}-([0-9]+)$')::bigint), 0) + 1 INTO start
        FROM {schema}.intake_case AS c WHERE c.number LIKE year || '-%';
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %s AS bigint START WITH %s CACHE 1', seq, start);
    END IF;
    RETURN nextval(seq::regclass);
END $$;
"""
DROP_FUNCTION_SQL = "DROP FUNCTION IF EXISTS intake_case_number_next(integer)"


def function_sql(schema):
    """The function for this schema; its names are qualified, so search_path can hold only pg_catalog."""
    identifier = '"' + schema.replace('"', '""') + '"'
    literal = "'" + schema.replace("'", "''") + "'"
    return FUNCTION_SQL.format(schema=identifier, schema_literal=literal, lock_class=SUBMISSION_LOCK_CLASS + 1)


def case_number_next(now):
    """The next number of now's Pacific year, "YYYY-NNNNN"; never the same twice, gaps possible."""
    year = timezone.localtime(now).year
    with connection.cursor() as cursor:
        cursor.execute("SELECT intake_case_number_next(%s)", [year])
        (value,) = cursor.fetchone()
    return f"{year}-{value:05d}"


def submission_lock(key):
    """Holds, until the transaction ends, the lock of one form submission: a double submit of the
    same form waits here for the first and then finds its row; different forms never wait."""
    key = str(uuid.UUID(str(key)))  # one spelling per key, as the UUID column stores it
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [SUBMISSION_LOCK_CLASS, key])
