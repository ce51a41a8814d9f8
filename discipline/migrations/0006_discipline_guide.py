# Part D of issue 9: the statewide discipline guide, discipline proposals adopted by vote, and Loudermill
# (R3.5, R3.6), with a starter guide for the administrator to confirm against the adopted OAR text.
import datetime

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

STARTER_NOTE = (
    "Starter guide seeded by the software, not the adopted rule. An administrator must confirm every level, "
    "category, bound and factor against the Oregon Administrative Rules chapter 265 text in force from "
    "July 1, 2025 (and tick 'confirmed') before panels rely on it."
)
# (rank, name, action, is_corrective)
LEVELS = [
    (1, "Command counseling", "command_counseling", True),
    (2, "Corrective training", "corrective_training", True),
    (3, "Letter of reprimand", "letter_of_reprimand", False),
    (4, "Suspension without pay, step 1 (shortest)", "suspension", False),
    (5, "Suspension without pay, step 2", "suspension", False),
    (6, "Suspension without pay, step 3 (longest)", "suspension", False),
    (7, "Demotion", "demotion", False),
    (8, "Termination", "termination", False),
]
# (name, mitigated, presumptive, aggravated) by rank; names are placeholders for the guide's categories.
CATEGORIES = [
    ("Category A (least serious; starter, to confirm)", 1, 1, 3),
    ("Category B (starter, to confirm)", 2, 3, 4),
    ("Category C (starter, to confirm)", 3, 5, 6),
    ("Category D (starter, to confirm)", 5, 7, 8),
    ("Category E (most serious; starter, to confirm)", 7, 8, 8),
]
FACTORS = {
    "aggravating": [
        "Prior sustained misconduct of a similar kind",
        "Harm caused to a member of the public",
        "Misconduct was deliberate",
        "Dishonesty about the misconduct",
        "Supervisory rank or position of trust",
    ],
    "mitigating": [
        "No prior sustained misconduct",
        "Acceptance of responsibility",
        "Misconduct was unintentional",
        "Policy or training was unclear",
        "Record of exemplary service",
    ],
}
REASON = "Starter discipline guide seeded (to confirm against OAR chapter 265)"


def _saved(model, history, **fields):
    row = model.objects.create(**fields)
    values = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
    history.objects.create(
        **values,
        history_date=datetime.datetime.now(datetime.UTC),
        history_type="+",
        history_change_reason=REASON,
    )
    return row


