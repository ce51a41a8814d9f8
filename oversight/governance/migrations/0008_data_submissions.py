# Issue 10 part F: its models' operations, kept in step with them by that part.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0007_suits_meetings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DataStandard",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=120, unique=True, verbose_name="name")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="DataStandardVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("vote_on", models.DateField(blank=True, null=True, verbose_name="date of the vote")),
                ("votes_yes", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="votes for")),
                ("votes_no", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="votes against")),
                ("votes_abstain", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="abstentions")),
                (
                    "seated_members",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="members serving"),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="version")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "frequency",
                    models.CharField(
                        choices=[
                            ("monthly", "Monthly"),
                            ("quarterly", "Quarterly"),
                            ("annually", "Annually (calendar year)"),
                        ],
                        max_length=12,
                        verbose_name="frequency",
                    ),
                ),
                ("grace_days", models.PositiveSmallIntegerField(verbose_name="days after the period ends to submit")),
                ("in_force_on", models.DateField(verbose_name="in force from")),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "standard",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="versions",
                        to="governance.datastandard",
                    ),
                ),
            ],
            options={
                "ordering": ["standard", "-number"],
            },
        ),
        migrations.CreateModel(
            name="DataStandardColumn",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=60, verbose_name="column")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("integer", "Whole number"),
                            ("decimal", "Decimal number"),
                            ("date", "Date (YYYY-MM-DD)"),
                            ("text", "Text"),
                            ("choice", "One of a list of values"),
                        ],
                        max_length=10,
                        verbose_name="type",
                    ),
                ),
                ("allowed_values", models.JSONField(blank=True, default=list, verbose_name="allowed values")),
                ("is_required", models.BooleanField(default=True, verbose_name="required")),
                ("description", models.CharField(blank=True, max_length=300, verbose_name="description")),
                ("order", models.PositiveSmallIntegerField()),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="columns",
                        to="governance.datastandardversion",
                    ),
                ),
            ],
            options={
                "ordering": ["version", "order"],
            },
        ),
        migrations.CreateModel(
            name="DataSubmissionPeriod",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("start_on", models.DateField(verbose_name="period starts")),
                ("end_on", models.DateField(verbose_name="period ends")),
                ("grace_days", models.PositiveSmallIntegerField()),
                ("received_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "standard",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="periods",
                        to="governance.datastandard",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="governance.datastandardversion",
                    ),
                ),
            ],
            options={
                "ordering": ["-end_on", "standard", "pk"],
            },
        ),
        migrations.CreateModel(
            name="DataSubmissionAttempt",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("submitted_at", models.DateTimeField()),
                ("via", models.CharField(choices=[("portal", "Liaison portal"), ("api", "API")], max_length=8)),
                ("file_name", models.CharField(max_length=255)),
                ("file_size", models.PositiveBigIntegerField()),
                ("errors", models.JSONField(default=list)),
                ("error_count", models.PositiveIntegerField()),
                (
                    "submitted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="governance.datastandardversion",
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="attempts",
                        to="governance.datasubmissionperiod",
                    ),
                ),
            ],
            options={
                "ordering": ["-submitted_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="DataSubmission",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("submitted_at", models.DateTimeField()),
                ("via", models.CharField(choices=[("portal", "Liaison portal"), ("api", "API")], max_length=8)),
                ("file_name", models.CharField(max_length=255)),
                ("file_size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("row_count", models.PositiveIntegerField()),
                ("is_current", models.BooleanField(default=True)),
                ("correction_reason", models.TextField(blank=True)),
                (
                    "replaces",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="replaced_by",
                        to="governance.datasubmission",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="submissions",
                        to="governance.datastandardversion",
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="submissions",
                        to="governance.datasubmissionperiod",
                    ),
                ),
            ],
            options={
                "ordering": ["-submitted_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="DataSubmissionRow",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField()),
                ("values", models.JSONField()),
                (
                    "submission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="rows", to="governance.datasubmission"
                    ),
                ),
            ],
            options={
                "ordering": ["submission", "number"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalDataStandard",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("name", models.CharField(db_index=True, max_length=120, verbose_name="name")),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
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
                "verbose_name": "historical data standard",
                "verbose_name_plural": "historical data standards",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDataStandardColumn",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("name", models.CharField(max_length=60, verbose_name="column")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("integer", "Whole number"),
                            ("decimal", "Decimal number"),
                            ("date", "Date (YYYY-MM-DD)"),
                            ("text", "Text"),
                            ("choice", "One of a list of values"),
                        ],
                        max_length=10,
                        verbose_name="type",
                    ),
                ),
                ("allowed_values", models.JSONField(blank=True, default=list, verbose_name="allowed values")),
                ("is_required", models.BooleanField(default=True, verbose_name="required")),
                ("description", models.CharField(blank=True, max_length=300, verbose_name="description")),
                ("order", models.PositiveSmallIntegerField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
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
                (
                    "version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datastandardversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical data standard column",
                "verbose_name_plural": "historical data standard columns",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDataStandardVersion",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("vote_on", models.DateField(blank=True, null=True, verbose_name="date of the vote")),
                ("votes_yes", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="votes for")),
                ("votes_no", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="votes against")),
                ("votes_abstain", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="abstentions")),
                (
                    "seated_members",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="members serving"),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="version")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "frequency",
                    models.CharField(
                        choices=[
                            ("monthly", "Monthly"),
                            ("quarterly", "Quarterly"),
                            ("annually", "Annually (calendar year)"),
                        ],
                        max_length=12,
                        verbose_name="frequency",
                    ),
                ),
                ("grace_days", models.PositiveSmallIntegerField(verbose_name="days after the period ends to submit")),
                ("in_force_on", models.DateField(verbose_name="in force from")),
                ("recorded_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
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
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "standard",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datastandard",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical data standard version",
                "verbose_name_plural": "historical data standard versions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDataSubmission",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("submitted_at", models.DateTimeField()),
                ("via", models.CharField(choices=[("portal", "Liaison portal"), ("api", "API")], max_length=8)),
                ("file_name", models.CharField(max_length=255)),
                ("file_size", models.PositiveBigIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("row_count", models.PositiveIntegerField()),
                ("is_current", models.BooleanField(default=True)),
                ("correction_reason", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
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
                (
                    "period",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datasubmissionperiod",
                    ),
                ),
                (
                    "replaces",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datasubmission",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datastandardversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical data submission",
                "verbose_name_plural": "historical data submissions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDataSubmissionAttempt",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("submitted_at", models.DateTimeField()),
                ("via", models.CharField(choices=[("portal", "Liaison portal"), ("api", "API")], max_length=8)),
                ("file_name", models.CharField(max_length=255)),
                ("file_size", models.PositiveBigIntegerField()),
                ("errors", models.JSONField(default=list)),
                ("error_count", models.PositiveIntegerField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
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
                (
                    "period",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datasubmissionperiod",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datastandardversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical data submission attempt",
                "verbose_name_plural": "historical data submission attempts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDataSubmissionPeriod",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("start_on", models.DateField(verbose_name="period starts")),
                ("end_on", models.DateField(verbose_name="period ends")),
                ("grace_days", models.PositiveSmallIntegerField()),
                ("received_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
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
                (
                    "standard",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datastandard",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datastandardversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical data submission period",
                "verbose_name_plural": "historical data submission periods",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDataSubmissionRow",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("number", models.PositiveIntegerField()),
                ("values", models.JSONField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
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
                (
                    "submission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.datasubmission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical data submission row",
                "verbose_name_plural": "historical data submission rows",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name="datastandardversion",
            constraint=models.UniqueConstraint(fields=("standard", "number"), name="data_standard_version_unique"),
        ),
        migrations.AddConstraint(
            model_name="datastandardversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("grace_days__gte", 1)), name="data_standard_grace_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="datastandardcolumn",
            constraint=models.UniqueConstraint(fields=("version", "name"), name="data_column_name_unique"),
        ),
        migrations.AddConstraint(
            model_name="datastandardcolumn",
            constraint=models.UniqueConstraint(fields=("version", "order"), name="data_column_order_unique"),
        ),
        migrations.AddConstraint(
            model_name="datasubmissionperiod",
            constraint=models.UniqueConstraint(fields=("standard", "start_on"), name="data_period_unique"),
        ),
        migrations.AddConstraint(
            model_name="datasubmissionperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("end_on__gte", models.F("start_on"))), name="data_period_order"
            ),
        ),
        migrations.AddConstraint(
            model_name="datasubmission",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_current", True)), fields=("period",), name="data_submission_one_current"
            ),
        ),
        migrations.AddConstraint(
            model_name="datasubmissionrow",
            constraint=models.UniqueConstraint(fields=("submission", "number"), name="data_row_unique"),
        ),
    ]
