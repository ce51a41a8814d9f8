"""The peers crosswalk (issue 11 section 6): every finding and every kind of discipline has a term in
CCRB's, COPA's and CPDB's vocabularies, with a note where the match is not exact."""

from discipline.models import DisciplineDecision
from investigations.models import FindingOutcome
from reports import crosswalk

CCRB_FINDINGS = {"Substantiated", "Exonerated", "Unfounded", "Unsubstantiated"}
CHICAGO_FINDINGS = {"Sustained", "Not Sustained", "Unfounded", "Exonerated"}


def test_every_finding_and_every_kind_of_discipline_is_mapped_for_every_peer():
    assert set(crosswalk.FINDINGS) == set(FindingOutcome.values)
    assert set(crosswalk.DISCIPLINE) == set(DisciplineDecision.Action.values)
    for mapping in (crosswalk.FINDINGS, crosswalk.DISCIPLINE):
        for row in mapping.values():
            assert all(row[peer] for peer in crosswalk.PEERS)


def test_findings_use_only_the_peers_own_terms():
    assert {row["ccrb"] for row in crosswalk.FINDINGS.values()} <= CCRB_FINDINGS
    assert {row["copa"] for row in crosswalk.FINDINGS.values()} <= CHICAGO_FINDINGS
    assert {row["cpdb"] for row in crosswalk.FINDINGS.values()} <= CHICAGO_FINDINGS


def test_in_policy_is_exonerated_and_insufficient_evidence_is_not_sustained():
    assert crosswalk.finding_in("copa", FindingOutcome.IN_POLICY) == "Exonerated"
    assert crosswalk.finding_in("ccrb", FindingOutcome.INSUFFICIENT_EVIDENCE) == "Unsubstantiated"
    assert crosswalk.finding_in("cpdb", FindingOutcome.INSUFFICIENT_EVIDENCE) == "Not Sustained"
    assert crosswalk.FINDINGS[FindingOutcome.IN_POLICY]["note"]


def test_termination_is_separation_in_chicago():
    assert crosswalk.discipline_in("copa", "termination") == "Separation"
    assert crosswalk.discipline_in("cpdb", "termination") == "Separation"


def test_no_value_maps_to_nothing():
    assert crosswalk.finding_in("ccrb", "") == ""
    assert crosswalk.discipline_in("copa", None) == ""


def test_every_inexact_match_has_a_note():
    # Rows whose three peers disagree, or whose Portland meaning differs, say why.
    for mapping in (crosswalk.FINDINGS, crosswalk.DISCIPLINE):
        for value, row in mapping.items():
            exact = value in (FindingOutcome.OUT_OF_POLICY, FindingOutcome.UNFOUNDED)
            assert exact or row["note"], value


def test_the_dictionary_rows_cover_the_crosswalk():
    rows = crosswalk.crosswalk_rows()
    assert len(rows) == len(crosswalk.FINDINGS) + len(crosswalk.DISCIPLINE)
    assert {r["kind"] for r in rows} == {"finding", "discipline"}
