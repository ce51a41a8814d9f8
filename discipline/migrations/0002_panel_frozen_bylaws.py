"""R3.2: a panel keeps the bylaws numbers in force when it was convened. Panels that exist already are
given the numbers in force now (the ones they would have used), then the columns become required."""

from decimal import Decimal

from django.db import migrations, models

DEFAULTS = {"hearings_panel_threshold": Decimal("0.5001"), "hearings_panel_quorum": Decimal("0.5001")}


def freeze_existing_panels(apps, schema_editor):
    BylawsSetting = apps.get_model("governance", "BylawsSetting")
    values = {**DEFAULTS, **dict(BylawsSetting.objects.values_list("key", "value"))}
    apps.get_model("discipline", "Panel").objects.update(
        threshold=values["hearings_panel_threshold"], quorum=values["hearings_panel_quorum"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0001_initial"),
        ("governance", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="panel",
            name="threshold",
            field=models.DecimalField(decimal_places=4, max_digits=5, null=True),
        ),
        migrations.AddField(
            model_name="panel",
            name="quorum",
            field=models.DecimalField(decimal_places=4, max_digits=5, null=True),
        ),
        migrations.RunPython(freeze_existing_panels, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="panel",
            name="threshold",
            field=models.DecimalField(decimal_places=4, max_digits=5),
        ),
        migrations.AlterField(
            model_name="panel",
            name="quorum",
            field=models.DecimalField(decimal_places=4, max_digits=5),
        ),
    ]
