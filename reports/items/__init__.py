"""What the annual (and quarterly) report says: items a to q of 35A.050 F.1, as a JSON-able snapshot
(issue 11, R5.1, R5.2). Part A2's editions freeze it at publication and render it.

``report_build(*, start, end, kind)`` is a pure read over [start, end) with a constant number of queries,
whatever the number of cases. Every text in it is a msgid (translated when rendered); people appear only
as pseudonyms from ONE map per report. Its shape is the contract in the module's blocks and items:
{"kind", "start", "end", "highlights": [block], "items": [{"key", "title", "source", "narrative_field",
"is_recorded", "blocks"}]}.
"""

from django.utils import translation
from django.utils.translation import gettext_noop

from oversight.db_router import use_replica

from .blocks import figures, row
from .board import item_a, item_b, item_c, item_o
from .cases import item_d
from .compliance import item_l, item_m, item_n
from .context import ANNUAL, QUARTERLY, Period, case_totals
from .outcomes import item_h, item_i, item_j, item_k
from .people import item_contract, item_e, item_f, item_g, item_p, item_q

# In the code's order. Item d comes first in the building so the pseudonym letters follow case numbers.
BUILDERS = {
    "a": item_a,
    "b": item_b,
    "c": item_c,
    "d": item_d,
    "e": item_e,
    "f": item_f,
    "g": item_g,
    "h": item_h,
    "i": item_i,
    "j": item_j,
    "k": item_k,
    "l": item_l,
    "m": item_m,
    "n": item_n,
    "o": item_o,
    "p": item_p,
    "q": item_q,
    "contract": item_contract,
}
# A quarter's report to Council (R5.2) leaves out what only a year can say: the overview of the Board,
# the Board's trainings, and the trends (which need twelve months).
ANNUAL_ONLY = ("a", "o", "p")


def report_build(*, start, end, kind=ANNUAL):
    """The report's snapshot for [start, end): highlights and items a to q (and the contract metrics).
    Reads only; every text a msgid; people only as pseudonyms."""
    if kind not in (ANNUAL, QUARTERLY):
        raise ValueError(f"unknown report kind {kind!r}")
    if end <= start:
        raise ValueError("the period must end after it starts")
    period = Period(start=start, end=end, kind=kind)
    keys = [k for k in BUILDERS if kind == ANNUAL or k not in ANNUAL_ONLY]
    with translation.override("en"), use_replica():
        built = {"d": item_d(period)}
        built.update({k: BUILDERS[k](period) for k in keys if k != "d"})
        highlights = highlights_build(period)
    return {
        "kind": kind,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "highlights": highlights,
        "items": [built[k] for k in keys],
    }


def highlights_build(period):
    """The computed highlights shown beside the Director's executive summary (from counts already made)."""
    cases = case_totals(period)
    allegations = period.shared["allegations"]
    return [
        figures(
            row(gettext_noop("Cases received"), cases["total"]),
            row(gettext_noop("Incidents OCPA must investigate (opened without a complaint)"), cases["mandatory"]),
            row(gettext_noop("Allegations"), allegations["total"]),
            row(
                gettext_noop("Cases sent to a full investigation"),
                cases["investigate"],
                total=cases["decided"],
                of=gettext_noop("of cases with a decision"),
            ),
            row(
                gettext_noop("Allegations sustained (final finding)"),
                allegations["sustained"],
                total=allegations["total"],
                of=gettext_noop("of allegations"),
            ),
            row(gettext_noop("Investigations past 180 days"), period.shared["breaches"]["investigations"]),
            row(gettext_noop("Policy recommendations adopted"), period.shared["recommendations"]),
        )
    ]


__all__ = ["ANNUAL", "QUARTERLY", "report_build"]
