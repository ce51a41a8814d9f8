"""Where checked uploads are written, and how a file that no row names is removed (issue 13.7).

A file is written after it is checked and before the transaction that records it (no slow I/O
while rows are locked, STYLE.md section 3), and deleted again when that transaction does not
commit: a refused answer, the loser of a race or an error leaves nothing on disk. Writing it in
``transaction.on_commit`` instead would let a row commit that names a file not yet written; if
the write then failed (a full disk, a killed worker) the row would name a file that never existed,
and a record would show as produced with nothing to open.

What this cannot catch is a process killed between the write and the commit, or an outer
transaction of the caller that rolls back after ours: those files are removed by
``media_orphan_sweep`` (beat, daily) once older than MEDIA_ORPHAN_GRACE_HOURS.
"""

import logging
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

logger = logging.getLogger(__name__)


def upload_store(upload, folder):
    """Writes a checked upload under folder with a name made here (the filer's name is only a label)."""
    return default_storage.save(f"{folder}/{uuid.uuid4().hex}", upload)


def upload_discard(names):
    for name in names:
        default_storage.delete(name)


@contextmanager
def discarded_on_failure(names):
    """Deletes the files named when the block raises: wrap the atomic block that records them."""
    try:
        yield
    except BaseException:
        upload_discard(names)
        raise


def media_orphan_sweep(*, now=None):
    """Removes every file under MEDIA_SWEEP_FOLDERS that no row or history row names and that is older
    than MEDIA_ORPHAN_GRACE_HOURS; logs each one; returns the names removed.

    The grace period keeps a file written for a transaction that has not committed yet."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.MEDIA_ORPHAN_GRACE_HOURS)
    old = [name for name in _stored_files() if default_storage.get_modified_time(name) < cutoff]
    named = _named_by_rows(old)
    removed = []
    for name in old:
        if name in named:
            continue
        size = default_storage.size(name)
        default_storage.delete(name)
        logger.warning("media sweep: removed %s (%s bytes), which no row names", name, size)
        removed.append(name)
    return removed


def _stored_files():
    for folder in settings.MEDIA_SWEEP_FOLDERS:
        if default_storage.exists(folder):
            yield from _walk(folder)


def _walk(folder):
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(f"{folder}/{sub}")


def _named_by_rows(names, *, chunk=1000):
    """The names among these that a FileField of any row, or of its history, holds."""
    from oversight.backups.media import file_columns

    named = set()
    for start in range(0, len(names), chunk):
        part = names[start : start + chunk]
        for model, column, _storage, _is_history in file_columns():
            named.update(model._base_manager.filter(**{f"{column}__in": part}).values_list(column, flat=True))
    return named
