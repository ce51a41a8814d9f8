# Issue 10 part E: paid administrative leave per case and officer, kept in step with its model by that part.

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0008_closed_case_reviews"),
        ("intake", "0009_board_statuses"),
        ("roster", "0002_interviews"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalAdministrativeLeave",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("start_on", models.DateField(verbose_name="first day on leave")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="last day on leave")),
                ("days", models.PositiveIntegerField(blank=True, null=True, verbose_name="days on leave")),
                (
                    "cost",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=12,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="cost (USD)",
                    ),
                ),
                ("source_note", models.CharField(blank=True, max_length=300, verbose_name="source")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="intake.case",
                    ),
                ),
                (
                    "employee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="roster.employee",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical administrative leave",
                "verbose_name_plural": "historical administrative leaves",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="AdministrativeLeave",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("start_on", models.DateField(verbose_name="first day on leave")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="last day on leave")),
                ("days", models.PositiveIntegerField(blank=True, null=True, verbose_name="days on leave")),
                (
                    "cost",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=12,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="cost (USD)",
                    ),
                ),
                ("source_note", models.CharField(blank=True, max_length=300, verbose_name="source")),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="administrative_leaves",
                        to="intake.case",
                    ),
                ),
                (
                    "employee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="administrative_leaves",
                        to="roster.employee",
                    ),
                ),
            ],
            options={
                "ordering": ["-start_on", "-pk"],
                "indexes": [models.Index(fields=["start_on"], name="adminleave_start_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end_on__isnull", True), ("end_on__gte", models.F("start_on")), _connector="OR"
                        ),
                        name="adminleave_ends_after_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("days__isnull", True), ("end_on__isnull", True)),
                            models.Q(("days__gte", 1), ("end_on__isnull", False)),
                            _connector="OR",
                        ),
                        name="adminleave_days_when_ended",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("cost__isnull", True), ("cost__gte", 0), _connector="OR"),
                        name="adminleave_cost_not_negative",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("end_on__isnull", True)),
                        fields=("case", "employee"),
                        name="adminleave_one_open_per_officer",
                    ),
                ],
            },
        ),
    ]
