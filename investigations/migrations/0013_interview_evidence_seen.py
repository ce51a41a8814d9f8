# Issue 11 part D: whether the officer saw the evidence before the interview (contract accountability).
from django.db import migrations, models


def _field():
    return models.CharField(
        blank=True,
        choices=[
            ("yes", "Yes, the officer saw evidence before the interview"),
            ("no", "No, the officer did not see evidence before the interview"),
            ("not_asked", "Not asked"),
        ],
        default="",
        help_text="Whether the officer saw the evidence (video, reports) before being interviewed.",
        max_length=12,
        verbose_name="saw the evidence before the interview",
    )


class Migration(migrations.Migration):
    dependencies = [("investigations", "0012_list_indexes")]
    operations = [
        migrations.AddField(model_name="historicalinterview", name="evidence_seen_before", field=_field()),
        migrations.AddField(model_name="interview", name="evidence_seen_before", field=_field()),
    ]
