# Issue 10 part A: rules, bylaws, policies and procedures in versions (R4.2); the bylaws' numbers
# belong to an adopted bylaws version (BylawsVersion.document_version).

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_board_roster"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GovernanceDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("bylaws", "Bylaws"),
                            ("administrative_rule", "Administrative rule"),
                            ("policy", "Policy"),
                            ("procedure", "Procedure"),
                        ],
                        max_length=24,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("slug", models.SlugField(max_length=80, unique=True, verbose_name="address")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "ordering": ["kind", "title", "pk"],
            },
        ),
        migrations.CreateModel(
            name="DocumentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                ("text", models.TextField(verbose_name="text")),
                ("change_summary", models.TextField(blank=True, verbose_name="summary of the change")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("open_for_comment", "Open for comment"),
                            ("adopted", "Adopted"),
                            ("superseded", "Superseded"),
                            ("lapsed", "Lapsed"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("is_urgent", models.BooleanField(default=False, verbose_name="urgent or temporary")),
                ("effective_on", models.DateField(blank=True, null=True, verbose_name="in effect from")),
                (
                    "comment_opened_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="community input opened"),
                ),
                ("input_closed_at", models.DateTimeField(blank=True, null=True, verbose_name="community input closed")),
                ("ended_on", models.DateField(blank=True, null=True, verbose_name="no longer in effect from")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "drafted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "replaced",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="governance.documentversion",
                        verbose_name="replaced version",
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="versions",
                        to="governance.governancedocument",
                    ),
                ),
            ],
            options={
                "ordering": ["document", "-number"],
            },
        ),
        migrations.AddField(
            model_name="bylawsversion",
            name="document_version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bylaws_numbers",
                to="governance.documentversion",
                verbose_name="adopted bylaws text",
            ),
        ),
        migrations.AddField(
            model_name="historicalbylawsversion",
            name="document_version",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="governance.documentversion",
                verbose_name="adopted bylaws text",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalDocumentDecision",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("board_adoption", "Adopted by the Board after community input"),
                            ("board_urgent", "Adopted by the Board in an urgent situation"),
                            ("board_recommendation", "Recommended by the Board to the City Administrator"),
                            ("administrator_adoption", "Adopted by the City Administrator"),
                            ("administrator_temporary", "Temporary rule of the City Administrator"),
                        ],
                        max_length=32,
                        verbose_name="decision",
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="decided on")),
                ("reference", models.CharField(blank=True, max_length=200, verbose_name="reference")),
                ("reason", models.TextField(verbose_name="reason")),
                ("recorded_at", models.DateTimeField(verbose_name="recorded at")),
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
                    "version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.documentversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical document decision",
                "verbose_name_plural": "historical document decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDocumentVersion",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                ("text", models.TextField(verbose_name="text")),
                ("change_summary", models.TextField(blank=True, verbose_name="summary of the change")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("open_for_comment", "Open for comment"),
                            ("adopted", "Adopted"),
                            ("superseded", "Superseded"),
                            ("lapsed", "Lapsed"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("is_urgent", models.BooleanField(default=False, verbose_name="urgent or temporary")),
                ("effective_on", models.DateField(blank=True, null=True, verbose_name="in effect from")),
                (
                    "comment_opened_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="community input opened"),
                ),
                ("input_closed_at", models.DateTimeField(blank=True, null=True, verbose_name="community input closed")),
                ("ended_on", models.DateField(blank=True, null=True, verbose_name="no longer in effect from")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="created at")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.governancedocument",
                    ),
                ),
                (
                    "drafted_by",
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
                    "replaced",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.documentversion",
                        verbose_name="replaced version",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical document version",
                "verbose_name_plural": "historical document versions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalGovernanceDocument",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("bylaws", "Bylaws"),
                            ("administrative_rule", "Administrative rule"),
                            ("policy", "Policy"),
                            ("procedure", "Procedure"),
                        ],
                        max_length=24,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("slug", models.SlugField(max_length=80, verbose_name="address")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="created at")),
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
                "verbose_name": "historical governance document",
                "verbose_name_plural": "historical governance documents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="DocumentDecision",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("board_adoption", "Adopted by the Board after community input"),
                            ("board_urgent", "Adopted by the Board in an urgent situation"),
                            ("board_recommendation", "Recommended by the Board to the City Administrator"),
                            ("administrator_adoption", "Adopted by the City Administrator"),
                            ("administrator_temporary", "Temporary rule of the City Administrator"),
                        ],
                        max_length=32,
                        verbose_name="decision",
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="decided on")),
                ("reference", models.CharField(blank=True, max_length=200, verbose_name="reference")),
                ("reason", models.TextField(verbose_name="reason")),
                ("recorded_at", models.DateTimeField(verbose_name="recorded at")),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="governance.documentversion",
                    ),
                ),
            ],
            options={
                "ordering": ["decided_on", "recorded_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("version", "kind"), name="documentdecision_once_per_kind"),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("kind__in", ["board_adoption", "board_urgent", "board_recommendation"]), _negated=True
                            ),
                            models.Q(("vote_on__isnull", False), ("votes_yes__isnull", False)),
                            _connector="OR",
                        ),
                        name="documentdecision_board_has_vote",
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.UniqueConstraint(fields=("document", "number"), name="documentversion_number_unique"),
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "adopted")), fields=("document",), name="documentversion_one_in_force"
            ),
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open_for_comment")),
                fields=("document",),
                name="documentversion_one_open",
            ),
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "draft")), fields=("document",), name="documentversion_one_draft"
            ),
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "adopted"), _negated=True), ("effective_on__isnull", False), _connector="OR"
                ),
                name="documentversion_adopted_has_date",
            ),
        ),
    ]
