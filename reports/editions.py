"""Report editions (R5.1, R5.2; issue 11 part A2): one service per verb of ``ReportEdition.TRANSITIONS``.

- ``edition_draft_build`` creates the period's draft or refreshes its snapshot from ``report_build``;
- ``edition_narrative_update`` saves the Director's texts on a draft;
- ``edition_publish`` freezes a draft for good (and supersedes the version it corrects);
- ``edition_correct`` starts version n+1 as a draft, copying the narratives, with its changelog;
- ``edition_pdf_render`` renders the PDF outside any transaction: a draft's is replaced on each run,
  a published edition's, once stored, never is;
- ``edition_schedule_run`` builds the annual draft on ANNUAL_REPORT_DATE and the quarterly ones the
  day after a quarter ends, once, and tells the Directors.
A published or superseded edition is never changed by any service but the move to ``superseded``.
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from oversight.accounts.alerts import active_directors, staff_notice_item
from oversight.accounts.roles import Role, has_role
from oversight.calendar.business_days import PACIFIC
from oversight.db_router import use_replica
from oversight.history import save_audited, save_changed
from oversight.notices.services import notice_send
from oversight.pdf import render_pdf

from .items.cases import case_texts, localized_case
from .models import ReportEdition
from .models.editions import NARRATIVE_FIELDS

Kind, Status = ReportEdition.Kind, ReportEdition.Status
FIRST_YEAR = 2025
PDF_TEMPLATE = "reports/annual_report_pdf.html"


def can_manage_editions(user):
    """The Director writes and publishes the reports; the administrator may run them too."""
    return has_role(user, Role.DIRECTOR, Role.ADMIN)


def can_write_editions(user):
    """The report's texts, its publication and its corrections are the Director's (35A.050 F: the Director
    writes the executive summary); the administrator only runs the builds and renders."""
    return has_role(user, Role.DIRECTOR)


def _check_actor(actor, *, system_allowed=False, director_only=False):
    if actor is None and system_allowed:
        return
    allowed = can_write_editions(actor) if director_only else can_manage_editions(actor)
    if not allowed:
        raise PermissionDenied(_("Only the Director edits and publishes the reports."))


def period_dates(kind, year, quarter=None):
    """The report's period [start, end) as dates: a calendar year, or a quarter of it."""
    if kind == Kind.ANNUAL:
        return date(year, 1, 1), date(year + 1, 1, 1)
    start = date(year, 3 * (quarter - 1) + 1, 1)
    return start, (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1))


def _check_period(kind, year, quarter):
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose annual or quarterly.")})
    if kind == Kind.ANNUAL and quarter is not None:
        raise ValidationError({"quarter": _("An annual report has no quarter.")})
    if kind == Kind.QUARTERLY and quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose a quarter from 1 to 4.")})
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Choose a year from %(first)s to this year.") % {"first": FIRST_YEAR}})
    if period_dates(kind, year, quarter)[0] > timezone.localdate():
        raise ValidationError({"quarter": _("This period has not begun.")})


def _lock(edition):
    return ReportEdition.objects.select_for_update().get(pk=edition.pk)


def _refuse_frozen(edition):
    if edition.is_frozen:
        raise ValidationError(_("A published report never changes. Start a correction to publish a new version."))


def _snapshot(kind, year, quarter):
    from reports.items import report_build  # part A1's package

    start, end = period_dates(kind, year, quarter)
    with use_replica():  # reads only: the counts may come from a read replica (DATABASE_REPLICA_URL)
        return report_build(start=start, end=end, kind=kind)


def edition_draft_build(*, kind, year, quarter=None, actor):
    """Creates the period's draft, or refreshes the draft's snapshot from the data; refused once the
    period's report is published (a correction is the way to change it). ``actor`` None is the schedule."""
    _check_actor(actor, system_allowed=True)
    _check_period(kind, year, quarter)
    snapshot = _snapshot(kind, year, quarter)  # the slow reads, before any row is locked
    try:
        return _draft_store(kind, year, quarter, snapshot, actor)
    except IntegrityError:  # another build created the draft at the same moment: refresh that one
        return _draft_store(kind, year, quarter, snapshot, actor)


