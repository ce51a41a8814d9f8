"""Raw-data releases (R5.3, 35A.050 J; issue 11 part B): what the files hold and never hold, stable
keyed-hash ids, checksums, the dictionary, the build as a job and the Director's publishing."""

import csv
import hashlib
import hmac
import io
import json
import uuid

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from intake.models import Allegation, AllegationType, Case
from intake.services import allegation_add, case_decide, complaint_file
from oversight.jobs.models import Job
from reports.models import DataRelease, DataReleaseFile
from reports.release_services import data_release_build, data_release_publish, data_release_start
from reports.release_tasks import data_release_build_task
from reports.releases import DATASETS, anonymized_id
from tests.factories import AllegationTypeFactory, complaint_data

from .arrange_releases import (
    BUILD_AT,
    FILED_AT,
    SECRETS,
    build,
    chief_case,
    disciplined_case,
    file_text,
    publish,
    sensitive_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def arranged(intake_user, director, investigator, board_members):
    case, decision = disciplined_case(intake_user, director, investigator, board_members)
    sensitive = sensitive_case(intake_user)
    undecided = sensitive_case(intake_user, decision=None)
    chief = chief_case(intake_user)
    return {"disciplined": case, "decision": decision, "sensitive": sensitive, "undecided": undecided, "chief": chief}


def _rows(release, dataset):
    return list(csv.DictReader(io.StringIO(file_text(release.files.get(dataset=dataset, format="csv")))))


def test_a_build_writes_every_dataset_in_csv_and_json_and_the_dictionary(arranged, director):
    release = build(director)
    assert release.status == DataRelease.Status.BUILT
    names = set(release.files.values_list("dataset", "format"))
    assert names == {(d, f) for d in [*DATASETS, "dictionary"] for f in ("csv", "json")}


def test_no_name_narrative_contact_detail_or_place_appears_in_any_file(arranged, director):
    release = build(director)
    officer = arranged["decision"].allegation.employee
    words = [
        *SECRETS.values(),
        "Bartholomew",
        "Fenwickshire",
        officer.first_name,
        officer.last_name,
        officer.badge_number,
    ]
    words += [arranged["sensitive"].number, "97214", "buckman-sentinel"]
    for row in release.files.exclude(dataset="geography"):
        text = file_text(row).lower()
        for word in words:
            assert word.lower() not in text, (row, word)
    # The place is only counted, in the geography aggregate, never with a case id.
    assert "case_id" not in file_text(release.files.get(dataset="geography", format="csv"))


def test_the_sha256_size_and_row_count_of_every_file_match_its_bytes(arranged, director):
    release = build(director)
    for row in release.files.all():
        with row.file.open("rb") as handle:
            data = handle.read()
        assert hashlib.sha256(data).hexdigest() == row.sha256
        assert len(data) == row.bytes
        if row.dataset != "dictionary" and row.format == "json":
            assert len(json.loads(data)) == row.rows
        if row.dataset != "dictionary" and row.format == "csv":
            assert len(list(csv.reader(io.StringIO(data.decode())))) == row.rows + 1


def test_only_decided_cases_without_an_allegation_against_the_chief_are_released(arranged, director):
    release = build(director)
    ids = {r["case_id"] for r in _rows(release, "complaints")}
    assert ids == {anonymized_id("case", arranged["disciplined"].pk), anonymized_id("case", arranged["sensitive"].pk)}
    allegation_cases = {r["case_id"] for r in _rows(release, "allegations")}
    assert anonymized_id("case", arranged["chief"].pk) not in allegation_cases
    assert anonymized_id("case", arranged["undecided"].pk) not in allegation_cases


def test_a_complaint_row_has_months_not_days(arranged, director):
    release = build(director)
    row = next(
        r for r in _rows(release, "complaints") if r["case_id"] == anonymized_id("case", arranged["sensitive"].pk)
    )
    assert row["received_month"] == "2026-04"
    assert row["decision"] == "mediation"
    assert row["allegations"] == "1"


def test_ids_are_the_same_in_two_releases(arranged, director):
    first = build(director)
    publish(first, director)
    second = build(director, at=BUILD_AT.replace(month=7))
    assert second.version == 2
    for dataset in ("complaints", "complainants", "allegations", "discipline"):
        assert _rows(first, dataset) == _rows(second, dataset)


def test_another_key_gives_other_ids_and_the_key_is_in_no_file(arranged, director, settings):
    release = build(director)
    case = arranged["sensitive"]
    before = anonymized_id("case", case.pk)
    settings.RAW_DATA_ID_KEY = "another-key"
    assert anonymized_id("case", case.pk) != before
    settings.RAW_DATA_ID_KEY = "the-server-key-000"
    for row in release.files.all():
        assert "the-server-key-000" not in file_text(row)
        assert settings.SECRET_KEY not in file_text(row)


def test_the_key_used_for_ids_never_appears_in_a_file(arranged, director, settings):
    settings.RAW_DATA_ID_KEY = "k3y-that-must-stay-on-the-server"
    release = build(director)
    for row in release.files.all():
        assert settings.RAW_DATA_ID_KEY not in file_text(row)


def test_the_dictionary_lists_every_column_of_every_file(arranged, director):
    release = build(director)
    dictionary = json.loads(file_text(release.files.get(dataset="dictionary", format="json")))
    for dataset in DATASETS:
        header = next(csv.reader(io.StringIO(file_text(release.files.get(dataset=dataset, format="csv")))))
        assert header == [c["name"] for c in dictionary["datasets"][dataset]["columns"]]
        assert all(c["meaning"] for c in dictionary["datasets"][dataset]["columns"])
    assert dictionary["suppression_rule"]
    assert {row["value"] for row in dictionary["crosswalk"]} >= {"out_of_policy", "termination"}


def test_the_allegation_and_discipline_files_carry_the_crosswalk(arranged, director):
    release = build(director)
    allegation = arranged["decision"].allegation
    row = next(
        r for r in _rows(release, "allegations") if r["allegation_id"] == anonymized_id("allegation", allegation.pk)
    )
    assert (row["board_finding"], row["final_finding"]) == ("out_of_policy", "out_of_policy")
    assert (row["final_finding_ccrb"], row["final_finding_copa"], row["final_finding_cpdb"]) == (
        "Substantiated",
        "Sustained",
        "Sustained",
    )
    assert row["officer_id"] == anonymized_id("employee", allegation.employee_id)
    (discipline,) = _rows(release, "discipline")
    assert discipline["allegation_id"] == row["allegation_id"]
    assert discipline["final_level"] == "suspension"
    assert discipline["final_level_copa"] == "Suspension"


def test_small_counts_are_withheld_in_the_aggregates(arranged, director):
    release = build(director)
    rows = _rows(release, "demographics")
    slavic = next(r for r in rows if r["dimension"] == "race_ethnicity" and r["category"] == "slavic")
    assert (slavic["count"], slavic["suppressed"]) == ("", "true")
    data = json.loads(file_text(release.files.get(dataset="geography", format="json")))
    assert all(r["count"] is None or r["count"] == 0 or r["count"] >= 5 for r in data)


def test_the_build_runs_as_a_job_with_progress_and_a_link_to_the_staff_page(arranged, director):
    with time_machine.travel(BUILD_AT, tick=False):
        release, job = data_release_start(actor=director)
        data_release_build_task(release.pk, job.pk)
    job.refresh_from_db()
    release.refresh_from_db()
    assert (job.kind, job.state, job.result_url) == (Job.Kind.DATA_RELEASE, Job.State.DONE, "/reports/data/staff/")
    assert release.status == DataRelease.Status.BUILT


def test_starting_while_a_build_runs_returns_the_same_release_and_no_new_job(director):
    with time_machine.travel(BUILD_AT, tick=False):
        first, job = data_release_start(actor=director)
        again, no_job = data_release_start(actor=director)
    assert (again.pk, no_job) == (first.pk, None)
    assert job is not None


def test_building_a_built_release_again_changes_nothing(arranged, director):
    release = build(director)
    files = list(release.files.values_list("pk", flat=True))
    assert data_release_build(release_id=release.pk).status == DataRelease.Status.BUILT
    assert list(release.files.values_list("pk", flat=True)) == files


def test_a_failed_build_is_marked_failed_with_its_error_and_built_again_under_the_same_version(
    arranged, director, settings, tmp_path
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    with time_machine.travel(BUILD_AT, tick=False):
        release, _job = data_release_start(actor=director)
        with pytest.raises(OSError):
            data_release_build(release_id=release.pk)
    release.refresh_from_db()
    assert release.status == DataRelease.Status.FAILED
    assert release.error
    settings.MEDIA_ROOT = tmp_path / "media"
    rebuilt = build(director)
    assert (rebuilt.pk, rebuilt.version, rebuilt.status, rebuilt.error) == (release.pk, 1, "built", "")


def test_publishing_needs_a_changelog(arranged, director):
    release = build(director)
    with pytest.raises(ValidationError):
        data_release_publish(release=release, actor=director, changelog="  ")
    release.refresh_from_db()
    assert release.status == DataRelease.Status.BUILT


def test_the_director_publishes_with_history_and_a_reason_once(arranged, director):
    release = publish(build(director), director)
    assert (release.status, release.published_by, release.changelog) == ("published", director, "First release")
    assert release.history.first().history_change_reason == "Data release published"
    again = data_release_publish(release=release, actor=director, changelog="Other text")
    assert again.changelog == "First release"


def test_only_the_director_publishes(arranged, director, admin_user):
    release = build(director)
    with pytest.raises(PermissionDenied):
        data_release_publish(release=release, actor=admin_user, changelog="First release")


def test_a_release_cannot_be_published_before_it_is_built(director):
    with time_machine.travel(BUILD_AT, tick=False):
        release, _job = data_release_start(actor=director)
        with pytest.raises(ValidationError):
            data_release_publish(release=release, actor=director, changelog="First release")


def test_after_a_publication_the_next_build_is_the_next_version(arranged, director):
    publish(build(director), director)
    assert build(director, at=BUILD_AT.replace(month=8)).version == 2
    assert DataReleaseFile.objects.filter(release__version=1).count() == 14


def test_releases_hold_no_allegation_against_the_chief(arranged, director):
    release = build(director)
    chief_ids = {
        anonymized_id("allegation", pk)
        for pk in Allegation.objects.filter(is_against_chief=True).values_list("pk", flat=True)
    }
    assert chief_ids
    assert not chief_ids & {r["allegation_id"] for r in _rows(release, "allegations")}
    assert Case.objects.count() == 4


def test_ids_are_the_keyed_hash_of_kind_and_row_so_published_ids_never_change(settings):
    settings.RAW_DATA_ID_KEY = "a-key-for-this-test"
    expected = hmac.new(b"a-key-for-this-test", b"allegation:1234567", hashlib.sha256).hexdigest()[:16]
    assert anonymized_id("allegation", 1234567) == expected
    assert anonymized_id("case", 1234567) != expected
    assert anonymized_id("case", None) == ""


def test_a_text_a_spreadsheet_would_run_is_written_as_text_in_the_csv_and_exact_in_the_json(arranged, director):
    allegation = arranged["decision"].allegation
    AllegationType.objects.filter(pk=allegation.allegation_type_id).update(name='=HYPERLINK("http://x.test","y")')
    release = build(director)
    row = next(
        r for r in _rows(release, "allegations") if r["allegation_id"] == anonymized_id("allegation", allegation.pk)
    )
    assert row["type"] == '\'=HYPERLINK("http://x.test","y")'
    rows = json.loads(file_text(release.files.get(dataset="allegations", format="json")))
    (exact,) = [r for r in rows if r["allegation_id"] == row["allegation_id"]]
    assert exact["type"] == '=HYPERLINK("http://x.test","y")'


def test_text_with_tabs_newlines_and_backslashes_comes_through_exactly(arranged, director):
    # The allegations are read with COPY's text format, which escapes these characters.
    allegation = arranged["decision"].allegation
    name = 'Tab\there, line\nbreak, back\\slash \\N, "quoted", ünïcode'
    AllegationType.objects.filter(pk=allegation.allegation_type_id).update(name=name)
    release = build(director)
    rows = json.loads(file_text(release.files.get(dataset="allegations", format="json")))
    (row,) = [r for r in rows if r["allegation_id"] == anonymized_id("allegation", allegation.pk)]
    assert row["type"] == name
    assert row["board_finding"] == "out_of_policy" and row["investigator_finding"]
    (csv_row,) = [r for r in _rows(release, "allegations") if r["allegation_id"] == row["allegation_id"]]
    assert csv_row["type"] == name


def test_an_unidentified_officer_has_an_empty_id_and_no_finding_is_empty(arranged, director):
    allegation = arranged["decision"].allegation
    Allegation.objects.filter(pk=allegation.pk).update(employee=None)
    release = build(director)
    (row,) = [
        r for r in _rows(release, "allegations") if r["allegation_id"] == anonymized_id("allegation", allegation.pk)
    ]
    assert row["officer_id"] == ""


def _filed(intake_user, **contact):
    """A decided case filed with these contact details, at the arrangement's filing time."""
    with time_machine.travel(FILED_AT, tick=False):
        case = complaint_file(data=complaint_data(**contact), submission_key=uuid.uuid4()).case
        allegation_add(
            case=case, allegation_type=AllegationTypeFactory(), employee=None, actor=intake_user, reason="Intake"
        )
        case_decide(case=case, decision="dismissal", reason="Decided", actor=intake_user)
    return case


def test_a_filer_has_one_complainant_id_across_cases_and_releases_and_none_without_email_or_phone(
    arranged, intake_user, director
):
    again = _filed(intake_user, contact_email=SECRETS["email"].upper(), contact_phone="971 555 0100")
    by_phone = [_filed(intake_user, contact_phone="+1 (503) 555-0142") for _ in range(2)]
    nobody = _filed(intake_user)
    first = build(director)
    rows = {r["case_id"]: r for r in _rows(first, "complainants")}
    sensitive = rows[anonymized_id("case", arranged["sensitive"].pk)]
    # The same e-mail in any case, whatever the phone given with it; the same digits of a phone number.
    assert rows[anonymized_id("case", again.pk)]["complainant_id"] == sensitive["complainant_id"] != ""
    a, b = (rows[anonymized_id("case", c.pk)]["complainant_id"] for c in by_phone)
    assert a == b != "" and a != sensitive["complainant_id"]
    assert rows[anonymized_id("case", nobody.pk)]["complainant_id"] == ""
    assert sensitive == {
        "complaint_id": anonymized_id("complaint", arranged["sensitive"].complaints.get().pk),
        "case_id": anonymized_id("case", arranged["sensitive"].pk),
        "complainant_id": anonymized_id("complainant", f"e:{SECRETS['email']}"),
        "received_month": "2026-04",
        "filer_type": "complainant",
        "channel": "web",
    }
    # Only released cases: not the undecided one, not the one against the Chief.
    for left_out in (arranged["undecided"], arranged["chief"]):
        assert anonymized_id("case", left_out.pk) not in rows
    publish(first, director)
    second = build(director, at=BUILD_AT.replace(month=7))
    assert {r["complainant_id"] for r in _rows(second, "complainants")} == {r["complainant_id"] for r in rows.values()}
