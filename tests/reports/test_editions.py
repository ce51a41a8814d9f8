"""Report editions (issue 11 part A2): drafts built from the data, the Director's texts, publication
that freezes, corrections as new versions, and the schedule."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from reports.editions import (
    edition_correct,
    edition_draft_build,
    edition_narrative_update,
    edition_pdf_render,
    edition_publish,
    edition_schedule_run,
)
from reports.models import ReportEdition
from tests.arrange import case_received

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=PACIFIC)
Status = ReportEdition.Status


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def draft(director, **kwargs):
    return edition_draft_build(
        kind=kwargs.pop("kind", "annual"), year=kwargs.pop("year", 2026), actor=director, **kwargs
    )


def published(director, **texts):
    edition = draft(director)
    if texts:
        edition_narrative_update(edition=edition, actor=director, **texts)
    return edition_publish(edition=edition, actor=director)


def test_building_a_draft_stores_the_snapshot_of_the_period(director, intake_user):
    case_received(intake_user)
    edition = draft(director)
    assert (edition.kind, edition.year, edition.quarter, edition.version, edition.status) == (
        "annual",
        2026,
        None,
        1,
        Status.DRAFT,
    )
    assert edition.snapshot["start"] == "2026-01-01" and edition.snapshot["end"] == "2027-01-01"
    assert [item["key"] for item in edition.snapshot["items"]][:3] == ["a", "b", "c"]
    assert edition.built_at == NOW
    record = edition.history.get()
    assert (record.history_user, record.history_change_reason) == (director, "Draft built from the data")


def test_rebuilding_refreshes_the_one_draft(director, intake_user):
    first = draft(director)
    case_received(intake_user)
    again = draft(director)
    assert again.pk == first.pk and ReportEdition.objects.count() == 1
    assert again.history.first().history_change_reason == "Draft rebuilt from the data"


def test_a_quarterly_draft_covers_its_quarter(director):
    edition = draft(director, kind="quarterly", quarter=2)
    assert (edition.snapshot["kind"], edition.snapshot["start"], edition.snapshot["end"]) == (
        "quarterly",
        "2026-04-01",
        "2026-07-01",
    )


def test_a_quarter_that_has_not_begun_is_refused(director):
    with pytest.raises(ValidationError):
        draft(director, kind="quarterly", quarter=3)


def test_only_the_director_or_the_administrator_builds_a_draft(investigator):
    with pytest.raises(PermissionDenied):
        draft(investigator)


def test_the_administrator_builds_a_draft_but_never_writes_publishes_or_corrects_it(director, admin_user):
    edition = draft(admin_user)
    with pytest.raises(PermissionDenied):
        edition_narrative_update(edition=edition, actor=admin_user, executive_summary="Not mine to write.")
    with pytest.raises(PermissionDenied):
        edition_publish(edition=edition, actor=admin_user)
    published = edition_publish(edition=edition, actor=director)
    with pytest.raises(PermissionDenied):
        edition_correct(edition=published, actor=admin_user, changelog="Not mine to correct.")
    edition.refresh_from_db()
    assert edition.executive_summary == "" and ReportEdition.objects.count() == 1


def test_the_directors_texts_are_saved_with_a_reason(director):
    edition = draft(director)
    edition_narrative_update(edition=edition, actor=director, executive_summary="A year of change.", overview="Us.")
    edition.refresh_from_db()
    assert (edition.executive_summary, edition.overview) == ("A year of change.", "Us.")
    assert edition.history.first().history_change_reason == "Narratives edited"


def test_saving_the_same_texts_twice_records_nothing_new(director):
    edition = draft(director)
    edition_narrative_update(edition=edition, actor=director, executive_summary="Same.")
    edition_narrative_update(edition=edition, actor=director, executive_summary="Same.")
    assert edition.history.count() == 2


def test_publishing_freezes_the_draft(director):
    edition = published(director, executive_summary="Summary.")
    assert (edition.status, edition.published_at, edition.published_by) == (Status.PUBLISHED, NOW, director)
    assert edition.history.first().history_change_reason == "Report published"


def test_publishing_twice_changes_nothing(director):
    edition = published(director)
    again = edition_publish(edition=edition, actor=director)
    assert again.status == Status.PUBLISHED and edition.history.count() == again.history.count() == 2


def test_a_published_report_refuses_new_texts(director):
    edition = published(director, executive_summary="As published.")
    with pytest.raises(ValidationError):
        edition_narrative_update(edition=edition, actor=director, executive_summary="Rewritten.")
    edition.refresh_from_db()
    assert edition.executive_summary == "As published."


def test_a_published_report_refuses_a_rebuild_from_the_data(director, intake_user):
    edition = published(director)
    snapshot = edition.snapshot
    case_received(intake_user)
    with pytest.raises(ValidationError):
        draft(director)
    edition.refresh_from_db()
    assert edition.snapshot == snapshot and ReportEdition.objects.count() == 1


def test_a_published_reports_pdf_once_stored_is_never_replaced(director):
    edition = edition_pdf_render(edition=published(director))
    stored = edition.pdf.name
    again = edition_pdf_render(edition=edition)
    assert stored and again.pdf.name == stored


def test_a_drafts_pdf_is_replaced_on_each_render(director):
    edition = draft(director)
    first = edition_pdf_render(edition=edition).pdf.name
    second = edition_pdf_render(edition=edition).pdf.name
    assert first != second and ReportEdition.objects.get().pdf.name == second


def test_a_superseded_version_cannot_be_published_again(director):
    first = published(director)
    edition_publish(edition=edition_correct(edition=first, actor=director, changelog="Fixed item g."), actor=director)
    with pytest.raises(ValidationError):
        edition_publish(edition=first, actor=director)
    with pytest.raises(ValidationError):
        edition_narrative_update(edition=first, actor=director, overview="Changed.")


def test_a_correction_starts_the_next_version_with_the_texts_and_the_changelog(director):
    first = published(director, executive_summary="Summary.", trends_narrative="Trends.")
    correction = edition_correct(edition=first, actor=director, changelog="Item g counted a filer twice.")
    assert (correction.version, correction.status, correction.changelog) == (
        2,
        Status.DRAFT,
        "Item g counted a filer twice.",
    )
    assert (correction.executive_summary, correction.trends_narrative) == ("Summary.", "Trends.")
    assert correction.snapshot == first.snapshot
    first.refresh_from_db()
    assert first.status == Status.PUBLISHED  # the published version stands until the correction is published


def test_a_correction_needs_a_changelog(director):
    first = published(director)
    with pytest.raises(ValidationError):
        edition_correct(edition=first, actor=director, changelog="  ")


def test_asking_for_a_correction_twice_returns_the_same_draft(director):
    first = published(director)
    one = edition_correct(edition=first, actor=director, changelog="Fix.")
    two = edition_correct(edition=first, actor=director, changelog="Fix again.")
    assert one.pk == two.pk and ReportEdition.objects.count() == 2


def test_a_superseded_version_cannot_be_corrected_again(director):
    first = published(director)
    edition_publish(edition=edition_correct(edition=first, actor=director, changelog="Fix."), actor=director)
    with pytest.raises(ValidationError):
        edition_correct(edition=first, actor=director, changelog="Another fix.")


def test_rendering_the_years_report_keeps_the_published_pdf(director):
    from reports.services import annual_report_render

    edition = edition_pdf_render(edition=published(director))
    assert annual_report_render(year=2026).pdf.name == edition.pdf.name


def test_a_draft_cannot_be_corrected(director):
    with pytest.raises(ValidationError):
        edition_correct(edition=draft(director), actor=director, changelog="Fix.")


def test_publishing_a_correction_supersedes_the_version_it_corrects(director):
    first = published(director)
    second = edition_publish(edition=edition_correct(edition=first, actor=director, changelog="Fix."), actor=director)
    first.refresh_from_db()
    assert (first.status, second.status, second.version) == (Status.SUPERSEDED, Status.PUBLISHED, 2)
    assert first.history.first().history_change_reason == "Superseded by version 2"


def test_a_corrections_changelog_cannot_be_emptied(director):
    correction = edition_correct(edition=published(director), actor=director, changelog="Fix.")
    with pytest.raises(ValidationError):
        edition_narrative_update(edition=correction, actor=director, changelog="")


def test_the_database_refuses_a_second_draft_of_a_period(director):
    edition = draft(director)
    with pytest.raises(IntegrityError):
        ReportEdition.objects.create(kind=edition.kind, year=edition.year, version=2, changelog="x")


def test_the_board_cannot_publish(director, board_members):
    edition = draft(director)
    with pytest.raises(PermissionDenied):
        edition_publish(edition=edition, actor=board_members[0])


# The schedule: ANNUAL_REPORT_DATE (default 03-01, Pacific) for the year before; the day after a quarter.


def at(day, hour=7):
    return datetime.datetime(*day, hour, 0, tzinfo=PACIFIC)


def test_the_annual_draft_is_built_on_the_report_date_and_the_director_is_told(director):
    with time_machine.travel(at((2026, 3, 1)), tick=False):
        built = edition_schedule_run()
    assert [(e.kind, e.year) for e in built] == [("annual", 2025)]
    notice = Notice.objects.get(recipient_user=director)
    assert "annual report for 2025" in notice.subject and f"/reports/editions/{built[0].pk}/" in notice.body
    assert built[0].history.get().history_user is None


def test_the_schedule_builds_nothing_the_day_before(director):
    with time_machine.travel(at((2026, 2, 28)), tick=False):
        assert edition_schedule_run() == []
    assert not ReportEdition.objects.exists()


def test_running_the_schedule_twice_on_the_day_builds_once(director):
    with time_machine.travel(at((2026, 3, 1)), tick=False):
        edition_schedule_run()
    with time_machine.travel(at((2026, 3, 1), hour=20), tick=False):
        assert edition_schedule_run() == []
    assert ReportEdition.objects.count() == 1 and Notice.objects.filter(recipient_user=director).count() == 1


def test_the_report_date_is_a_setting(director, settings):
    settings.ANNUAL_REPORT_DATE = "04-15"
    with time_machine.travel(at((2026, 3, 1)), tick=False):
        assert edition_schedule_run() == []
    with time_machine.travel(at((2026, 4, 15)), tick=False):
        assert [e.year for e in edition_schedule_run()] == [2025]


def test_the_report_date_is_read_in_pacific_time(director):
    # 07:30 UTC on March 1 is still February 28 in Portland.
    with time_machine.travel(datetime.datetime(2026, 3, 1, 7, 30, tzinfo=datetime.UTC), tick=False):
        assert edition_schedule_run() == []


def test_a_quarterly_draft_is_built_the_day_after_the_quarter_ends(director):
    with time_machine.travel(at((2026, 6, 30)), tick=False):
        assert edition_schedule_run() == []
    with time_machine.travel(at((2026, 7, 1)), tick=False):
        built = edition_schedule_run()
    assert [(e.kind, e.year, e.quarter) for e in built] == [("quarterly", 2026, 2)]


def test_the_fourth_quarter_is_drafted_on_new_years_day(director):
    with time_machine.travel(at((2027, 1, 1)), tick=False):
        built = edition_schedule_run()
    assert [(e.kind, e.year, e.quarter) for e in built] == [("quarterly", 2026, 4)]


def test_quarterly_reports_can_be_turned_off(director, settings):
    settings.QUARTERLY_REPORTS = False
    with time_machine.travel(at((2026, 7, 1)), tick=False):
        assert edition_schedule_run() == []


# The tasks: what the job page and the schedule see.


def test_the_build_job_ends_linking_to_the_draft(director):
    from oversight.jobs.models import Job
    from oversight.jobs.services import job_start
    from reports.tasks import edition_draft_build_task

    job = job_start(kind=Job.Kind.REPORT_EDITION, actor=director, task=edition_draft_build_task, args=("annual", 2026))
    pk = edition_draft_build_task("annual", 2026, None, job.pk)
    job.refresh_from_db()
    assert (job.state, job.result_url) == (Job.State.DONE, f"/reports/editions/{pk}/")
    assert ReportEdition.objects.get(pk=pk).history.get().history_user == director


def test_the_schedule_task_renders_a_published_pdf_whose_render_was_missed(director):
    from reports.tasks import edition_schedule_task

    edition = published(director)
    assert not edition.pdf  # its doorbell rings after commit, which this test never reaches
    edition_schedule_task()
    edition.refresh_from_db()
    assert edition.pdf.read(4) == b"%PDF"