@transaction.atomic
def _draft_store(kind, year, quarter, snapshot, actor):
    period = ReportEdition.objects.select_for_update().filter(kind=kind, year=year, quarter=quarter)
    draft = period.filter(status=Status.DRAFT).first()
    reason = "Draft rebuilt from the data"
    if draft is None:
        if period.exists():
            raise ValidationError(_("This report is published. Start a correction to publish a new version."))
        draft, reason = ReportEdition(kind=kind, year=year, quarter=quarter, version=1), "Draft built from the data"
    draft.snapshot, draft.built_at = snapshot, timezone.now()
    return save_audited(draft, actor=actor, reason=reason)


@transaction.atomic
def edition_narrative_update(*, edition, actor, **texts):
    """Saves the Director's texts (executive summary, narratives, a correction's changelog) on a draft;
    the same texts twice change nothing."""
    _check_actor(actor, director_only=True)
    allowed = set(NARRATIVE_FIELDS) | {"changelog"}
    unknown = set(texts) - allowed
    if unknown:
        raise ValueError(f"not a narrative field: {sorted(unknown)}")
    edition = _lock(edition)
    _refuse_frozen(edition)
    texts = {name: str(value or "").strip() for name, value in texts.items()}
    if edition.version > 1 and "changelog" in texts and not texts["changelog"]:
        raise ValidationError({"changelog": _("Say what this correction changed.")})
    if edition.version == 1:
        texts.pop("changelog", None)
    return save_changed(edition, texts, actor=actor, reason="Narratives edited")


@transaction.atomic
def edition_publish(*, edition, actor):
    """Freezes a draft as the published report (its PDF is rendered after commit); publishing a
    correction marks the version it corrects superseded. Publishing twice changes nothing."""
    _check_actor(actor, director_only=True)
    edition = _lock(edition)
    if edition.status == Status.PUBLISHED:
        return edition
    if Status.PUBLISHED not in ReportEdition.TRANSITIONS[edition.status]:
        raise ValidationError(_("This version was superseded by a correction; it cannot be published again."))
    if edition.built_at is None or not edition.snapshot:
        raise ValidationError(_("Build the report from the data before publishing it."))
    if edition.version > 1 and not edition.changelog.strip():
        raise ValidationError({"changelog": _("Say what this correction changed before publishing it.")})
    earlier = ReportEdition.objects.select_for_update().filter(
        kind=edition.kind, year=edition.year, quarter=edition.quarter, status=Status.PUBLISHED
    )
    for old in earlier:
        old.status = Status.SUPERSEDED
        save_audited(old, actor=actor, reason=f"Superseded by version {edition.version}", update_fields=["status"])
    # A draft's PDF may predate the last edit: the published edition gets its own, rendered after commit.
    draft_pdf = edition.pdf.name
    edition.status, edition.published_at, edition.published_by = Status.PUBLISHED, timezone.now(), actor
    edition.pdf, edition.pdf_rendered_at = "", None
    fields = ["status", "published_at", "published_by", "pdf", "pdf_rendered_at"]
    save_audited(edition, actor=actor, reason="Report published", update_fields=fields)
    if draft_pdf:
        transaction.on_commit(lambda: default_storage.delete(draft_pdf))
    transaction.on_commit(lambda: _ring_pdf(edition.pk))
    return edition


def _ring_pdf(edition_id):
    from oversight.doorbell import ring

    from .tasks import edition_pdf_render_task

    ring(edition_pdf_render_task, edition_id)


@transaction.atomic
def edition_correct(*, edition, actor, changelog):
    """Starts version n+1 of a published report as a draft with the same snapshot and narratives and a
    changelog; asking again while that draft exists returns it."""
    _check_actor(actor, director_only=True)
    edition = _lock(edition)
    changelog = str(changelog or "").strip()
    if edition.status != Status.PUBLISHED:
        raise ValidationError(_("Only the published version of a report can be corrected."))
    draft = ReportEdition.objects.filter(
        kind=edition.kind, year=edition.year, quarter=edition.quarter, status=Status.DRAFT
    ).first()
    if draft is not None:
        return draft
    if not changelog:
        raise ValidationError({"changelog": _("Say what this correction changes.")})
    draft = ReportEdition(
        kind=edition.kind,
        year=edition.year,
        quarter=edition.quarter,
        version=edition.version + 1,
        snapshot=edition.snapshot,
        built_at=edition.built_at,
        changelog=changelog,
        **{name: getattr(edition, name) for name in NARRATIVE_FIELDS},
    )
    return save_audited(draft, actor=actor, reason=f"Correction of version {edition.version} started")


