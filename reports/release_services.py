"""The verbs of a raw-data release (issue 11 part B): start a build (a job), build (outside any
transaction: files streamed to storage; then one short atomic step records them), fail, publish
(the Director, with a changelog)."""

import json
import tempfile
import uuid
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from intake.models import Case
from oversight.accounts.roles import Role, has_role
from oversight.db_router import use_replica
from oversight.history import save_audited
from oversight.jobs.models import Job
from oversight.jobs.services import job_start

from .models import DataRelease, DataReleaseFile
from .release_writer import HashingWriter, WrittenFile, write_dataset
from .releases import DATASETS, DICTIONARY_COLUMNS, dictionary_data, dictionary_rows, whole_result_plans

FIRST_DAY = date(2025, 1, 1)
Status = DataRelease.Status


def _move(release, target):
    if target not in DataRelease.TRANSITIONS[release.status]:
        raise ValidationError(
            _("This release cannot go from %(from)s to %(to)s.") % {"from": release.status, "to": target}
        )
    release.status = target


def can_build(user):
    return has_role(user, Role.DIRECTOR) or has_role(user, Role.ADMIN)


def can_publish(user):
    return has_role(user, Role.DIRECTOR)


@transaction.atomic
def data_release_start(*, actor, back_url=""):
    """Starts building the next release as a job. An unpublished release (building, built or failed) is
    built again under its own version rather than a new one, so published versions run 1, 2, 3 with no
    gap; one already building is returned as it is (with the job None). Returns (release, job)."""
    if not can_build(actor):
        raise PermissionDenied
    # Lock the newest release row (if any) so two clicks cannot make two versions.
    latest = DataRelease.objects.select_for_update().order_by("-version").first()
    if latest is not None and latest.status == Status.BUILDING:
        return latest, None
    today = timezone.localdate()
    first = Case.objects.aggregate(first=Min("received_at"))["first"]
    start = min(timezone.localtime(first).date(), FIRST_DAY) if first else FIRST_DAY
    if latest is None or latest.status == Status.PUBLISHED:
        version = (DataRelease.objects.aggregate(v=Max("version"))["v"] or 0) + 1
        release = DataRelease(
            version=version, period_start=start, period_end=today + timedelta(days=1), created_by=actor
        )
        reason = "Data release build started"
    else:
        release = latest
        _move(release, Status.BUILDING)
        release.period_end, release.error = today + timedelta(days=1), ""
        reason = "Data release build started again"
    save_audited(release, actor=actor, reason=reason)
    from .release_tasks import data_release_build_task

    job = job_start(
        kind=Job.Kind.DATA_RELEASE, actor=actor, task=data_release_build_task, args=(release.pk,), back_url=back_url
    )
    return release, job


def _store(release, folder, name, written):
    path = default_storage.save(f"reports/releases/{folder}/{name}", File(written.temp, name=name))
    written.temp.close()
    return path


def data_release_build(*, release_id, actor=None, progress=None):
    """Writes every dataset's files and the dictionary to storage (outside any transaction, streaming),
    then records them and marks the release built in one atomic step. A release not building (already
    built, or published) is left as it is. On an error the release is marked failed and the error
    re-raised."""
    progress = progress or (lambda *step: None)
    release = DataRelease.objects.get(pk=release_id)
    if release.status != Status.BUILDING:
        return release
    steps = len(DATASETS) + 1
    folder = f"v{release.version}-{uuid.uuid4().hex[:8]}"
    stored = []
    try:
        with use_replica(), whole_result_plans():  # reads only, every row
            for i, (name, spec) in enumerate(DATASETS.items()):
                progress(i, steps, gettext_noop("Writing %(dataset)s…"), name)
                for written in write_dataset(spec["columns"], spec["rows"](release)):
                    stored.append((name, written, _store(release, folder, f"{name}.{written.format}", written)))
        progress(len(DATASETS), steps, gettext_noop("Writing %(dataset)s…"), "dictionary")
        csv_file, json_file = write_dataset(DICTIONARY_COLUMNS, dictionary_rows())
        json_file.temp.close()
        stored.append(("dictionary", csv_file, _store(release, folder, "dictionary.csv", csv_file)))
        stored.append(("dictionary", *_dictionary_json(release, folder)))
    except Exception as error:
        data_release_fail(release_id=release_id, error=str(error) or type(error).__name__)
        raise
    return _record_built(release_id, stored, actor)


def _dictionary_json(release, folder):
    tmp = tempfile.TemporaryFile()
    out = HashingWriter(tmp)
    out.write(json.dumps(dictionary_data(), ensure_ascii=False, indent=1) + "\n")
    tmp.seek(0)
    rows = sum(len(spec["columns"]) for spec in DATASETS.values())
    written = WrittenFile("json", tmp, out.hash.hexdigest(), out.bytes, rows)
    return written, _store(release, folder, "dictionary.json", written)


@transaction.atomic
def _record_built(release_id, stored, actor):
    release = DataRelease.objects.select_for_update().get(pk=release_id)
    if release.status != Status.BUILDING:
        return release
    for old in release.files.all():
        old.delete()  # a rebuild of an unpublished release replaces its files (history keeps the rows)
    for dataset, written, path in stored:
        row = DataReleaseFile(
            release=release,
            dataset=dataset,
            format=written.format,
            sha256=written.sha256,
            bytes=written.bytes,
            rows=written.rows,
        )
        row.file.name = path
        save_audited(row, actor=actor, reason="Data release file written")
    _move(release, Status.BUILT)
    release.built_at = timezone.now()
    save_audited(release, actor=actor, reason="Data release built")
    return release


@transaction.atomic
def data_release_fail(*, release_id, error):
    """Marks a building release failed, with its error (for the staff page); it can be built again."""
    release = DataRelease.objects.select_for_update().get(pk=release_id)
    if release.status != Status.BUILDING:
        return release
    _move(release, Status.FAILED)
    release.error = error[:300]
    save_audited(release, actor=None, reason="Data release build failed")
    return release


@transaction.atomic
def data_release_publish(*, release, actor, changelog):
    """The Director publishes a built release with its changelog; publishing twice changes nothing."""
    if not can_publish(actor):
        raise PermissionDenied
    release = DataRelease.objects.select_for_update().get(pk=release.pk)
    if release.status == Status.PUBLISHED:
        return release
    changelog = (changelog or "").strip()
    if not changelog:
        raise ValidationError({"changelog": _("Say what changed in this release (the first may say “First release”).")})
    _move(release, Status.PUBLISHED)
    release.changelog, release.published_at, release.published_by = changelog, timezone.now(), actor
    save_audited(release, actor=actor, reason="Data release published")
    return release
