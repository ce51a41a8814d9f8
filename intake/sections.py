"""The staff case page in sections (issue 12.2): a summary header, a side navigation, and one section at
a time at its own URL, /complaints/staff/cases/<pk>/<section>/.

The sections and their order are intake's; later stages add their parts to a section here, so intake
never imports them. A part registers a ``builder(request, case)`` that returns
``{"template": ..., **context}`` (or None to show nothing) and an ``available(user, case)`` test that
says whether the section is there at all for this user and case. A section with no available part is
left out of the side navigation and answers 404, like a case the user may not see.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.need_to_know import FieldGroup

G = FieldGroup
# Demographics are counted in reports and never shown on the case page.
CASE_PAGE_GROUPS = tuple(g for g in FieldGroup if g != FieldGroup.DEMOGRAPHICS)


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    # The need-to-know groups the section's parts can show: what its read is logged with
    # (oversight/audit/reads.py), as far as the case holds such material the user may read.
    groups: tuple = ()


SECTIONS = (
    Section("complaint", _("Complaint and filers"), (G.FILER_CONTACT,)),
    Section("decision", _("Allegations and decision")),
    Section("investigation", _("Investigation")),
    Section("records", _("Records requests"), (G.PPB_RECORDS,)),
    Section("evidence", _("Evidence"), (G.EVIDENCE, G.COMPELLED, G.PRIVILEGED, G.CONFIDENTIAL)),
    Section("interviews", _("Interviews"), (G.COMPELLED, G.VOLUNTARY, G.PRIVILEGED, G.CONFIDENTIAL)),
    # A finding names the evidence it relied on.
    Section("findings", _("Findings"), (G.EVIDENCE, G.COMPELLED, G.PRIVILEGED, G.CONFIDENTIAL)),
    Section("board", _("Board")),
    Section("discipline", _("Discipline")),
    Section("notices", _("Notices"), (G.FILER_CONTACT,)),
    # Every part's history is listed, whatever it holds.
    Section("timeline", _("Timeline"), CASE_PAGE_GROUPS),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}

# The section a case's current stage needs, shown with the summary at the bare case URL.
SECTION_FOR_STATUS = {
    "received": "decision",
    "resolved": "decision",
    "awaiting_investigation": "investigation",
    "investigating": "investigation",
    "findings_ready": "board",
    "board_review": "board",
    "discipline": "discipline",
    "mayor_review": "investigation",
    "closed": "timeline",
}

_PARTS = []  # (order, section key, builder, available)
_SUMMARY_FACTS = []


def _always(user, case):
    return True


def never(user, case):
    """For a part that joins a section where the section is there: it never makes one available."""
    return False


def register_case_section(order, builder, *, section, available=_always):
    """builder(request, case) returns {"template": ..., **context} or None to show nothing;
    available(user, case) is cheap and runs for the side navigation of every section page."""
    if section not in SECTION_BY_KEY:
        raise ValueError(f"unknown case section {section!r}")
    _PARTS.append((order, section, builder, available))
    _PARTS.sort(key=lambda item: item[0])


def register_case_summary_facts(builder):
    """builder(case) returns a dict for the summary header (the investigator, the next deadline)."""
    _SUMMARY_FACTS.append(builder)


def case_sections_available(user, case):
    """The sections this user may open on this case, in page order."""
    keys = {key for _order, key, _builder, available in _PARTS if available(user, case)}
    return [s for s in SECTIONS if s.key in keys]


def case_sections(request, case, section):
    """The built parts of one section, in order."""
    parts = (builder for _order, key, builder, available in _PARTS if key == section)
    return [part for builder in parts if (part := builder(request, case))]


def case_summary_facts(case):
    facts = {}
    for builder in _SUMMARY_FACTS:
        facts.update(builder(case))
    return facts


def case_section_url(case_or_pk, section=None):
    """The case page at ``section``, or its overview; where a form on that section returns after a POST."""
    pk = getattr(case_or_pk, "pk", case_or_pk)
    if section is None:
        return reverse("intake:case-detail", args=[pk])
    return reverse("intake:case-section", args=[pk, section])


class SectionConverter:
    """Matches only the section keys, so /cases/<pk>/allegations/ and the other POST routes stay theirs."""

    regex = "|".join(s.key for s in SECTIONS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
