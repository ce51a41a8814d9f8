"""The files rows name: found through every FileField, read and written with their SHA-256."""

import hashlib
import os
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models

from .pgtools import BackupError

CHUNK = 1024 * 1024


def file_columns():
    """(model, column, storage, is_history) for every column that names a stored file: each
    FileField, and the same field in its simple_history table (which keeps the name as text)."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field.attname, field.storage, False
        tracked = getattr(model, "instance_type", None)
        if tracked is not None:
            for field in tracked._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    yield model, field.attname, field.storage, True


def media_root():
    return Path(settings.MEDIA_ROOT).resolve()


def _check_storage(model, column, storage):
    # Only files on the local disk under MEDIA_ROOT are copied; anything else would be silently left out.
    location = getattr(storage, "location", None)
    if not isinstance(storage, FileSystemStorage) or Path(location).resolve() != media_root():
        raise BackupError(
            f"{model._meta.label}.{column} keeps its files in {storage!r}, not on disk under MEDIA_ROOT; "
            "this backup copies only MEDIA_ROOT."
        )


def referenced_files():
    """{name: {"sources": {...}, "recorded_sha256": str}} for every file a row or history row
    names, read in the current transaction (the backup's snapshot)."""
    refs = {}
    for model, column, storage, is_history in file_columns():
        _check_storage(model, column, storage)
        digest = "sha256" if not is_history and "sha256" in {f.attname for f in model._meta.concrete_fields} else None
        rows = (
            model._base_manager.exclude(**{f"{column}__isnull": True})
            .exclude(**{column: ""})
            .values_list(column, *([digest] if digest else []))
            .distinct()
        )
        for row in rows.iterator():
            ref = refs.setdefault(row[0], {"sources": set(), "recorded_sha256": ""})
            ref["sources"].add(f"{model._meta.label}.{column}")
            if digest and row[1]:
                ref["recorded_sha256"] = row[1]
    return refs


def safe_name(name):
    """A stored name as a relative path that cannot leave the folder it is joined to."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        raise BackupError(f"Refusing the file name {name!r}: not a plain relative path.")
    return path


def digest(path):
    """(size, SHA-256 hex) of a file, read in chunks."""
    sha, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


def copy_with_digest(source, target, *, mode):
    """Copies source to a new file target (never over an existing one); (size, SHA-256) of what was read."""
    sha, size = hashlib.sha256(), 0
    with open(source, "rb") as reader:  # first: a missing source leaves no empty copy behind
        target.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "wb") as writer:
            while chunk := reader.read(CHUNK):
                sha.update(chunk)
                writer.write(chunk)
                size += len(chunk)
    return size, sha.hexdigest()
