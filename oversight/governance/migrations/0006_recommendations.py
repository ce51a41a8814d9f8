# Issue 10 part C: its models' operations, kept in step with them by that part.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0005_sentinel_reviews"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalPolicyRecommendation",
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
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("text", models.TextField(verbose_name="recommendation")),
                ("rationale", models.TextField(verbose_name="rationale")),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("board", "The full Board"),
                            ("subcommittee", "A sub-committee"),
                            ("sentinel_review", "A sentinel event review"),
                        ],
                        max_length=16,
                        verbose_name="drafted by",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("adopted", "Adopted by the Board"),
                            ("sent_to_ppb", "Sent to PPB, awaiting its answer"),
                            ("answered", "Answered by PPB"),
                            ("council_requested", "Before City Council"),
                            ("council_decided", "Decided by City Council"),
                            ("implemented", "Implemented"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("drafted_at", models.DateTimeField(verbose_name="drafted at")),
                ("adopted_at", models.DateTimeField(blank=True, null=True, verbose_name="adoption recorded at")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent to PPB at")),
                (
                    "response_days",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="days PPB has to answer"),
                ),
                (
                    "answer",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                            ("modified", "Accepted with modifications"),
                        ],
                        max_length=16,
                        verbose_name="PPB's answer",
                    ),
                ),
                ("answer_explanation", models.TextField(blank=True, verbose_name="PPB's explanation")),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="answered at")),
                (
                    "council_request_vote_on",
                    models.DateField(blank=True, null=True, verbose_name="date of the Board's vote to ask Council"),
                ),
                (
                    "council_request_votes_yes",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="votes for"),
                ),
                (
                    "council_request_votes_no",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="votes against"),
                ),
                (
                    "council_request_votes_abstain",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="abstentions"),
                ),
                (
                    "council_request_seated_members",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="members serving"),
                ),
                ("council_requested_at", models.DateTimeField(blank=True, null=True, verbose_name="Council asked at")),
                (
                    "council_outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("binds_ppb", "Council sided with the Board: the recommendation binds PPB"),
                            ("sides_with_ppb", "Council did not side with the Board: PPB's rejection stands"),
                        ],
                        max_length=16,
                        verbose_name="Council's decision",
                    ),
                ),
                ("council_vote_on", models.DateField(blank=True, null=True, verbose_name="date of Council's vote")),
                ("council_reference", models.CharField(blank=True, max_length=200, verbose_name="Council reference")),
                (
                    "council_decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="Council's vote recorded at"),
                ),
                (
                    "implementation",
                    models.CharField(
                        choices=[
                            ("none", "No update yet"),
                            ("planned", "Planned"),
                            ("in_progress", "In progress"),
                            ("done", "Done"),
                        ],
                        default="none",
                        max_length=16,
                        verbose_name="implementation",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "answered_by",
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
                    "sentinel_review",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.sentinelreview",
                        verbose_name="sentinel event review",
                    ),
                ),
                (
                    "subcommittee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.subcommittee",
                        verbose_name="sub-committee",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical policy recommendation",
                "verbose_name_plural": "historical policy recommendations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PolicyRecommendation",
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
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("text", models.TextField(verbose_name="recommendation")),
                ("rationale", models.TextField(verbose_name="rationale")),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("board", "The full Board"),
                            ("subcommittee", "A sub-committee"),
                            ("sentinel_review", "A sentinel event review"),
                        ],
                        max_length=16,
                        verbose_name="drafted by",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("adopted", "Adopted by the Board"),
                            ("sent_to_ppb", "Sent to PPB, awaiting its answer"),
                            ("answered", "Answered by PPB"),
                            ("council_requested", "Before City Council"),
                            ("council_decided", "Decided by City Council"),
                            ("implemented", "Implemented"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("drafted_at", models.DateTimeField(verbose_name="drafted at")),
                ("adopted_at", models.DateTimeField(blank=True, null=True, verbose_name="adoption recorded at")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent to PPB at")),
                (
                    "response_days",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="days PPB has to answer"),
                ),
                (
                    "answer",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                            ("modified", "Accepted with modifications"),
                        ],
                        max_length=16,
                        verbose_name="PPB's answer",
                    ),
                ),
                ("answer_explanation", models.TextField(blank=True, verbose_name="PPB's explanation")),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="answered at")),
                (
                    "council_request_vote_on",
                    models.DateField(blank=True, null=True, verbose_name="date of the Board's vote to ask Council"),
                ),
                (
                    "council_request_votes_yes",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="votes for"),
                ),
                (
                    "council_request_votes_no",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="votes against"),
                ),
                (
                    "council_request_votes_abstain",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="abstentions"),
                ),
                (
                    "council_request_seated_members",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="members serving"),
                ),
                ("council_requested_at", models.DateTimeField(blank=True, null=True, verbose_name="Council asked at")),
                (
                    "council_outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("binds_ppb", "Council sided with the Board: the recommendation binds PPB"),
                            ("sides_with_ppb", "Council did not side with the Board: PPB's rejection stands"),
                        ],
                        max_length=16,
                        verbose_name="Council's decision",
                    ),
                ),
                ("council_vote_on", models.DateField(blank=True, null=True, verbose_name="date of Council's vote")),
                ("council_reference", models.CharField(blank=True, max_length=200, verbose_name="Council reference")),
                (
                    "council_decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="Council's vote recorded at"),
                ),
                (
                    "implementation",
                    models.CharField(
                        choices=[
                            ("none", "No update yet"),
                            ("planned", "Planned"),
                            ("in_progress", "In progress"),
                            ("done", "Done"),
                        ],
                        default="none",
                        max_length=16,
                        verbose_name="implementation",
                    ),
                ),
                (
                    "answered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "drafted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "sentinel_review",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="recommendations",
                        to="governance.sentinelreview",
                        verbose_name="sentinel event review",
                    ),
                ),
                (
                    "subcommittee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="recommendations",
                        to="governance.subcommittee",
                        verbose_name="sub-committee",
                    ),
                ),
            ],
            options={
                "ordering": ["-drafted_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalRecommendationUpdate",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "stage",
                    models.CharField(
                        choices=[("planned", "Planned"), ("in_progress", "In progress"), ("done", "Done")],
                        max_length=16,
                        verbose_name="stage",
                    ),
                ),
                ("note", models.TextField(verbose_name="note")),
                ("update_on", models.DateField(verbose_name="date")),
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
                    "recommendation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.policyrecommendation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical recommendation update",
                "verbose_name_plural": "historical recommendation updates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="RecommendationUpdate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "stage",
                    models.CharField(
                        choices=[("planned", "Planned"), ("in_progress", "In progress"), ("done", "Done")],
                        max_length=16,
                        verbose_name="stage",
                    ),
                ),
                ("note", models.TextField(verbose_name="note")),
                ("update_on", models.DateField(verbose_name="date")),
                ("recorded_at", models.DateTimeField(verbose_name="recorded at")),
                (
                    "recommendation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="updates",
                        to="governance.policyrecommendation",
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
                "ordering": ["update_on", "recorded_at", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="policyrecommendation",
            index=models.Index(fields=["status", "vote_on"], name="recommendation_status_vote"),
        ),
        migrations.AddConstraint(
            model_name="policyrecommendation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("origin", "subcommittee"), _negated=True),
                    ("subcommittee__isnull", False),
                    _connector="OR",
                ),
                name="recommendation_subcommittee_origin_names_it",
            ),
        ),
        migrations.AddConstraint(
            model_name="policyrecommendation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("origin", "sentinel_review"), _negated=True),
                    ("sentinel_review__isnull", False),
                    _connector="OR",
                ),
                name="recommendation_sentinel_origin_names_it",
            ),
        ),
        migrations.AddConstraint(
            model_name="policyrecommendation",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "draft"), ("vote_on__isnull", False), _connector="OR"),
                name="recommendation_adopted_has_vote",
            ),
        ),
        migrations.AddConstraint(
            model_name="policyrecommendation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["draft", "adopted", "sent_to_ppb"]),
                    models.Q(("answer", ""), _negated=True),
                    _connector="OR",
                ),
                name="recommendation_answered_has_answer",
            ),
        ),
    ]
