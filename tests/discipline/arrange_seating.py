"""Arrangements for the seating tests (issue 9.3, 9.4), through the real services."""

from discipline.seating import panel_convene
from intake.services import case_lock, case_transition
from investigations.services import finding_record, investigation_complete
from tests.arrange import case_awaiting_discipline, case_investigating
from tests.conftest import make_board_user


def case_findings_ready(intake_user, director, investigator, outcome="out_of_policy"):
    """A case whose investigation is complete: ready for a hearings panel."""
    case = case_investigating(intake_user, director, investigator)
    for allegation in case.allegations.all():
        finding_record(allegation=allegation, outcome=outcome, rationale="Video shows it", actor=investigator)
    investigation_complete(investigation=case.investigation, actor=investigator, reason="Findings complete")
    case.refresh_from_db()
    return case


def hearing_on(case, members, director, reason="Hearing"):
    return panel_convene(case=case, kind="hearings", members=members, actor=director, reason=reason)


def case_on_appeal(intake_user, director, investigator, board_members):
    """A case whose hearings panel decided, then appealed (the appeal's own service is part E's)."""
    case, panel, _allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    case = case_lock(case)
    case_transition(case=case, to="on_appeal", actor=director, reason="Appeal filed in time")
    case.refresh_from_db()
    return case, panel


def more_members(n, prefix="extra", kind="member"):
    return [make_board_user(f"{prefix}{i}", kind=kind) for i in range(1, n + 1)]
