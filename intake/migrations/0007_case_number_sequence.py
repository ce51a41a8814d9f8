# Issue 14.1: case numbers from one PostgreSQL sequence per year instead of a locked counter row
# (intake/case_numbers.py). The counter goes: each year's sequence starts after that year's
# highest case number, so no number already given is handed out again.

from django.db import migrations

from intake.case_numbers import DROP_FUNCTION_SQL, function_sql

# Going back: the counters start after each year's highest number, and the sequences go.
REFILL_COUNTERS_SQL = r"""
INSERT INTO intake_casenumbercounter (year, last)
SELECT split_part(number, '-', 1)::int, max(split_part(number, '-', 2)::bigint)
FROM intake_case WHERE number ~ '^[0-9]{4}-[0-9]+$' GROUP BY 1
"""
DROP_SEQUENCES_SQL = r"""
DO $$ DECLARE seq text; BEGIN
    FOR seq IN SELECT c.relname FROM pg_class c WHERE c.relkind = 'S'
        AND c.relnamespace = current_schema()::regnamespace AND c.relname ~ '^intake_case_number_[0-9]+$'
    LOOP EXECUTE format('DROP SEQUENCE %I', seq); END LOOP;
END $$
"""


def create_function(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        cursor.execute(function_sql(cursor.fetchone()[0]))


def drop_function(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(DROP_FUNCTION_SQL)
        cursor.execute(DROP_SEQUENCES_SQL)


def refill_counters(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(REFILL_COUNTERS_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0006_case_queue_order_index"),
    ]

    operations = [
        migrations.RunPython(create_function, drop_function),
        migrations.RunPython(migrations.RunPython.noop, refill_counters),
        migrations.DeleteModel(name="CaseNumberCounter"),
    ]
