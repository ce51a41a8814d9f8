"""Every string a member of the public can see is translated into every language (R1.1).

What counts as public is listed here, once:
- PUBLIC_FILES: templates (and Python modules) whose every string is public;
- PUBLIC_CODE: classes and functions inside mixed modules (the public form, the choices it
  and the annual report show), matched by the line numbers in the catalog's "#:" references;
- any string whose source carries a "Translators: public" comment (notices to filers).
Staff-only strings may stay English. After adding strings run `make messages`, translate what
`make messages-check` names, and run it again.
"""

import importlib
import inspect
import os
import re
import shutil
from collections import Counter
from datetime import timedelta
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation

from intake.models import Case
from intake.neighbourhoods import NOT_SURE
from intake.public_forms import PublicComplaintForm
from investigations.models import FindingOutcome
from tests.po import header, parse

BASE = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

PUBLIC_FILES = (
    "templates/base.html",
    "templates/40*.html",
    "templates/429.html",
    "templates/50*.html",
    "templates/partials/*.html",
    "templates/public/*",
    "templates/intake/complaint_*.html",
    "templates/intake/partials/_paper_form_link.html",
    "templates/reports/annual_report.html",
    "templates/accounts/login.html",
    "templates/intake/status_lookup.html",
    "templates/uploads/refused.html",
    "templates/notices/partials/_letter.html",
    "oversight/django_strings.py",
    "intake/paper_form.py",
    "intake/public_forms.py",
    "oversight/public_forms.py",
    "intake/public_views.py",
    "intake/status.py",
    "intake/filer_models.py",
    "intake/filer_notices.py",
    "intake/filing.py",
    "intake/neighbourhoods.py",
    "templates/discipline/public/*",
    "templates/discipline/partials/_status_results.html",
    "templates/discipline/partials/_status_appeal.html",
    "templates/discipline/partials/_hearing_when.html",
    "templates/discipline/appeal_status_form.html",
    "discipline/status_results.py",
    "discipline/results_told.py",
    # Issue 10: the public's side of governance. Its templates and its public view modules.
    "templates/participate/*",
    "templates/participate/partials/*",
    "oversight/governance/public_*.py",
    # Issue 11 part A2: the published reports' pages, their PDF and the snapshot renderer.
    "templates/reports/annual_report*.html",
    "templates/reports/partials/_edition_body.html",
    "templates/reports/partials/_report_block.html",
    "templates/reports/partials/_report_list.html",
    "reports/templatetags/report_editions.py",
    # Issue 11 part C: the dashboard, the "Data and reports" hub, and the chart kernel every report uses.
    "templates/reports/dashboard.html",
    "templates/reports/hub.html",
    "templates/reports/partials/_chart.html",
    "reports/charts.py",
    "reports/dashboard.py",
    "reports/dashboard_forms.py",
    "reports/dashboard_views.py",
    # Issue 11 part D: the contract-accountability page, its definitions and the figures' texts.
    "templates/reports/accountability*.html",
    "templates/reports/partials/_year_form.html",
    "templates/reports/partials/_metric_value.html",
    "reports/accountability.py",
    # Issue 11 part A1: the annual report's items a-q (every text in a snapshot is shown on the public page).
    "reports/items/*.py",
    # Issue 11 part B: the raw-data release pages, the dictionary and crosswalk texts.
    "templates/reports/data_index.html",
    "templates/reports/data_release.html",
    "templates/reports/data_dictionary.html",
    "templates/reports/partials/_release_files.html",
    "reports/releases.py",
    "reports/crosswalk.py",
)
PUBLIC_CODE = (
    "intake.forms.ComplaintForm",
    "intake.models.Complaint",
    "intake.models.Case.Decision",
    "investigations.models.FindingOutcome",
    "reports.selectors.annual_report_data",
    # Issue 11 part A2: the titles of the published reports.
    "reports.views._annual_heading",
    "reports.views._quarterly_heading",
    "reports.editions.edition_heading",
    "discipline.appeal_forms.FilerAppealForm",
    # Decorated functions: __wrapped__ reaches the function in its own module.
    "discipline.appeal_views.status_appeal.__wrapped__.__wrapped__",
    "discipline.appeal_views._file",
    "discipline.appeals.window_text",
    "discipline.appeals.AppealOption",
    "discipline.appeals._option",
    "discipline.appeals._late_reason",
    "discipline.appeals.appeal_file.__wrapped__",
    "discipline.models.Appeal.Status",
    "discipline.models.Appeal.Outcome",
    "discipline.models.Panel.Kind",
    "discipline.models.DisciplineDecision.Action",
    "discipline.models.panels.NoFindingRule",
    "discipline.models.Loudermill.Outcome",
    "discipline.models.PostBoardProceeding.Kind",
    "discipline.models.PostBoardProceeding.Outcome",
    "oversight.governance.models.TieRule",
    # Issue 11: item q shows PPB feedback by topic.
    "oversight.governance.models.PpbFeedback.Topic",
    # Issue 10: public choices and forms, one anchor per part (A to F).
    # Part A: document kinds and version statuses shown on /participate/documents/.
    "oversight.governance.models.GovernanceDocument.Kind",
    "oversight.governance.models.DocumentVersion.Status",
    "oversight.governance.documents_selectors.version_diff",
    # Issue 10 part B: the comment service's refusals, shown on the public form.
    "oversight.governance.comments.comment_submit.__wrapped__",
    "oversight.governance.comments.personal_data_redacted",
    # Issue 10 part C: a recommendation's status, origin, PPB's answer, Council's vote, implementation.
    "oversight.governance.models.PolicyRecommendation.Status",
    "oversight.governance.models.PolicyRecommendation.Origin",
    "oversight.governance.models.PolicyRecommendation.Answer",
    "oversight.governance.models.PolicyRecommendation.CouncilOutcome",
    "oversight.governance.models.PolicyRecommendation.Implementation",
    # Issue 10 part D: sentinel review statuses and participant kinds, deadly-force kinds, pseudonyms.
    "oversight.governance.models.SentinelReview.Status",
    "oversight.governance.models.SentinelParticipant.Kind",
    "intake.models.MandatoryCategory",
    "oversight.pseudonyms.PseudonymMap._add",
    "oversight.pseudonyms.PseudonymMap._replacements",
    "discipline.closed_case_review_views.public_review_list.__wrapped__",
    "discipline.closed_case_review_views.public_batch_detail.__wrapped__",
    "discipline.closed_case_review_views.public_review_detail.__wrapped__",
    "discipline.closed_case_review_views.public_review_pdf.__wrapped__",
    # Issue 10 part E: the nature of civil suits and the kind and status of meetings, on the public pages.
    "oversight.governance.models.CivilSuit.Nature",
    "oversight.governance.models.BoardMeeting.Kind",
    "oversight.governance.models.BoardMeeting.Status",
)
PUBLIC_MARK = "Translators: public"
# Keep in step with the Makefile's `messages` target.
IGNORED = [".venv", "node_modules", "tests", "benchmarks", ".local", "static"]

