# Issue 12.3 / 14.2: an index for the panels list's default order.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0002_panel_frozen_bylaws"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="panel",
            index=models.Index(fields=["-convened_at", "-id"], name="panel_convened_order_idx"),
        ),
    ]
