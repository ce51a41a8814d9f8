"""Reads of raw-data releases (issue 11 part B): the public sees published releases only."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import DataRelease, DataReleaseFile

FILE_ORDER = ("dataset", "format")


def _with_files(qs):
    return qs.prefetch_related(Prefetch("files", queryset=DataReleaseFile.objects.order_by(*FILE_ORDER)))


def published_releases():
    """Published releases, newest first, with their files."""
    return _with_files(DataRelease.objects.filter(status=DataRelease.Status.PUBLISHED).order_by("-version"))


def published_release_get(*, version):
    """One published release with its files, or 404 (an unpublished one is not there for the public)."""
    return get_object_or_404(published_releases(), version=version)


def published_file_get(*, version, dataset, fmt):
    return get_object_or_404(
        DataReleaseFile.objects.select_related("release"),
        release__version=version,
        release__status=DataRelease.Status.PUBLISHED,
        dataset=dataset,
        format=fmt,
    )


def staff_releases():
    """Every release, newest first, with its files and the people who made and published it."""
    return _with_files(DataRelease.objects.select_related("created_by", "published_by").order_by("-version"))
