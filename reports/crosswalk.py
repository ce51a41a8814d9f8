"""The peers crosswalk (issue 11 section 6): Portland's four findings and six kinds of discipline in the
vocabularies of NYC's Civilian Complaint Review Board (CCRB), Chicago's Civilian Office of Police
Accountability (COPA) and the Invisible Institute's Citizens Police Data Project (CPDB, which uses the
Chicago Police Department's categories), so a researcher can put our release beside theirs.

Each row: our value, the three peers' terms, and a note where the match is not exact. The notes and
labels are msgids (``gettext_noop``), translated where shown; the peers' terms are proper names of
their categories and stay in English in the files.
"""

from django.utils.translation import gettext_noop

from discipline.models import DisciplineDecision
from investigations.models import FindingOutcome

PEERS = ("ccrb", "copa", "cpdb")
PEER_NAMES = {
    "ccrb": gettext_noop("New York City Civilian Complaint Review Board (CCRB)"),
    "copa": gettext_noop("Chicago Civilian Office of Police Accountability (COPA)"),
    "cpdb": gettext_noop(
        "Invisible Institute Citizens Police Data Project (CPDB, Chicago Police Department categories)"
    ),
}

FINDINGS = {
    FindingOutcome.OUT_OF_POLICY: {
        "ccrb": "Substantiated",
        "copa": "Sustained",
        "cpdb": "Sustained",
        "note": "",
    },
    FindingOutcome.IN_POLICY: {
        "ccrb": "Exonerated",
        "copa": "Exonerated",
        "cpdb": "Exonerated",
        "note": gettext_noop(
            "In Policy means the conduct happened and was within policy: the peers call this exonerated, "
            "not 'not sustained'."
        ),
    },
    FindingOutcome.UNFOUNDED: {
        "ccrb": "Unfounded",
        "copa": "Unfounded",
        "cpdb": "Unfounded",
        "note": "",
    },
    FindingOutcome.INSUFFICIENT_EVIDENCE: {
        "ccrb": "Unsubstantiated",
        "copa": "Not Sustained",
        "cpdb": "Not Sustained",
        "note": gettext_noop(
            "Insufficient Evidence: the evidence could not show whether the conduct happened or broke policy."
        ),
    },
}

DISCIPLINE = {
    DisciplineDecision.Action.COMMAND_COUNSELING: {
        "ccrb": "Instructions",
        "copa": "Violation Noted",
        "cpdb": "Violation Noted",
        "note": gettext_noop(
            "Counseling by a commander is not a disciplinary penalty in Chicago's or New York's terms."
        ),
    },
    DisciplineDecision.Action.CORRECTIVE_TRAINING: {
        "ccrb": "Formalized Training",
        "copa": "Violation Noted",
        "cpdb": "Violation Noted",
        "note": gettext_noop("Chicago records training outside discipline; the nearest category is given."),
    },
    DisciplineDecision.Action.LETTER_OF_REPRIMAND: {
        "ccrb": "Command Discipline A",
        "copa": "Reprimand",
        "cpdb": "Reprimand",
        "note": gettext_noop(
            "NYC's Command Discipline A or B may also take vacation days; a Portland letter of reprimand does not."
        ),
    },
    DisciplineDecision.Action.SUSPENSION: {
        "ccrb": "Charges",
        "copa": "Suspension",
        "cpdb": "Suspended",
        "note": gettext_noop(
            "NYC suspends after Charges and Specifications are tried; the number of days is not in this release."
        ),
    },
    DisciplineDecision.Action.DEMOTION: {
        "ccrb": "Charges",
        "copa": "Suspension",
        "cpdb": "Suspended",
        "note": gettext_noop(
            "Neither peer has a category for demotion; the nearest heavier penalty short of separation is given."
        ),
    },
    DisciplineDecision.Action.TERMINATION: {
        "ccrb": "Charges",
        "copa": "Separation",
        "cpdb": "Separation",
        "note": gettext_noop("NYC can end employment only after Charges are tried (dismissal or forced separation)."),
    },
}


def finding_in(peer, finding):
    """Our finding value in a peer's vocabulary; "" for none."""
    row = FINDINGS.get(finding)
    return row[peer] if row else ""


def discipline_in(peer, level):
    """Our kind of discipline in a peer's vocabulary; "" for none."""
    row = DISCIPLINE.get(level)
    return row[peer] if row else ""


def crosswalk_rows():
    """Every mapping row for the dictionary: (kind, our value, our label msgid, ccrb, copa, cpdb, note)."""
    rows = []
    for kind, mapping, choices in (
        ("finding", FINDINGS, FindingOutcome),
        ("discipline", DISCIPLINE, DisciplineDecision.Action),
    ):
        labels = dict(choices.choices)
        for value, row in mapping.items():
            rows.append(
                {
                    "kind": kind,
                    "value": str(value),
                    "label": labels[value],
                    "ccrb": row["ccrb"],
                    "copa": row["copa"],
                    "cpdb": row["cpdb"],
                    "note": row["note"],
                }
            )
    return rows
