"""Issue 9.3 and 9.4 (R3.2, R3.3): the bylaws numbers a panel freezes beyond threshold and quorum, one open
panel per kind per case, seats (with recusals and who replaced whom) and Board members' conflict declarations.
Panels convened before seats existed are given one seat per member, seated when the panel was convened."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

SEAT_STATUS = [("seated", "Seated"), ("recused", "Recused"), ("absent", "Absent")]
CONFLICT_KIND = [
    ("immediate_family", "Immediate Family Member"),
    ("personal_relationship", "Personal relationship"),
    ("business_relationship", "Business relationship"),
    ("prior_involvement", "Prior involvement in the case"),
]
HISTORY_FIELDS = [
    ("history_id", models.AutoField(primary_key=True, serialize=False)),
    ("history_date", models.DateTimeField(db_index=True)),
    ("history_change_reason", models.CharField(max_length=100, null=True)),
    ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
]


def _history_options(name):
    return {
        "verbose_name": f"historical {name}",
        "verbose_name_plural": f"historical {name}s",
        "ordering": ("-history_date", "-history_id"),
        "get_latest_by": ("history_date", "history_id"),
    }


def _hist_fk(to):
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to=to,
    )


def _history_user():
    return models.ForeignKey(
        null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
    )


def seat_existing_members(apps, schema_editor):
    Panel = apps.get_model("discipline", "Panel")
    PanelSeat = apps.get_model("discipline", "PanelSeat")
    through = Panel.members.through
    seats = [
        PanelSeat(panel_id=row.panel_id, member_id=row.user_id, seated_at=row.panel.convened_at)
        for row in through.objects.select_related("panel").iterator()
    ]
    PanelSeat.objects.bulk_create(seats, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0003_list_indexes"),
        ("governance", "0002_board_roster"),
        ("intake", "0009_board_statuses"),
        ("roster", "0002_interviews"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField("panel", "size", models.PositiveSmallIntegerField(default=3)),
        migrations.AddField("panel", "tie_rule", models.CharField(default="return_to_ocpa", max_length=32)),
        migrations.AddField("panel", "appeal_window_days", models.PositiveSmallIntegerField(default=30)),
        migrations.AddField("panel", "notice_days", models.PositiveSmallIntegerField(default=7)),
        migrations.AddField("panel", "bylaws_version_label", models.CharField(blank=True, max_length=80)),
        migrations.AddField("panel", "bylaws_adopted_on", models.DateField(blank=True, null=True)),
        migrations.AddConstraint(
            model_name="panel",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open")), fields=("case", "kind"), name="one_open_panel_per_kind"
            ),
        ),
        migrations.CreateModel(
            name="PanelSeat",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("is_alternate", models.BooleanField(default=False)),
                ("status", models.CharField(choices=SEAT_STATUS, default="seated", max_length=8)),
                ("seated_at", models.DateTimeField()),
                ("recused_at", models.DateTimeField(blank=True, null=True)),
                ("reason", models.TextField(blank=True)),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="panel_seats",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "panel",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="seats", to="discipline.panel"
                    ),
                ),
                (
                    "replaces",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="replaced_by",
                        to="discipline.panelseat",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["member", "-seated_at"], name="seat_rotation_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("panel", "member"), name="one_seat_per_member"),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("recused_at__isnull", True), ("status", "seated")),
                            models.Q(models.Q(("status", "seated"), _negated=True), ("recused_at__isnull", False)),
                            _connector="OR",
                        ),
                        name="seat_recused_at_iff_not_seated",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPanelSeat",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("is_alternate", models.BooleanField(default=False)),
                ("status", models.CharField(choices=SEAT_STATUS, default="seated", max_length=8)),
                ("seated_at", models.DateTimeField()),
                ("recused_at", models.DateTimeField(blank=True, null=True)),
                ("reason", models.TextField(blank=True)),
                *HISTORY_FIELDS,
                ("history_user", _history_user()),
                ("member", _hist_fk(settings.AUTH_USER_MODEL)),
                ("panel", _hist_fk("discipline.panel")),
                ("replaces", _hist_fk("discipline.panelseat")),
            ],
            options=_history_options("panel seat"),
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ConflictDeclaration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=CONFLICT_KIND, max_length=24)),
                ("description", models.TextField(blank=True)),
                ("declared_at", models.DateTimeField()),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="conflict_declarations",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "employee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="board_conflicts",
                        to="roster.employee",
                    ),
                ),
                (
                    "complaint",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="board_conflicts",
                        to="intake.complaint",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="board_conflicts",
                        to="intake.case",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["member", "withdrawn_at"], name="conflict_member_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("case__isnull", True), ("complaint__isnull", True), ("employee__isnull", False)),
                            models.Q(("case__isnull", True), ("complaint__isnull", False), ("employee__isnull", True)),
                            models.Q(("case__isnull", False), ("complaint__isnull", True), ("employee__isnull", True)),
                            _connector="OR",
                        ),
                        name="conflict_names_exactly_one",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalConflictDeclaration",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("kind", models.CharField(choices=CONFLICT_KIND, max_length=24)),
                ("description", models.TextField(blank=True)),
                ("declared_at", models.DateTimeField()),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                *HISTORY_FIELDS,
                ("history_user", _history_user()),
                ("member", _hist_fk(settings.AUTH_USER_MODEL)),
                ("employee", _hist_fk("roster.employee")),
                ("complaint", _hist_fk("intake.complaint")),
                ("case", _hist_fk("intake.case")),
            ],
            options=_history_options("conflict declaration"),
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(seat_existing_members, migrations.RunPython.noop),
    ]
