# Issue 10 part E: civil suits and public Board meetings, kept in step with their models by that part.

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("governance", "0006_recommendations"),
        ("roster", "0002_interviews"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BoardMeeting",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("regular", "Regular meeting"),
                            ("special", "Special meeting"),
                            ("emergency", "Emergency meeting"),
                            ("annual_report_presentation", "Annual report presentation"),
                        ],
                        default="regular",
                        max_length=32,
                        verbose_name="kind",
                    ),
                ),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                ("place", models.CharField(blank=True, max_length=300, verbose_name="place")),
                ("online_link", models.URLField(blank=True, verbose_name="remote link")),
                ("emergency_reason", models.TextField(blank=True, verbose_name="why it is an emergency")),
                (
                    "notice_published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="notice published at"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("scheduled", "Scheduled"), ("held", "Held"), ("cancelled", "Cancelled")],
                        default="scheduled",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("status_reason", models.CharField(blank=True, max_length=300, verbose_name="why")),
                ("minutes", models.TextField(blank=True, verbose_name="minutes")),
                (
                    "minutes_status",
                    models.CharField(
                        choices=[
                            ("none", "No minutes yet"),
                            ("draft", "Draft minutes"),
                            ("approved", "Approved minutes"),
                        ],
                        default="none",
                        max_length=12,
                        verbose_name="minutes",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "minutes_approved_at",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="minutes_approved",
                        to="governance.boardmeeting",
                        verbose_name="minutes approved at",
                    ),
                ),
            ],
            options={
                "ordering": ["-starts_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="AgendaItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("link", models.CharField(blank=True, max_length=500, verbose_name="linked item")),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agenda_items",
                        to="governance.boardmeeting",
                    ),
                ),
            ],
            options={
                "ordering": ["meeting", "position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="CivilSuit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "caption",
                    models.CharField(
                        help_text="For example: Doe v. City of Portland.", max_length=300, verbose_name="caption"
                    ),
                ),
                ("court", models.CharField(max_length=200, verbose_name="court")),
                ("court_case_number", models.CharField(max_length=80, verbose_name="court case number")),
                ("filed_on", models.DateField(verbose_name="filed on")),
                (
                    "nature",
                    models.CharField(
                        choices=[
                            ("excessive_force", "Excessive force"),
                            ("false_arrest", "False arrest"),
                            ("wrongful_death", "Wrongful death"),
                            ("discrimination", "Discrimination"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="nature",
                    ),
                ),
                ("city_is_defendant", models.BooleanField(default=False, verbose_name="the City is a defendant")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("settled", "Settled"),
                            ("judgment", "Judgment"),
                            ("dismissed", "Dismissed"),
                        ],
                        default="pending",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("resolved_on", models.DateField(blank=True, null=True, verbose_name="resolved on")),
                (
                    "settlement_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="settlement amount (USD)",
                    ),
                ),
                (
                    "judgment_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="judgment amount (USD)",
                    ),
                ),
                (
                    "legal_fees",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="legal fees paid by the City (USD)",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "officers",
                    models.ManyToManyField(
                        blank=True, related_name="civil_suits", to="roster.employee", verbose_name="officers named"
                    ),
                ),
            ],
            options={
                "ordering": ["-filed_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAgendaItem",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("link", models.CharField(blank=True, max_length=500, verbose_name="linked item")),
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
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.boardmeeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical agenda item",
                "verbose_name_plural": "historical agenda items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalBoardMeeting",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("regular", "Regular meeting"),
                            ("special", "Special meeting"),
                            ("emergency", "Emergency meeting"),
                            ("annual_report_presentation", "Annual report presentation"),
                        ],
                        default="regular",
                        max_length=32,
                        verbose_name="kind",
                    ),
                ),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                ("place", models.CharField(blank=True, max_length=300, verbose_name="place")),
                ("online_link", models.URLField(blank=True, verbose_name="remote link")),
                ("emergency_reason", models.TextField(blank=True, verbose_name="why it is an emergency")),
                (
                    "notice_published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="notice published at"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("scheduled", "Scheduled"), ("held", "Held"), ("cancelled", "Cancelled")],
                        default="scheduled",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("status_reason", models.CharField(blank=True, max_length=300, verbose_name="why")),
                ("minutes", models.TextField(blank=True, verbose_name="minutes")),
                (
                    "minutes_status",
                    models.CharField(
                        choices=[
                            ("none", "No minutes yet"),
                            ("draft", "Draft minutes"),
                            ("approved", "Approved minutes"),
                        ],
                        default="none",
                        max_length=12,
                        verbose_name="minutes",
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
                (
                    "minutes_approved_at",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.boardmeeting",
                        verbose_name="minutes approved at",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical board meeting",
                "verbose_name_plural": "historical board meetings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCivilSuit",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "caption",
                    models.CharField(
                        help_text="For example: Doe v. City of Portland.", max_length=300, verbose_name="caption"
                    ),
                ),
                ("court", models.CharField(max_length=200, verbose_name="court")),
                ("court_case_number", models.CharField(max_length=80, verbose_name="court case number")),
                ("filed_on", models.DateField(verbose_name="filed on")),
                (
                    "nature",
                    models.CharField(
                        choices=[
                            ("excessive_force", "Excessive force"),
                            ("false_arrest", "False arrest"),
                            ("wrongful_death", "Wrongful death"),
                            ("discrimination", "Discrimination"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="nature",
                    ),
                ),
                ("city_is_defendant", models.BooleanField(default=False, verbose_name="the City is a defendant")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("settled", "Settled"),
                            ("judgment", "Judgment"),
                            ("dismissed", "Dismissed"),
                        ],
                        default="pending",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("resolved_on", models.DateField(blank=True, null=True, verbose_name="resolved on")),
                (
                    "settlement_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="settlement amount (USD)",
                    ),
                ),
                (
                    "judgment_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="judgment amount (USD)",
                    ),
                ),
                (
                    "legal_fees",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="legal fees paid by the City (USD)",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
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
                "verbose_name": "historical civil suit",
                "verbose_name_plural": "historical civil suits",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCivilSuit_officers",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "civilsuit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="governance.civilsuit",
                    ),
                ),
                (
                    "employee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="roster.employee",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="governance.historicalcivilsuit",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalCivilSuit_officers",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddIndex(
            model_name="boardmeeting",
            index=models.Index(fields=["starts_at"], name="boardmeeting_starts_idx"),
        ),
        migrations.AddConstraint(
            model_name="boardmeeting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("place", ""), _negated=True),
                    models.Q(("online_link", ""), _negated=True),
                    _connector="OR",
                ),
                name="boardmeeting_place_or_link",
            ),
        ),
        migrations.AddConstraint(
            model_name="boardmeeting",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gt", models.F("starts_at"))), name="boardmeeting_ends_after"
            ),
        ),
        migrations.AddConstraint(
            model_name="boardmeeting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "emergency"), _negated=True),
                    models.Q(("emergency_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="boardmeeting_emergency_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="boardmeeting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("minutes_approved_at__isnull", False), ("minutes_status", "approved")),
                    models.Q(
                        models.Q(("minutes_status", "approved"), _negated=True), ("minutes_approved_at__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="boardmeeting_approved_minutes_name_meeting",
            ),
        ),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=models.UniqueConstraint(fields=("meeting", "position"), name="agendaitem_one_per_position"),
        ),
        migrations.AddIndex(
            model_name="civilsuit",
            index=models.Index(fields=["filed_on"], name="civilsuit_filed_idx"),
        ),
        migrations.AddConstraint(
            model_name="civilsuit",
            constraint=models.UniqueConstraint(
                fields=("court", "court_case_number"), name="civilsuit_one_per_court_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="civilsuit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("resolved_on__isnull", True), ("status", "pending")),
                    models.Q(models.Q(("status", "pending"), _negated=True), ("resolved_on__isnull", False)),
                    _connector="OR",
                ),
                name="civilsuit_resolved_has_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="civilsuit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("resolved_on__isnull", True), ("resolved_on__gte", models.F("filed_on")), _connector="OR"
                ),
                name="civilsuit_resolved_after_filed",
            ),
        ),
        migrations.AddConstraint(
            model_name="civilsuit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("settlement_amount__isnull", True), ("settlement_amount__gte", Decimal("0")), _connector="OR"
                    ),
                    models.Q(
                        ("judgment_amount__isnull", True), ("judgment_amount__gte", Decimal("0")), _connector="OR"
                    ),
                    models.Q(("legal_fees__isnull", True), ("legal_fees__gte", Decimal("0")), _connector="OR"),
                ),
                name="civilsuit_money_not_negative",
            ),
        ),
    ]
