"""The logs are append-only at the database: a BEFORE UPDATE OR DELETE trigger refuses any change, so no
code path (the admin site, a bug, a management command, a raw query through the ORM) can edit or remove
a row. Two exceptions, both narrow:

- the retention purge (oversight/audit/services.access_log_purge) sets ``oversight.audit_purge_before``
  for its own transaction (set_config(..., true)); a DELETE then passes only for rows whose time column
  (the trigger's first argument) is older than that cutoff, so even the purge cannot remove a younger row;
- a column named as the second argument may be filled once, from NULL, with nothing else changed:
  django-axes records the logout time on the login's AccessLog row.

TRUNCATE is not refused (test databases are flushed with it). Only the tables' owner may run it, and the
owner could drop the trigger too: this guard stops the application, not whoever holds the owner's role.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    purge_before text := NULLIF(current_setting('oversight.audit_purge_before', true), '');
    fillable text := NULLIF(TG_ARGV[1], '');
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF purge_before IS NOT NULL
           AND (to_jsonb(OLD) ->> TG_ARGV[0])::timestamptz < purge_before::timestamptz THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit log %: rows are kept for the retention period and never deleted', TG_TABLE_NAME;
    END IF;
    IF fillable IS NOT NULL AND (to_jsonb(OLD) ->> fillable) IS NULL
       AND (to_jsonb(NEW) - fillable) = (to_jsonb(OLD) - fillable) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit log %: rows are never changed', TG_TABLE_NAME;
END
$$;
"""

# (table, time column the purge reads, column that may be filled once)
GUARDED = [
    ("audit_rolechange", "at", ""),
    ("audit_sensitiveread", "at", ""),
    ("audit_bylawschange", "recorded_at", ""),
    ("axes_accesslog", "attempt_time", "logout_time"),
    ("axes_accessfailurelog", "attempt_time", ""),
]


def _trigger(table, column, fillable):
    return (
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION audit_log_guard('{column}', '{fillable}');"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION IF EXISTS audit_log_guard();"),
        *(
            migrations.RunSQL(_trigger(*guarded), f"DROP TRIGGER IF EXISTS {guarded[0]}_append_only ON {guarded[0]};")
            for guarded in GUARDED
        ),
    ]