_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{(\w*)\}")


def po_path(language):
    return BASE / "locale" / translation.to_locale(language) / "LC_MESSAGES" / "django.po"


@cache
def catalog(language):
    return parse(po_path(language).read_text(encoding="utf-8"))


@cache
def public_code_lines():
    """{relative path: [(first, last) line]} for each PUBLIC_CODE object."""
    ranges = {}
    for dotted in PUBLIC_CODE:
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable prefix is the module
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
            break
        lines, first = inspect.getsourcelines(obj)
        path = Path(inspect.getsourcefile(obj)).resolve().relative_to(BASE).as_posix()
        ranges.setdefault(path, []).append((first, first + len(lines) - 1))
    return ranges


def is_public_reference(reference):
    path, _sep, line = reference.rpartition(":")
    if any(fnmatch(path, pattern) for pattern in PUBLIC_FILES):
        return True
    return any(first <= int(line) <= last for first, last in public_code_lines().get(path, ()))


def is_public(entry):
    return any(PUBLIC_MARK in comment for comment in entry.comments) or any(
        is_public_reference(ref) for ref in entry.references
    )


def placeholders(text):
    return Counter(a or b for a, b in _PLACEHOLDER.findall(text))


def describe(entry):
    return f"  {entry.msgid!r}  ({', '.join(entry.files)})"


