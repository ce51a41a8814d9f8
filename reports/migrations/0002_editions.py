# Issue 11 part A2: report editions (annual and quarterly).

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalReportEdition',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('annual', 'Annual report'), ('quarterly', 'Quarterly report')], max_length=12)),
                ('year', models.PositiveSmallIntegerField()),
                ('quarter', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('version', models.PositiveSmallIntegerField(default=1)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published'), ('superseded', 'Superseded by a correction')], default='draft', max_length=12)),
                ('snapshot', models.JSONField(blank=True, default=dict)),
                ('executive_summary', models.TextField(blank=True, verbose_name='Executive summary')),
                ('overview', models.TextField(blank=True, verbose_name='Overview (item a)')),
                ('trends_narrative', models.TextField(blank=True, verbose_name="Trends: the Director's analysis (item p)")),
                ('changelog', models.TextField(blank=True, verbose_name='What this correction changed')),
                ('built_at', models.DateTimeField(blank=True, null=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('pdf', models.TextField(blank=True, max_length=100)),
                ('pdf_rendered_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical report edition',
                'verbose_name_plural': 'historical report editions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ReportEdition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('annual', 'Annual report'), ('quarterly', 'Quarterly report')], max_length=12)),
                ('year', models.PositiveSmallIntegerField()),
                ('quarter', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('version', models.PositiveSmallIntegerField(default=1)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published'), ('superseded', 'Superseded by a correction')], default='draft', max_length=12)),
                ('snapshot', models.JSONField(blank=True, default=dict)),
                ('executive_summary', models.TextField(blank=True, verbose_name='Executive summary')),
                ('overview', models.TextField(blank=True, verbose_name='Overview (item a)')),
                ('trends_narrative', models.TextField(blank=True, verbose_name="Trends: the Director's analysis (item p)")),
                ('changelog', models.TextField(blank=True, verbose_name='What this correction changed')),
                ('built_at', models.DateTimeField(blank=True, null=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('pdf', models.FileField(blank=True, upload_to='reports/editions/')),
                ('pdf_rendered_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-year', 'kind', '-quarter', '-version'],
                'indexes': [models.Index(fields=['kind', 'year', 'quarter', 'status'], name='edition_lookup_idx')],
                'constraints': [models.UniqueConstraint(fields=('kind', 'year', 'quarter', 'version'), name='edition_version_unique', nulls_distinct=False), models.UniqueConstraint(condition=models.Q(('status', 'draft')), fields=('kind', 'year', 'quarter'), name='edition_one_draft', nulls_distinct=False), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'annual'), ('quarter__isnull', True)), models.Q(('kind', 'quarterly'), ('quarter__gte', 1), ('quarter__lte', 4)), _connector='OR'), name='edition_quarter_matches_kind'), models.CheckConstraint(condition=models.Q(('version__gte', 1)), name='edition_version_positive'), models.CheckConstraint(condition=models.Q(('version', 1), models.Q(('changelog', ''), _negated=True), _connector='OR'), name='edition_correction_has_changelog')],
            },
        ),
    ]
