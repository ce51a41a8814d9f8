"""Chief cases whose investigation completed before the Mayor's route existed (issue 8): each gets
the referral it is owed, with the notice already sent (dedupe key ``mayor-findings-<case>``), and a
case whose every allegation names the Chief leaves the Board's queue for the Mayor's."""

from django.db import migrations

BOARD_STAGES = ("findings_ready", "board_review", "discipline")


def open_referrals(apps, schema_editor):
    Case = apps.get_model("intake", "Case")
    Investigation = apps.get_model("investigations", "Investigation")
    MayorReferral = apps.get_model("investigations", "MayorReferral")
    Notice = apps.get_model("notices", "Notice")
    cases = Case.objects.filter(is_chief_route=True, status__in=BOARD_STAGES, mayor_referral__isnull=True)
    for case in cases:
        investigation = Investigation.objects.filter(case=case, completed_at__isnull=False).first()
        if investigation is None:
            continue
        notice = Notice.objects.filter(dedupe_key=f"mayor-findings-{case.pk}").first()
        MayorReferral.objects.create(
            case=case,
            created_at=investigation.completed_at,
            notice=notice,
            sent_at=notice.created_at if notice else None,
        )
        only_chief = not case.allegations.filter(is_against_chief=False).exists()
        if only_chief and case.status == "findings_ready":
            case.status = "mayor_review"
            case.save(update_fields=["status"])


class Migration(migrations.Migration):
    dependencies = [
        ("investigations", "0010_chiefnotice_designee_email_chiefnotice_designee_name_and_more"),
        ("intake", "0005_allegation_is_against_chief"),
        ("notices", "0002_historicalnotice_attachment_notice_attachment"),
    ]

    operations = [migrations.RunPython(open_referrals, migrations.RunPython.noop)]