def test_the_public_set_is_not_empty_and_covers_the_form():
    public = [e.msgid for e in catalog("es") if is_public(e)]
    assert len(public) > 50
    assert "Who is filing this complaint?" in public
    assert "I experienced the alleged misconduct" in public
    assert "Your complaint %(number)s was received" in public


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_string_is_translated(language):
    missing = [e for e in catalog(language) if is_public(e) and not e.is_translated]
    assert not missing, (
        f"{len(missing)} public string(s) untranslated or fuzzy in {po_path(language).relative_to(BASE)}:\n"
        + "\n".join(describe(e) for e in missing)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    wrong = []
    for entry in catalog(language):
        if not entry.is_translated:
            continue
        expected = placeholders(entry.msgid_plural or entry.msgid)
        for index, text in entry.msgstr.items():
            # A singular form may name its count in words ("one case"); plurals must not.
            wanted = placeholders(entry.msgid) if entry.msgid_plural and index == 0 else expected
            if placeholders(text) != wanted and not (entry.msgid_plural and placeholders(text) == expected):
                wrong.append(f"  {entry.msgid!r}\n    [{index}] {text!r}")
    assert not wrong, f"Placeholders differ from the English in {language}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_have_every_form_of_the_language(language):
    nplurals = int(re.search(r"nplurals=(\d+)", header(po_path(language).read_text())["Plural-Forms"]).group(1))
    wrong = [describe(e) for e in catalog(language) if e.msgid_plural and e.is_translated and len(e.msgstr) != nplurals]
    assert not wrong, f"{language} needs {nplurals} plural forms:\n" + "\n".join(wrong)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Runs makemessages over a copy of the source, so the real catalogs stay untouched."""
    root = tmp_path_factory.mktemp("source")
    for item in BASE.iterdir():
        if item.name in (*IGNORED, ".git", "locale", "media", "test-results") or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, root / item.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif item.suffix in (".py", ".html", ".txt"):
            shutil.copy(item, root / item.name)
    (root / "locale").mkdir()
    cwd = Path.cwd()
    try:
        os.chdir(root)
        with override_settings(LOCALE_PATHS=[root / "locale"]):
            call_command("makemessages", locale=["es"], ignore_patterns=IGNORED, verbosity=0)
    finally:
        os.chdir(cwd)
    return parse((root / "locale" / "es" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_hold_every_string_in_the_source(extracted, language):
    def key(entry):
        return (entry.msgctxt, entry.msgid)

    have = {key(e) for e in catalog(language)}
    source = {key(e) for e in extracted}
    missing = [e for e in extracted if key(e) not in have]
    stale = [e for e in catalog(language) if key(e) not in source]
    assert not (missing or stale), (
        f"locale/{translation.to_locale(language)} is out of date with the source; run `make messages`.\n"
        + "".join(f"new:   {describe(e)}\n" for e in missing)
        + "".join(f"gone:  {describe(e)}\n" for e in stale)
    )


PROPER_NAME_FIELDS = ("neighbourhood", "language")
# Words that are correctly spelled the same in English and the language.
SAME_IN = {"es": {"No"}}


def _form_texts(language):
    """Every text of the public form a filer may see, in order: labels, hints, choices, errors."""
    with translation.override(language):
        texts = []
        future = (timezone.localdate() + timedelta(days=2)).isoformat()
        for data in ({}, {"incident_on": future, "contact_email": "not-an-address", "filer_type": "x"}):
            form = PublicComplaintForm(data=data)
            form.is_valid()
            for field in form:
                if field.is_hidden:
                    continue
                texts += [str(field.label), str(field.help_text or "")]
                texts += [
                    str(label)
                    for value, label in getattr(field.field, "choices", [])
                    # Neighborhoods are proper names and languages are named in themselves.
                    if value and not (field.name in PROPER_NAME_FIELDS and value != NOT_SURE)
                ]
                texts += [str(error) for error in field.errors]
        texts += [str(label) for label in Case.Decision.labels] + [str(label) for label in FindingOutcome.labels]
        return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_form_speaks_the_language(language):
    english, translated = _form_texts("en"), _form_texts(language)
    assert len(english) == len(translated)
    same = sorted(
        {e for e, t in zip(english, translated, strict=True) if e and e == t and e not in SAME_IN.get(language, ())}
    )
    assert not same, f"Shown in English on the {language} form:\n" + "\n".join(f"  {s!r}" for s in same)