def seed_starter_guide(apps, schema_editor):
    m = {
        name: apps.get_model("discipline", name)
        for name in ("DisciplineGuide", "SanctionLevel", "MisconductCategory", "GuideFactor")
    }
    h = {name: apps.get_model("discipline", f"Historical{name}") for name in m}
    # Every decision recorded before this change was typed by one member and closed the case: final.
    apps.get_model("discipline", "DisciplineDecision").objects.update(status="final")
    if m["DisciplineGuide"].objects.exists():
        return
    guide = _saved(
        m["DisciplineGuide"],
        h["DisciplineGuide"],
        title="Statewide discipline guide (starter, to confirm)",
        effective_on=datetime.date(2025, 7, 1),
        notes=STARTER_NOTE,
    )
    levels = {}
    for rank, name, action, corrective in LEVELS:
        levels[rank] = _saved(
            m["SanctionLevel"],
            h["SanctionLevel"],
            guide=guide,
            rank=rank,
            name=name,
            action=action,
            is_corrective=corrective,
        )
    for name, low, presumptive, high in CATEGORIES:
        _saved(
            m["MisconductCategory"],
            h["MisconductCategory"],
            guide=guide,
            name=name,
            description="",
            mitigated=levels[low],
            presumptive=levels[presumptive],
            aggravated=levels[high],
        )
    for kind, names in FACTORS.items():
        for name in names:
            _saved(m["GuideFactor"], h["GuideFactor"], guide=guide, kind=kind, name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0005_hearings"),
        ("intake", "0009_board_statuses"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="disciplinedecision",
            name="final_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="disciplinedecision",
            name="is_corrective",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="disciplinedecision",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposed (awaiting Loudermill)"),
                    ("final", "Final"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="proposed",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="historicaldisciplinedecision",
            name="final_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicaldisciplinedecision",
            name="is_corrective",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="historicaldisciplinedecision",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposed (awaiting Loudermill)"),
                    ("final", "Final"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="proposed",
                max_length=12,
            ),
        ),
        migrations.CreateModel(
            name="DisciplineGuide",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("effective_on", models.DateField(verbose_name="effective on")),
                (
                    "is_confirmed",
                    models.BooleanField(
                        default=False,
                        help_text="Tick once an administrator has checked every level, category and bound against the OAR text.",  # noqa: E501
                        verbose_name="confirmed against the adopted rule text",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
            ],
            options={
                "ordering": ["-effective_on", "-pk"],
                "constraints": [models.UniqueConstraint(fields=("effective_on",), name="one_guide_per_effective_date")],
            },
        ),
        migrations.CreateModel(
            name="DisciplineProposal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("is_corrective", models.BooleanField(default=False)),
                (
                    "just_cause",
                    models.TextField(
                        help_text="Just Cause (35A.020 K): how the cause relates to the officer's ability to perform required work."  # noqa: E501
                    ),
                ),
                (
                    "reasoning",
                    models.TextField(blank=True, help_text="Required when the level is not the presumptive one."),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open for votes"), ("adopted", "Adopted"), ("rejected", "Not adopted")],
                        default="open",
                        max_length=12,
                    ),
                ),
                ("proposed_at", models.DateTimeField()),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "allegation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="discipline_proposals",
                        to="intake.allegation",
                    ),
                ),
                (
                    "panel",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="discipline_proposals",
                        to="discipline.panel",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["-proposed_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="disciplinedecision",
            name="proposal",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decision",
                to="discipline.disciplineproposal",
            ),
        ),
        migrations.AddField(
            model_name="historicaldisciplinedecision",
            name="proposal",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="discipline.disciplineproposal",
            ),
        ),
        migrations.CreateModel(
            name="GuideFactor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("aggravating", "Aggravating"), ("mitigating", "Mitigating")],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "guide",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="factors",
                        to="discipline.disciplineguide",
                    ),
                ),
            ],
            options={
                "ordering": ["guide", "kind", "name"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalDisciplineGuide",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("effective_on", models.DateField(verbose_name="effective on")),
                (
                    "is_confirmed",
                    models.BooleanField(
                        default=False,
                        help_text="Tick once an administrator has checked every level, category and bound against the OAR text.",  # noqa: E501
                        verbose_name="confirmed against the adopted rule text",
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
                "verbose_name": "historical discipline guide",
                "verbose_name_plural": "historical discipline guides",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalGuideFactor",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("aggravating", "Aggravating"), ("mitigating", "Mitigating")],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "guide",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.disciplineguide",
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
                "verbose_name": "historical guide factor",
                "verbose_name_plural": "historical guide factors",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProposalFactor",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "weight",
                    models.CharField(
                        choices=[("minor", "Minor"), ("moderate", "Moderate"), ("significant", "Significant")],
                        max_length=12,
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
                    "factor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.guidefactor",
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
                    "proposal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.disciplineproposal",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical proposal factor",
                "verbose_name_plural": "historical proposal factors",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProposalVote",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "choice",
                    models.CharField(
                        choices=[("approve", "Approve"), ("reject", "Reject"), ("abstain", "Abstain")], max_length=8
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
                (
                    "proposal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.disciplineproposal",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical proposal vote",
                "verbose_name_plural": "historical proposal votes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSanctionLevel",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("rank", models.PositiveSmallIntegerField(help_text="1 is the least severe.", verbose_name="rank")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        help_text="The kind of action the level is, for reports.",
                        max_length=24,
                        verbose_name="kind of action",
                    ),
                ),
                (
                    "is_corrective",
                    models.BooleanField(
                        default=False,
                        help_text="Corrective action is not discipline and needs no Loudermill hearing.",
                        verbose_name="corrective action (not discipline)",
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
                    "guide",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.disciplineguide",
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
                "verbose_name": "historical sanction level",
                "verbose_name_plural": "historical sanction levels",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MisconductCategory",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=160, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "guide",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="categories",
                        to="discipline.disciplineguide",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "misconduct categories",
                "ordering": ["guide", "name"],
            },
        ),
        migrations.AddField(
            model_name="disciplineproposal",
            name="category",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="discipline.misconductcategory"
            ),
        ),
        migrations.AddField(
            model_name="disciplinedecision",
            name="category",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="discipline.misconductcategory",
            ),
        ),
        migrations.AddField(
            model_name="historicaldisciplinedecision",
            name="category",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="discipline.misconductcategory",
            ),
        ),
        migrations.CreateModel(
            name="ProposalFactor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "weight",
                    models.CharField(
                        choices=[("minor", "Minor"), ("moderate", "Moderate"), ("significant", "Significant")],
                        max_length=12,
                    ),
                ),
                (
                    "factor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="discipline.guidefactor"
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="factors",
                        to="discipline.disciplineproposal",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="ProposalVote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "choice",
                    models.CharField(
                        choices=[("approve", "Approve"), ("reject", "Reject"), ("abstain", "Abstain")], max_length=8
                    ),
                ),
                ("cast_at", models.DateTimeField()),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="votes",
                        to="discipline.disciplineproposal",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="SanctionLevel",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("rank", models.PositiveSmallIntegerField(help_text="1 is the least severe.", verbose_name="rank")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("command_counseling", "Command counseling"),
                            ("corrective_training", "Corrective action or training"),
                            ("letter_of_reprimand", "Letter of reprimand"),
                            ("suspension", "Suspension without pay"),
                            ("demotion", "Demotion"),
                            ("termination", "Termination"),
                        ],
                        help_text="The kind of action the level is, for reports.",
                        max_length=24,
                        verbose_name="kind of action",
                    ),
                ),
                (
                    "is_corrective",
                    models.BooleanField(
                        default=False,
                        help_text="Corrective action is not discipline and needs no Loudermill hearing.",
                        verbose_name="corrective action (not discipline)",
                    ),
                ),
                (
                    "guide",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="levels",
                        to="discipline.disciplineguide",
                    ),
                ),
            ],
            options={
                "ordering": ["guide", "rank"],
            },
        ),
        migrations.AddField(
            model_name="misconductcategory",
            name="aggravated",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="discipline.sanctionlevel",
                verbose_name="aggravated bound (most severe)",
            ),
        ),
        migrations.AddField(
            model_name="misconductcategory",
            name="mitigated",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="discipline.sanctionlevel",
                verbose_name="mitigated bound (least severe)",
            ),
        ),
        migrations.AddField(
            model_name="misconductcategory",
            name="presumptive",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="discipline.sanctionlevel",
                verbose_name="presumptive sanction",
            ),
        ),
        migrations.CreateModel(
            name="Loudermill",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "representative_name",
                    models.CharField(blank=True, max_length=200, verbose_name="union representative"),
                ),
                (
                    "representative_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="union representative's e-mail"),
                ),
                ("notice_sent_at", models.DateTimeField()),
                ("hearing_at", models.DateTimeField(verbose_name="hearing date and time")),
                ("response", models.TextField(blank=True, verbose_name="the officer's response")),
                (
                    "response_document",
                    models.FileField(blank=True, upload_to="loudermill/%Y/%m/", verbose_name="response document"),
                ),
                ("responded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("imposed", "Imposed as proposed"),
                            ("modified", "Modified"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        max_length=12,
                        verbose_name="outcome",
                    ),
                ),
                ("outcome_reasoning", models.TextField(blank=True, verbose_name="reasoning")),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decision",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="loudermill",
                        to="discipline.disciplinedecision",
                    ),
                ),
                (
                    "outcome_level",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="discipline.sanctionlevel",
                        verbose_name="new level",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="HistoricalMisconductCategory",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("name", models.CharField(max_length=160, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "guide",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.disciplineguide",
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
                    "aggravated",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.sanctionlevel",
                        verbose_name="aggravated bound (most severe)",
                    ),
                ),
                (
                    "mitigated",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.sanctionlevel",
                        verbose_name="mitigated bound (least severe)",
                    ),
                ),
                (
                    "presumptive",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.sanctionlevel",
                        verbose_name="presumptive sanction",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical misconduct category",
                "verbose_name_plural": "historical misconduct categories",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalLoudermill",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "representative_name",
                    models.CharField(blank=True, max_length=200, verbose_name="union representative"),
                ),
                (
                    "representative_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="union representative's e-mail"),
                ),
                ("notice_sent_at", models.DateTimeField()),
                ("hearing_at", models.DateTimeField(verbose_name="hearing date and time")),
                ("response", models.TextField(blank=True, verbose_name="the officer's response")),
                ("response_document", models.TextField(blank=True, max_length=100, verbose_name="response document")),
                ("responded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("imposed", "Imposed as proposed"),
                            ("modified", "Modified"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        max_length=12,
                        verbose_name="outcome",
                    ),
                ),
                ("outcome_reasoning", models.TextField(blank=True, verbose_name="reasoning")),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
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
                    "decided_by",
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
                    "outcome_level",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.sanctionlevel",
                        verbose_name="new level",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical loudermill",
                "verbose_name_plural": "historical loudermills",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDisciplineProposal",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("is_corrective", models.BooleanField(default=False)),
                (
                    "just_cause",
                    models.TextField(
                        help_text="Just Cause (35A.020 K): how the cause relates to the officer's ability to perform required work."  # noqa: E501
                    ),
                ),
                (
                    "reasoning",
                    models.TextField(blank=True, help_text="Required when the level is not the presumptive one."),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open for votes"), ("adopted", "Adopted"), ("rejected", "Not adopted")],
                        default="open",
                        max_length=12,
                    ),
                ),
                ("proposed_at", models.DateTimeField()),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
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
                    "proposed_by",
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
                    "category",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.misconductcategory",
                    ),
                ),
                (
                    "level",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="discipline.sanctionlevel",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical discipline proposal",
                "verbose_name_plural": "historical discipline proposals",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="disciplineproposal",
            name="level",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="discipline.sanctionlevel"
            ),
        ),
        migrations.AddField(
            model_name="disciplinedecision",
            name="final_level",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="discipline.sanctionlevel",
            ),
        ),
        migrations.AddField(
            model_name="disciplinedecision",
            name="level",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="discipline.sanctionlevel",
            ),
        ),
        migrations.AddField(
            model_name="historicaldisciplinedecision",
            name="final_level",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="discipline.sanctionlevel",
            ),
        ),
        migrations.AddField(
            model_name="historicaldisciplinedecision",
            name="level",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="discipline.sanctionlevel",
            ),
        ),
        migrations.AddIndex(
            model_name="disciplinedecision",
            index=models.Index(
                condition=models.Q(("status", "proposed")), fields=["decided_at"], name="discipline_proposed_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="guidefactor",
            constraint=models.UniqueConstraint(fields=("guide", "kind", "name"), name="one_factor_name_per_kind"),
        ),
        migrations.AddConstraint(
            model_name="proposalfactor",
            constraint=models.UniqueConstraint(fields=("proposal", "factor"), name="one_weight_per_factor"),
        ),
        migrations.AddConstraint(
            model_name="proposalvote",
            constraint=models.UniqueConstraint(fields=("proposal", "member"), name="one_vote_per_proposal_member"),
        ),
        migrations.AddConstraint(
            model_name="sanctionlevel",
            constraint=models.UniqueConstraint(fields=("guide", "rank"), name="one_level_per_rank"),
        ),
        migrations.AddConstraint(
            model_name="misconductcategory",
            constraint=models.UniqueConstraint(fields=("guide", "name"), name="one_category_name_per_guide"),
        ),
        migrations.AddIndex(
            model_name="loudermill",
            index=models.Index(
                condition=models.Q(("outcome", "")), fields=["hearing_at"], name="loudermill_hearing_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="disciplineproposal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open")), fields=("allegation",), name="one_open_proposal_per_allegation"
            ),
        ),
        migrations.AddConstraint(
            model_name="disciplineproposal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "adopted")),
                fields=("allegation",),
                name="one_adopted_proposal_per_allegation",
            ),
        ),
        migrations.RunPython(seed_starter_guide, migrations.RunPython.noop),
    ]
