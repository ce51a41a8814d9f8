"""Every Board result recorded before results opened their own appeal window gets it now (issue 9).

Results now open their window when they are recorded (discipline/appeals.py ``appeal_window_open``);
reading a window no longer starts one. This starts the missing ones from the result's own time, counted
as the engine counts (``add_calendar_days`` over the calendar in force: Oregon's holidays and the City's
days), with a history row that says why. Final outcomes are refreshed by the next service that touches
the case, as before.
"""

from django.conf import settings
from django.db import migrations

APPEALABLE = ("hearings", "disciplinary")
REASON = "Appeal window started from the result's time (result recorded before windows)"


def _calendar(apps):
    from oversight.calendar.business_days import BusinessCalendar

    closed, opened = {}, {}
    for day in apps.get_model("oversight_calendar", "CityDay").objects.all():
        (closed if day.kind == "closed" else opened)[day.date] = day.name
    return BusinessCalendar(closed=closed, opened=opened)


def _subjects(apps):
    Panel = apps.get_model("discipline", "Panel")
    Decision = apps.get_model("discipline", "DisciplineDecision")
    for panel in Panel.objects.filter(kind__in=APPEALABLE, status="decided", decided_at__isnull=False):
        yield "panel", panel, panel.decided_at, panel.appeal_window_days
    for decision in Decision.objects.select_related("panel"):
        yield (
            "disciplinedecision",
            decision,
            decision.final_at or decision.decided_at,
            decision.panel.appeal_window_days,
        )


def backfill(apps, schema_editor):
    from oversight.calendar.business_days import add_calendar_days

    ContentType = apps.get_model("contenttypes", "ContentType")
    Deadline = apps.get_model("oversight_calendar", "Deadline")
    HistoricalDeadline = apps.get_model("oversight_calendar", "HistoricalDeadline")
    calendar = _calendar(apps)
    types = {}
    for model, subject, starts_at, days in _subjects(apps):
        if model not in types:
            types[model] = ContentType.objects.get_or_create(app_label="discipline", model=model)[0]
        ct = types[model]
        if Deadline.objects.filter(about_type=ct, about_id=subject.pk, rule="appeal_window").exists():
            continue
        due_at, steps = add_calendar_days(starts_at, days, calendar)
        # bulk_create sends no signals, so the one history row is the one written below, with its reason.
        (deadline,) = Deadline.objects.bulk_create(
            [
                Deadline(
                    about_type=ct,
                    about_id=subject.pk,
                    rule="appeal_window",
                    starts_at=starts_at,
                    due_at=due_at,
                    explanation=steps,
                )
            ]
        )
        fields = {f.attname: getattr(deadline, f.attname) for f in Deadline._meta.concrete_fields}
        HistoricalDeadline.objects.create(
            **fields, history_date=deadline.created_at, history_type="+", history_change_reason=REASON
        )


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0009_administrative_leave"),
        ("oversight_calendar", "0005_governance_clocks"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
