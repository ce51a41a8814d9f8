"""The public's pages of rules, bylaws, policies and procedures (issue 10 part A; 35A.010 C/D): the current
copy of every adopted document with its history, the versions open for community input with the days
left, and a readable difference between versions."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from oversight.accounts.roles import public

from .documents_selectors import document_get_public, document_list_public, version_diff, version_of
from .models import GovernanceDocument


def _kinds(views):
    groups = {kind: [] for kind in GovernanceDocument.Kind.values}
    for view in views:
        groups[view.document.kind].append(view)
    return [(GovernanceDocument.Kind(kind).label, rows) for kind, rows in groups.items() if rows]


@public
@require_GET
def document_list(request):
    """Open-for-input items first, with the days left; then every document by kind with its current copy."""
    views = document_list_public()
    return render(
        request,
        "participate/document_list.html",
        {"open_views": [v for v in views if v.open_version], "kinds": _kinds(views), "today": timezone.localdate()},
    )


@public
@require_GET
def document_detail(request, slug):
    """The current copy, the version open for input (with its comments) and the history of versions."""
    view = document_get_public(slug)
    return render(
        request,
        "participate/document_detail.html",
        {"view": view, "version": view.current, "today": timezone.localdate()},
    )


@public
@require_GET
def document_version(request, slug, number):
    """One version as published, with its comments while it takes input."""
    view = document_get_public(slug)
    version = version_of(view, number)
    previous = next((v for v in view.versions if v.number < number), None)
    return render(
        request,
        "participate/document_version.html",
        {"view": view, "version": version, "previous": previous, "today": timezone.localdate()},
    )


@public
@require_GET
def document_compare(request, slug, old, new):
    """What changed from version `old` to version `new`, word by word."""
    view = document_get_public(slug)
    if old >= new:
        raise Http404
    older, newer = version_of(view, old), version_of(view, new)
    diff, changes = version_diff(older.text, newer.text)
    return render(
        request,
        "participate/document_compare.html",
        {"view": view, "older": older, "newer": newer, "diff": diff, "changes": changes},
    )
