# Issue 12.3 / 14.2: indexes for the staff lists' sorts and the filer-name search.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# Written out here (not imported) so the migration never changes; oversight/folding.py holds the same SQL.
CREATE_FOLD_SQL = """
CREATE OR REPLACE FUNCTION public.oversight_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""
DROP_FOLD_SQL = "DROP FUNCTION IF EXISTS public.oversight_unaccent(text);"
CREATE_FILER_NAME_INDEX_SQL = """
CREATE INDEX IF NOT EXISTS complaint_filer_name_trgm ON intake_complaint
USING gin (oversight_unaccent(lower(contact_name)) gin_trgm_ops);
"""
DROP_FILER_NAME_INDEX_SQL = "DROP INDEX IF EXISTS complaint_filer_name_trgm;"


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_case_number_sequence"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(CREATE_FOLD_SQL, DROP_FOLD_SQL),
        migrations.RemoveIndex(
            model_name="case",
            name="intake_case_status_c6eaaa_idx",
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["status", "received_at", "id"], name="case_status_order_idx"),
        ),
        migrations.RunSQL(CREATE_FILER_NAME_INDEX_SQL, DROP_FILER_NAME_INDEX_SQL),
    ]