def edition_pdf_render(*, edition, actor=None, progress=None):
    """Renders the edition's PDF from the same body as its page, outside any transaction, then stores
    it: a draft's replaces the last one; a published edition keeps the first one stored."""
    progress = progress or (lambda *step: None)
    edition = ReportEdition.objects.get(pk=edition.pk)
    if edition.is_frozen and edition.pdf:
        return edition
    progress(0, 3, gettext_noop("Rendering the PDF…"))
    pdf = render_pdf(PDF_TEMPLATE, edition_context(edition, for_print=True))
    progress(1, 3, gettext_noop("Storing the PDF…"))
    name = f"reports/editions/{edition.kind}-{edition.period_label.replace(' ', '-')}-v{edition.version}"
    stored = default_storage.save(f"{name}-{uuid.uuid4().hex[:8]}.pdf", ContentFile(pdf))
    with transaction.atomic():
        edition = _lock(edition)
        if edition.is_frozen and edition.pdf:  # another run stored it first; the published file stays
            default_storage.delete(stored)
            return edition
        old = edition.pdf.name if edition.is_draft else ""
        edition.pdf.name, edition.pdf_rendered_at = stored, timezone.now()
        save_audited(edition, actor=actor, reason="PDF rendered", update_fields=["pdf", "pdf_rendered_at"])
        if old:
            transaction.on_commit(lambda: default_storage.delete(old))
    progress(2, 3, gettext_noop("The PDF is stored."))
    return edition


def edition_heading(edition):
    """The report's title in the active language."""
    if edition.kind == Kind.ANNUAL:
        return _("Annual report %(y)s") % {"y": edition.year}
    return _("Quarterly report %(year)s, quarter %(quarter)s") % {"year": edition.year, "quarter": edition.quarter}


CASES_PER_PAGE = 100


def edition_context(edition, *, cases_page=1, for_print=False):
    """What the page and the PDF render the edition from (the same partial for both).

    Item d's list of cases is long (2,454 cases, 4.6 MB of text, about 1,000 printed pages in the
    synthetic year at 100,000 cases): the page shows ``CASES_PER_PAGE`` of them at a time
    (``cases_page``), the PDF (``for_print``) says how many there are and where they are listed, and
    every case is in the edition's CSV (``edition_cases_csv_rows``)."""
    return {
        "edition": edition,
        "heading": edition_heading(edition),
        "snapshot": _paged_snapshot(edition, cases_page, for_print),
        "narratives": {name: getattr(edition, name) for name in NARRATIVE_FIELDS},
        "prose_language": settings.LANGUAGE_CODE,
    }


def _paged_snapshot(edition, cases_page, for_print):
    snapshot = edition.snapshot or {}
    items = []
    for item in snapshot.get("items", []):
        blocks = [
            _paged_cases(edition, b, cases_page, for_print) if b.get("type") == "cases" else b
            for b in item.get("blocks", [])
        ]
        items.append({**item, "blocks": blocks})
    return {**snapshot, "items": items} if snapshot else snapshot


