# Issue 10 part D: its models' operations, kept in step with them by that part.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0004_comments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalSentinelReview",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "event_summary",
                    models.TextField(
                        help_text="Describe what happened without naming anyone.",
                        verbose_name="the event, in general terms",
                    ),
                ),
                ("scope", models.TextField(verbose_name="scope")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scoping", "Scoping"),
                            ("in_progress", "In progress"),
                            ("report_published", "Final report published"),
                            ("closed", "Closed"),
                        ],
                        default="scoping",
                        max_length=24,
                        verbose_name="status",
                    ),
                ),
                ("opened_on", models.DateField(verbose_name="opened on")),
                ("report_text", models.TextField(blank=True, verbose_name="final report")),
                (
                    "report_published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="report published at"),
                ),
                ("report_pdf", models.TextField(blank=True, max_length=100)),
                ("report_rendered_at", models.DateTimeField(blank=True, null=True)),
                ("closed_at", models.DateTimeField(blank=True, null=True, verbose_name="closed at")),
                ("created_at", models.DateTimeField(verbose_name="created at")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "created_by",
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
                "verbose_name": "historical sentinel review",
                "verbose_name_plural": "historical sentinel reviews",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="SentinelReview",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "event_summary",
                    models.TextField(
                        help_text="Describe what happened without naming anyone.",
                        verbose_name="the event, in general terms",
                    ),
                ),
                ("scope", models.TextField(verbose_name="scope")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scoping", "Scoping"),
                            ("in_progress", "In progress"),
                            ("report_published", "Final report published"),
                            ("closed", "Closed"),
                        ],
                        default="scoping",
                        max_length=24,
                        verbose_name="status",
                    ),
                ),
                ("opened_on", models.DateField(verbose_name="opened on")),
                ("report_text", models.TextField(blank=True, verbose_name="final report")),
                (
                    "report_published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="report published at"),
                ),
                ("report_pdf", models.FileField(blank=True, upload_to="sentinel-reports/")),
                ("report_rendered_at", models.DateTimeField(blank=True, null=True)),
                ("closed_at", models.DateTimeField(blank=True, null=True, verbose_name="closed at")),
                ("created_at", models.DateTimeField(verbose_name="created at")),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["-opened_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="SentinelReportItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(verbose_name="number")),
                ("title", models.CharField(max_length=200, verbose_name="recommendation")),
                ("body", models.TextField(verbose_name="explanation")),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="report_items",
                        to="governance.sentinelreview",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SentinelParticipant",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("law_enforcement", "Law enforcement"),
                            ("judicial_branch", "Judicial branch"),
                            ("forensics", "Forensics"),
                            ("board", "Community Board for Police Accountability"),
                            ("civil_rights_lawyer", "Civil-rights lawyers"),
                            ("public", "Members of the public"),
                        ],
                        max_length=24,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("organisation", models.CharField(blank=True, max_length=200, verbose_name="organisation")),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="governance.sentinelreview",
                    ),
                ),
            ],
            options={
                "ordering": ["kind", "name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SentinelMilestone",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200, verbose_name="milestone")),
                ("due_on", models.DateField(verbose_name="due on")),
                ("done_on", models.DateField(blank=True, null=True, verbose_name="done on")),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="milestones",
                        to="governance.sentinelreview",
                    ),
                ),
            ],
            options={
                "ordering": ["due_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalSentinelReportItem",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(verbose_name="number")),
                ("title", models.CharField(max_length=200, verbose_name="recommendation")),
                ("body", models.TextField(verbose_name="explanation")),
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
                    "review",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.sentinelreview",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical sentinel report item",
                "verbose_name_plural": "historical sentinel report items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSentinelParticipant",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("law_enforcement", "Law enforcement"),
                            ("judicial_branch", "Judicial branch"),
                            ("forensics", "Forensics"),
                            ("board", "Community Board for Police Accountability"),
                            ("civil_rights_lawyer", "Civil-rights lawyers"),
                            ("public", "Members of the public"),
                        ],
                        max_length=24,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("organisation", models.CharField(blank=True, max_length=200, verbose_name="organisation")),
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
                    "review",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.sentinelreview",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical sentinel participant",
                "verbose_name_plural": "historical sentinel participants",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSentinelMilestone",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("title", models.CharField(max_length=200, verbose_name="milestone")),
                ("due_on", models.DateField(verbose_name="due on")),
                ("done_on", models.DateField(blank=True, null=True, verbose_name="done on")),
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
                    "review",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.sentinelreview",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical sentinel milestone",
                "verbose_name_plural": "historical sentinel milestones",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddIndex(
            model_name="sentinelreview",
            index=models.Index(fields=["status", "-opened_on"], name="sentinel_status_opened"),
        ),
        migrations.AddConstraint(
            model_name="sentinelreportitem",
            constraint=models.UniqueConstraint(
                fields=("review", "position"), name="sentinel_report_item_position_unique"
            ),
        ),
    ]
