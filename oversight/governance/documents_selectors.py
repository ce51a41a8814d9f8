"""Reads of rules, bylaws, policies and procedures (issue 10 part A): what the public sees, what the Board
and the Director see, and a readable difference between two versions."""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_list_for

from .models import DocumentDecision, DocumentVersion, GovernanceDocument

Status = DocumentVersion.Status


@dataclass
class DocumentView:
    """A document with its versions as the viewer may see them, newest first, and its clocks."""

    document: GovernanceDocument
    versions: list = field(default_factory=list)
    clocks: dict = field(default_factory=dict)  # version pk -> {rule: deadline}

    @property
    def current(self):
        return next((v for v in self.versions if v.status == Status.ADOPTED), None)

    @property
    def open_version(self):
        return next((v for v in self.versions if v.is_open_for_input), None)

    def input_period(self, version):
        return self.clocks.get(version.pk, {}).get(Deadline.Rule.COMMENT_PERIOD)

    def lapse_clock(self, version):
        return self.clocks.get(version.pk, {}).get(Deadline.Rule.URGENT_LAPSE)

    def input_last_day(self, version):
        deadline = self.input_period(version)
        return deadline.due_at.astimezone(PACIFIC).date() if deadline else None

    def days_left(self, version, today=None):
        """Days of the input period left, today included (0 once the 30 days have run)."""
        last = self.input_last_day(version)
        if last is None:
            return None
        today = today or timezone.localdate()
        return max(0, (last - today).days + 1)

    def lapses_after(self, version):
        deadline = self.lapse_clock(version)
        return deadline.due_at.astimezone(PACIFIC).date() if deadline and version.is_in_trial else None


def _versions(*, public):
    qs = DocumentVersion.objects.select_related("drafted_by").prefetch_related(
        Prefetch("decisions", queryset=DocumentDecision.objects.order_by("decided_on", "pk"))
    )
    if public:
        qs = qs.filter(status__in=DocumentVersion.PUBLIC_STATUSES)
    return qs.order_by("-number")


def _views(documents, *, public):
    """DocumentViews for the documents, with their versions and clocks: three queries in all."""
    documents = list(documents.prefetch_related(Prefetch("versions", queryset=_versions(public=public))))
    versions = [v for d in documents for v in d.versions.all()]
    clocks = {}
    for pk, deadlines in deadline_list_for(versions).items():
        clocks[pk] = {d.rule: d for d in deadlines}
    views = [DocumentView(document=d, versions=list(d.versions.all()), clocks=clocks) for d in documents]
    today = timezone.localdate()
    for view in views:
        for version, older in zip(view.versions, [*view.versions[1:], None], strict=False):
            # What the pages show of each version, worked out once here.
            version.previous = older
            version.input_last_day = view.input_last_day(version)
            version.days_left = view.days_left(version, today)
            version.lapses_after = view.lapses_after(version)
    return views


def document_list_public():
    """Every document with a public version: open-for-input items first (soonest end first), then by kind
    and title. Constant queries."""
    documents = GovernanceDocument.objects.filter(versions__status__in=DocumentVersion.PUBLIC_STATUSES).distinct()
    views = _views(documents.order_by("kind", "title", "pk"), public=True)
    far = datetime.date.max
    return sorted(
        views,
        key=lambda v: (v.open_version is None, v.input_last_day(v.open_version) if v.open_version else far),
    )


def document_get_public(slug):
    """The document at `slug` with its public versions, or 404 when it has none."""
    views = _views(GovernanceDocument.objects.filter(slug=slug), public=True)
    if not views or not views[0].versions:
        raise Http404
    return views[0]


def version_of(view, number):
    version = next((v for v in view.versions if v.number == number), None)
    if version is None:
        raise Http404
    return version


def document_list_for_staff():
    """Every document with every version, for the Board and the Director. Constant queries."""
    return _views(GovernanceDocument.objects.order_by("kind", "title", "pk"), public=False)


def document_get_for_staff(pk):
    views = _views(GovernanceDocument.objects.filter(pk=pk), public=False)
    if not views:
        raise Http404
    return views[0]


def version_get_for_staff(pk):
    version = DocumentVersion.objects.select_related("document").filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def adopted_bylaws_versions():
    """Adopted bylaws texts: the ones a bylaws version's numbers may belong to."""
    return DocumentVersion.objects.select_related("document").filter(
        document__kind=GovernanceDocument.Kind.BYLAWS, status=Status.ADOPTED
    )


# A readable difference between two versions


_TOKENS = re.compile(r"\s+|[^\s]+")


def _render(tokens):
    return escape("".join(tokens)).replace("\n", "<br>\n")


def version_diff(old_text, new_text):
    """The change from `old_text` to `new_text`, word by word, as HTML: removed words in <del>, added in
    <ins>, each with a visible text marker ([-...-] and [+...+]) and a label for screen readers, so the
    change never depends on colour or strike-through alone. Returns (html, number of changes)."""
    old, new = _TOKENS.findall(old_text or ""), _TOKENS.findall(new_text or "")
    removed, added = escape(_("removed:")), escape(_("added:"))
    parts, changes = [], 0
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(_render(old[a1:a2]))
            continue
        changes += 1
        if a2 > a1:
            parts.append(f'<del><span class="usa-sr-only">{removed} </span>[-{_render(old[a1:a2])}-]</del>')
        if b2 > b1:
            parts.append(f'<ins><span class="usa-sr-only">{added} </span>[+{_render(new[b1:b2])}+]</ins>')
    return mark_safe("".join(parts)), changes  # noqa: S308 - every piece of text is escaped above