def _paged_cases(edition, block, page, for_print):
    cases = block.get("cases", [])
    total = len(cases)
    pages = max(1, -(-total // CASES_PER_PAGE))
    page = min(max(1, page), pages)
    first = (page - 1) * CASES_PER_PAGE
    texts = case_texts()
    shown = [] if for_print else [localized_case(case, texts) for case in cases[first : first + CASES_PER_PAGE]]
    csv_url = reverse("reports:edition-cases-csv", kwargs={"pk": edition.pk})
    return {
        **block,
        "cases": shown,
        "total": total,
        "page": page,
        "pages": pages,
        "first": first + 1 if shown else 0,
        "last": first + len(shown),
        "csv_url": csv_url,
        "csv_link": settings.SITE_URL.rstrip("/") + csv_url,
    }


CASES_CSV_HEADER = (
    gettext_noop("Case"),
    gettext_noop("Kind"),
    gettext_noop("People"),
    gettext_noop("Nature of the allegations"),
    gettext_noop("Decision"),
    gettext_noop("Findings"),
    gettext_noop("Discipline"),
    gettext_noop("Summary"),
)


def edition_cases_csv_rows(edition):
    """Item d's cases (every case closed after a full investigation) as CSV rows in the reader's
    language: the header, then one row per case."""
    yield [_(name) for name in CASES_CSV_HEADER]
    texts = case_texts()
    for item in (edition.snapshot or {}).get("items", []):
        for block in item.get("blocks", []):
            if block.get("type") != "cases":
                continue
            for entry in block.get("cases", []):
                case = localized_case(entry, texts)
                yield [
                    _(case.get("label") or ""),
                    _(case.get("type") or ""),
                    ", ".join(case.get("pseudonyms") or []),
                    ", ".join(_(a) for a in case.get("allegations") or [] if a),
                    _(case.get("decision") or ""),
                    _path_text(case.get("findings"), "investigator"),
                    _path_text(case.get("discipline"), "proposed"),
                    case.get("summary") or "",
                ]


def _path_text(values, first_step):
    """A case's findings or discipline as one line: "Employee A, Discourtesy: investigator X; Board Y;
    final Z; ..." (the text the page's lists show)."""
    parts = []
    for value in values or []:
        if not isinstance(value, dict):
            parts.append(_(value) if value else "")
            continue
        who = ", ".join(
            x for x in (value.get("employee") or "", _(value["allegation"]) if value.get("allegation") else "") if x
        )
        steps = []
        if first_step in value:
            steps.append(f"{_(first_step)} {_(value[first_step]) if value[first_step] else '—'}")
        steps.append(f"{_('Board')} {_(value['board']) if value.get('board') else '—'}")
        steps.append(f"{_('final')} {_(value['final']) if value.get('final') else '—'}")
        parts.append(f"{who}: {'; '.join(steps)}")
    return "; ".join(parts)


# The schedule (R5.1 "a consistent date each year", R5.2 quarterly reports to Council).


def _scheduled_periods(today):
    month, day = (int(part) for part in settings.ANNUAL_REPORT_DATE.split("-"))
    periods = []
    if (today.month, today.day) == (month, day):
        periods.append((Kind.ANNUAL, today.year - 1, None))
    if settings.QUARTERLY_REPORTS and today.day == 1 and today.month in (1, 4, 7, 10):
        quarter = (today.month - 1) // 3 or 4
        periods.append((Kind.QUARTERLY, today.year - 1 if quarter == 4 else today.year, quarter))
    return periods


def edition_schedule_run(*, now=None):
    """On the day, builds each scheduled draft that does not exist yet (so running twice builds once) and
    tells each active Director; returns the drafts built now."""
    today = (now or timezone.now()).astimezone(PACIFIC).date()
    built = []
    for kind, year, quarter in _scheduled_periods(today):
        if year < FIRST_YEAR or ReportEdition.objects.filter(kind=kind, year=year, quarter=quarter).exists():
            continue
        try:
            edition = edition_draft_build(kind=kind, year=year, quarter=quarter, actor=None)
        except ValidationError:  # published in between by hand: nothing to build
            continue
        _tell_directors(edition)
        built.append(edition)
    return built


@transaction.atomic
def _tell_directors(edition):
    values = {"period": edition.period_label}
    if edition.kind == Kind.ANNUAL:
        subject = _("The annual report for %(period)s is ready to edit") % values
    else:
        subject = _("The quarterly report for %(period)s is ready to edit") % values
    url = settings.SITE_URL.rstrip("/") + reverse("reports:edition-detail", kwargs={"pk": edition.pk})
    body = _(
        "A draft was built from the data. Write the executive summary and the narratives, then publish it: %(url)s"
    ) % {"url": url}
    for user in active_directors():
        notice_send(
            actor=None,
            about=edition,
            dedupe_key=f"report-edition:{edition.pk}:draft-built:user{user.pk}",
            **staff_notice_item(user, subject, body),
        )


def edition_pdf_missing():
    """Published editions whose PDF was never stored (a doorbell missed): the schedule renders them."""
    return list(
        ReportEdition.objects.filter(status__in=(Status.PUBLISHED, Status.SUPERSEDED), pdf="").values_list(
            "pk", flat=True
        )
    )
