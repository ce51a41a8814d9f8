# Part E of issue 9: appeals (R3.7), proceedings after the Board and final outcomes (R3.8).
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0006_discipline_guide"),
        ("intake", "0009_board_statuses"),
        ("roster", "0002_interviews"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Appeal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "appellant",
                    models.CharField(
                        choices=[
                            ("filer", "The person who filed the complaint"),
                            ("officer", "The officer (Covered Employee)"),
                        ],
                        max_length=8,
                    ),
                ),
                ("grounds", models.TextField()),
                ("filed_at", models.DateTimeField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("filed", "Filed, waiting for the appeals panel"),
                            ("refused", "Refused"),
                            ("heard", "Decided by the appeals panel"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="filed",
                        max_length=10,
                    ),
                ),
                ("refused_reason", models.TextField(blank=True)),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[("affirmed", "Affirmed"), ("modified", "Modified"), ("reversed", "Reversed")],
                        max_length=10,
                    ),
                ),
                ("decision_text", models.TextField(blank=True)),
                (
                    "new_finding",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("out_of_policy", "Out of Policy (sustained)"),
                            ("in_policy", "In Policy (not sustained)"),
                            ("unfounded", "Unfounded"),
                            ("insufficient_evidence", "Insufficient Evidence"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "new_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        help_text="The discipline after the appeal.",
                        max_length=24,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "allegation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="appeals", to="intake.allegation"
                    ),
                ),
                (
                    "appeals_panel",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals_heard",
                        to="discipline.panel",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="appeals", to="intake.case"
                    ),
                ),
                (
                    "complaint",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals",
                        to="intake.complaint",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals",
                        to="discipline.disciplinedecision",
                    ),
                ),
                (
                    "employee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals",
                        to="roster.employee",
                    ),
                ),
                (
                    "entered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "panel",
                    models.ForeignKey(
                        help_text="The panel whose result is appealed.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals",
                        to="discipline.panel",
                    ),
                ),
            ],
            options={
                "ordering": ["-filed_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="AppealVote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "outcome",
                    models.CharField(
                        choices=[("affirmed", "Affirmed"), ("modified", "Modified"), ("reversed", "Reversed")],
                        max_length=10,
                    ),
                ),
                ("cast_at", models.DateTimeField()),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="votes", to="discipline.appeal"
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="FinalOutcome",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "board_finding",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("out_of_policy", "Out of Policy (sustained)"),
                            ("in_policy", "In Policy (not sustained)"),
                            ("unfounded", "Unfounded"),
                            ("insufficient_evidence", "Insufficient Evidence"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "final_finding",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("out_of_policy", "Out of Policy (sustained)"),
                            ("in_policy", "In Policy (not sustained)"),
                            ("unfounded", "Unfounded"),
                            ("insufficient_evidence", "Insufficient Evidence"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "board_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "final_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        max_length=24,
                    ),
                ),
                ("board_level_rank", models.PositiveSmallIntegerField(default=0)),
                ("final_level_rank", models.PositiveSmallIntegerField(default=0)),
                (
                    "set_by",
                    models.CharField(
                        choices=[
                            ("board", "The Board"),
                            ("appeal", "Appeal"),
                            ("grievance", "Grievance"),
                            ("civil_service_board", "Civil Service Board"),
                            ("arbitration", "Arbitration"),
                        ],
                        default="board",
                        max_length=24,
                    ),
                ),
                ("set_at", models.DateTimeField()),
                (
                    "allegation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="final_outcome",
                        to="intake.allegation",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="HistoricalAppeal",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "appellant",
                    models.CharField(
                        choices=[
                            ("filer", "The person who filed the complaint"),
                            ("officer", "The officer (Covered Employee)"),
                        ],
                        max_length=8,
                    ),
                ),
                ("grounds", models.TextField()),
                ("filed_at", models.DateTimeField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("filed", "Filed, waiting for the appeals panel"),
                            ("refused", "Refused"),
                            ("heard", "Decided by the appeals panel"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="filed",
                        max_length=10,
                    ),
                ),
                ("refused_reason", models.TextField(blank=True)),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[("affirmed", "Affirmed"), ("modified", "Modified"), ("reversed", "Reversed")],
                        max_length=10,
                    ),
                ),
                ("decision_text", models.TextField(blank=True)),
                (
                    "new_finding",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("out_of_policy", "Out of Policy (sustained)"),
                            ("in_policy", "In Policy (not sustained)"),
                            ("unfounded", "Unfounded"),
                            ("insufficient_evidence", "Insufficient Evidence"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "new_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        help_text="The discipline after the appeal.",
                        max_length=24,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "allegation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="intake.allegation",
                    ),
                ),
                (
                    "appeals_panel",
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
                    "complaint",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="intake.complaint",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.disciplinedecision",
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
                    "entered_by",
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
                (
                    "panel",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The panel whose result is appealed.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.panel",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical appeal",
                "verbose_name_plural": "historical appeals",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAppealVote",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "outcome",
                    models.CharField(
                        choices=[("affirmed", "Affirmed"), ("modified", "Modified"), ("reversed", "Reversed")],
                        max_length=10,
                    ),
                ),
                ("cast_at", models.DateTimeField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "appeal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.appeal",
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
                (
                    "member",
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
                "verbose_name": "historical appeal vote",
                "verbose_name_plural": "historical appeal votes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFinalOutcome",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "board_finding",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("out_of_policy", "Out of Policy (sustained)"),
                            ("in_policy", "In Policy (not sustained)"),
                            ("unfounded", "Unfounded"),
                            ("insufficient_evidence", "Insufficient Evidence"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "final_finding",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("out_of_policy", "Out of Policy (sustained)"),
                            ("in_policy", "In Policy (not sustained)"),
                            ("unfounded", "Unfounded"),
                            ("insufficient_evidence", "Insufficient Evidence"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "board_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "final_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        max_length=24,
                    ),
                ),
                ("board_level_rank", models.PositiveSmallIntegerField(default=0)),
                ("final_level_rank", models.PositiveSmallIntegerField(default=0)),
                (
                    "set_by",
                    models.CharField(
                        choices=[
                            ("board", "The Board"),
                            ("appeal", "Appeal"),
                            ("grievance", "Grievance"),
                            ("civil_service_board", "Civil Service Board"),
                            ("arbitration", "Arbitration"),
                        ],
                        default="board",
                        max_length=24,
                    ),
                ),
                ("set_at", models.DateTimeField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "allegation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="intake.allegation",
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
                "verbose_name": "historical final outcome",
                "verbose_name_plural": "historical final outcomes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPostBoardProceeding",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("grievance", "Grievance (collective bargaining agreement)"),
                            ("civil_service_board", "Civil Service Board appeal"),
                            ("arbitration", "Arbitration"),
                        ],
                        max_length=24,
                    ),
                ),
                ("filed_on", models.DateField()),
                ("heard_on", models.DateField(blank=True, null=True)),
                ("decided_on", models.DateField(blank=True, null=True)),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[("upheld", "Upheld"), ("modified", "Modified"), ("overturned", "Overturned")],
                        max_length=12,
                    ),
                ),
                (
                    "resulting_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        help_text="The discipline after a modification; blank if overturned.",
                        max_length=24,
                    ),
                ),
                ("document", models.TextField(blank=True, max_length=100)),
                ("document_name", models.CharField(blank=True, max_length=200)),
                ("document_sha256", models.CharField(blank=True, max_length=64)),
                ("notes", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.disciplinedecision",
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
            ],
            options={
                "verbose_name": "historical post board proceeding",
                "verbose_name_plural": "historical post board proceedings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PostBoardProceeding",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("grievance", "Grievance (collective bargaining agreement)"),
                            ("civil_service_board", "Civil Service Board appeal"),
                            ("arbitration", "Arbitration"),
                        ],
                        max_length=24,
                    ),
                ),
                ("filed_on", models.DateField()),
                ("heard_on", models.DateField(blank=True, null=True)),
                ("decided_on", models.DateField(blank=True, null=True)),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[("upheld", "Upheld"), ("modified", "Modified"), ("overturned", "Overturned")],
                        max_length=12,
                    ),
                ),
                (
                    "resulting_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        help_text="The discipline after a modification; blank if overturned.",
                        max_length=24,
                    ),
                ),
                ("document", models.FileField(blank=True, upload_to="board-decisions/")),
                ("document_name", models.CharField(blank=True, max_length=200)),
                ("document_sha256", models.CharField(blank=True, max_length=64)),
                ("notes", models.TextField(blank=True)),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="proceedings",
                        to="discipline.disciplinedecision",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["-filed_on", "-id"],
            },
        ),
        migrations.AddIndex(
            model_name="appeal",
            index=models.Index(fields=["status", "filed_at"], name="appeal_status_filed_idx"),
        ),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("appellant", "filer"), ("complaint__isnull", False), ("employee__isnull", True)),
                    models.Q(("appellant", "officer"), ("complaint__isnull", True), ("employee__isnull", False)),
                    _connector="OR",
                ),
                name="appeal_appellant_named",
            ),
        ),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "refused"), _negated=True),
                    models.Q(("refused_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="appeal_refusal_says_why",
            ),
        ),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "heard"), _negated=True),
                    models.Q(("outcome", ""), _negated=True),
                    _connector="OR",
                ),
                name="appeal_heard_has_outcome",
            ),
        ),
        migrations.AddConstraint(
            model_name="appealvote",
            constraint=models.UniqueConstraint(fields=("appeal", "member"), name="one_appeal_vote_per_member"),
        ),
        migrations.AddIndex(
            model_name="finaloutcome",
            index=models.Index(fields=["set_by", "set_at"], name="final_outcome_set_idx"),
        ),
        migrations.AddConstraint(
            model_name="postboardproceeding",
            constraint=models.CheckConstraint(
                condition=models.Q(("outcome", ""), ("decided_on__isnull", False), _connector="OR"),
                name="proceeding_outcome_has_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="postboardproceeding",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("outcome", "modified"), _negated=True),
                    models.Q(("resulting_level", ""), _negated=True),
                    _connector="OR",
                ),
                name="proceeding_modified_has_level",
            ),
        ),
    ]
