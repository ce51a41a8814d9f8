# Issue 10 part B: public comments on any open item, and their moderation.

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("governance", "0003_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalPublicComment",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField()),
                ("target_key", models.CharField(max_length=40, verbose_name="commented item kind")),
                ("body", models.TextField(verbose_name="comment as submitted")),
                ("published_body", models.TextField(blank=True, verbose_name="published text")),
                ("display_name", models.CharField(blank=True, max_length=80, verbose_name="name to show")),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("en", "English"),
                            ("es", "Español"),
                            ("vi", "Tiếng Việt"),
                            ("zh-hans", "简体中文"),
                            ("ru", "Русский"),
                            ("so", "Soomaali"),
                        ],
                        default="en",
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for moderation"),
                            ("published", "Published"),
                            ("withheld", "Withheld"),
                        ],
                        default="pending",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="moderation reason")),
                ("moderated_at", models.DateTimeField(blank=True, null=True)),
                ("submitted_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="submitted at")),
                ("client_hash", models.CharField(blank=True, max_length=64)),
                ("submission_key", models.UUIDField(db_index=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="contenttypes.contenttype",
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
                    "moderated_by",
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
                "verbose_name": "historical public comment",
                "verbose_name_plural": "historical public comments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PublicComment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField()),
                ("target_key", models.CharField(max_length=40, verbose_name="commented item kind")),
                ("body", models.TextField(verbose_name="comment as submitted")),
                ("published_body", models.TextField(blank=True, verbose_name="published text")),
                ("display_name", models.CharField(blank=True, max_length=80, verbose_name="name to show")),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("en", "English"),
                            ("es", "Español"),
                            ("vi", "Tiếng Việt"),
                            ("zh-hans", "简体中文"),
                            ("ru", "Русский"),
                            ("so", "Soomaali"),
                        ],
                        default="en",
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for moderation"),
                            ("published", "Published"),
                            ("withheld", "Withheld"),
                        ],
                        default="pending",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="moderation reason")),
                ("moderated_at", models.DateTimeField(blank=True, null=True)),
                ("submitted_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="submitted at")),
                ("client_hash", models.CharField(blank=True, max_length=64)),
                ("submission_key", models.UUIDField(unique=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
                (
                    "moderated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["submitted_at", "pk"],
                "indexes": [
                    models.Index(fields=["content_type", "object_id", "status"], name="comment_item_status"),
                    models.Index(fields=["status", "submitted_at"], name="comment_status_submitted"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "published"), _negated=True),
                            models.Q(("published_body", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="comment_published_has_text",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("status", "pending"), ("moderated_at__isnull", False), _connector="OR"),
                        name="comment_moderated_has_time",
                    ),
                ],
            },
        ),
    ]
