# Issue 9 parts 5 and 6: hearings and their public notice; votes may abstain; a result may adopt no finding.
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

FINDINGS = [
    ("out_of_policy", "Out of Policy (sustained)"),
    ("in_policy", "In Policy (not sustained)"),
    ("unfounded", "Unfounded"),
    ("insufficient_evidence", "Insufficient Evidence"),
]
VOTES = [*FINDINGS, ("abstain", "Abstain")]
RULES = [
    ("return_to_ocpa", "The case returns to OCPA for more work, with the panel's reasons"),
    ("investigator_finding_stands", "The investigator's finding stands"),
]
STATUSES = [("scheduled", "Scheduled"), ("held", "Held"), ("postponed", "Postponed"), ("cancelled", "Cancelled")]


def _hearing_fields():
    return [
        ("starts_at", models.DateTimeField()),
        ("place", models.CharField(blank=True, max_length=300)),
        ("online_link", models.URLField(blank=True)),
        ("status", models.CharField(choices=STATUSES, default="scheduled", max_length=12)),
        ("notice_published_at", models.DateTimeField()),
        ("agenda", models.JSONField(default=dict)),
        ("status_reason", models.CharField(blank=True, max_length=300)),
    ]


def _result_fields(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name="no_finding_rule",
            field=models.CharField(blank=True, choices=RULES, max_length=32),
        ),
        migrations.AddField(model_name=model_name, name="reasons", field=models.TextField(blank=True)),
        migrations.AddField(
            model_name=model_name,
            name="standing_finding",
            field=models.CharField(blank=True, choices=FINDINGS, max_length=24),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0004_seating"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Hearing",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                *_hearing_fields(),
                (
                    "panel",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="hearings", to="discipline.panel"
                    ),
                ),
                (
                    "scheduled_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["starts_at", "pk"],
                "indexes": [models.Index(fields=["starts_at"], name="hearing_starts_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("place", ""), _negated=True) | models.Q(("online_link", ""), _negated=True),
                        name="hearing_has_place_or_link",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalHearing",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                *_hearing_fields(),
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
                    "panel",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.panel",
                    ),
                ),
                (
                    "scheduled_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical hearing",
                "verbose_name_plural": "historical hearings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        *_result_fields("panelresult"),
        *_result_fields("historicalpanelresult"),
        migrations.AlterField(model_name="vote", name="finding", field=models.CharField(choices=VOTES, max_length=24)),
        migrations.AlterField(
            model_name="historicalvote", name="finding", field=models.CharField(choices=VOTES, max_length=24)
        ),
        migrations.AddConstraint(
            model_name="panelresult",
            constraint=models.CheckConstraint(
                condition=models.Q(("finding", ""), ("no_finding_rule", ""), _connector="OR"),
                name="result_adopted_or_rule",
            ),
        ),
    ]
