# Issue 9.5: every opening of a hearing packet is logged.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

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
                    ("prosecutor_export", "Export to a prosecutor"),
                    ("api_case", "API: case"),
                    ("api_investigation", "API: investigation"),
                    ("api_records_request", "API: records request"),
                ],
                max_length=32,
            ),
        ),
    ]
