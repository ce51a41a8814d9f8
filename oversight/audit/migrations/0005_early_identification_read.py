# Issue 11 part D: a read kind for the Director's early-identification list (choices only).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_loudermill_read"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sensitiveread",
            name="kind",
            field=models.CharField(
                choices=[
                    ("case_page", "Staff case page"),
                    ("filer_attachment", "Filer's attachment"),
                    ("evidence_file", "Evidence file"),
                    ("ppb_record", "PPB record file"),
                    ("records_request", "Records request page"),
                    ("hearing", "Hearing view"),
                    ("hearing_packet", "Hearing packet (PDF)"),
                    ("investigation_report", "Investigation report (PDF)"),
                    ("loudermill", "Loudermill record (the officer's response)"),
                    ("prosecutor_export", "Export to a prosecutor"),
                    ("api_case", "API: case"),
                    ("api_investigation", "API: investigation"),
                    ("api_records_request", "API: records request"),
                    ("early_identification", "Early identification list (officers named)"),
                ],
                max_length=32,
            ),
        ),
    ]
