# Issue 12.3 / 14.2: indexes for the staff lists' default orders.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("investigations", "0011_mayor_referrals_for_earlier_chief_cases"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="investigation",
            index=models.Index(fields=["-status", "commenced_at", "id"], name="investigation_status_order_idx"),
        ),
        migrations.AddIndex(
            model_name="recordsrequest",
            index=models.Index(fields=["-status", "sent_at", "id"], name="records_request_status_idx"),
        ),
    ]
