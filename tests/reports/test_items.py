"""The annual report's items a to q (issue 11, R5.1): the snapshot's shape, each item's counts, the
anonymized case summaries and the constant number of queries."""

import datetime
import json

import pytest
import time_machine
from django.utils import translation

from oversight.calendar.business_days import PACIFIC
from reports.items import report_build
from reports.items.cases import case_texts, localized_case
from tests.arrange import case_received

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=PACIFIC)
START, END = datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def build(**kwargs):
    return report_build(start=kwargs.pop("start", START), end=kwargs.pop("end", END), **kwargs)


def items(snapshot):
    return {i["key"]: i for i in snapshot["items"]}


def _cases(snapshot, language="en"):
    """Item d's entries as a reader in ``language`` sees them (the snapshot stores codes)."""
    entries = next(b for b in items(snapshot)["d"]["blocks"] if b["type"] == "cases")["cases"]
    with translation.override(language):
        texts = case_texts()
        return [localized_case(entry, texts) for entry in entries]


def test_the_snapshot_has_every_item_in_the_codes_order_and_is_json(intake_user):
    case_received(intake_user)
    snapshot = build()
    assert [i["key"] for i in snapshot["items"]] == [*"abcdefghijklmnopq", "contract"]
    assert snapshot["kind"] == "annual" and snapshot["start"] == "2026-01-01" and snapshot["end"] == "2027-01-01"
    assert json.loads(json.dumps(snapshot)) == snapshot


def closed_case(intake_user, director, investigator, board_members, officer, finding="in_policy", **contact):
    """A case fully investigated and closed by the Board's finding (not sustained closes it)."""
    from tests.discipline.arrange_results import case_decided

    case, _panel = case_decided(
        intake_user, director, investigator, board_members, officers=[officer], finding=finding, **contact
    )
    assert case.status == "closed"
    return case


def test_an_officer_in_two_cases_is_the_same_employee_in_both_and_no_name_appears(
    intake_user, director, investigator, board_members
):
    from tests.factories import EmployeeFactory

    officer = EmployeeFactory(first_name="Barnaby", last_name="Quillfeather")
    other = EmployeeFactory(first_name="Ottoline", last_name="Marchbanks")
    closed_case(
        intake_user,
        director,
        investigator,
        board_members,
        officer,
        contact_name="Henrietta Pemberton",
        contact_email="henrietta@example.org",
    )
    closed_case(
        intake_user,
        director,
        investigator,
        board_members,
        other,
        finding="unfounded",
        contact_name="Horace Figgis",
        contact_phone="503-555-0100",
    )
    closed_case(
        intake_user,
        director,
        investigator,
        board_members,
        officer,
        contact_name="Henrietta Pemberton",
        contact_email="HENRIETTA@Example.org",
    )
    snapshot = build()
    cases = _cases(snapshot)
    assert [c["label"] for c in cases] == ["Case 1", "Case 2", "Case 3"]
    assert cases[0]["findings"][0]["employee"] == cases[2]["findings"][0]["employee"] == "Employee A"
    assert cases[1]["findings"][0]["employee"] == "Employee B"
    assert cases[0]["pseudonyms"] == cases[2]["pseudonyms"] == ["Community Member A", "Employee A"]
    assert cases[1]["pseudonyms"] == ["Community Member B", "Employee B"]
    assert cases[1]["findings"][0]["final"] == "Unfounded"
    text = json.dumps(snapshot)
    for name in (
        "Barnaby",
        "Quillfeather",
        "Ottoline",
        "Marchbanks",
        "Henrietta",
        "Pemberton",
        "Horace",
        "Figgis",
        "henrietta@",
        "555-0100",
        "shoved",
        "Hawthorne",
        "Robin",
        "Tester",
    ):
        assert name.casefold() not in text.casefold(), name


def test_item_d_is_stored_as_codes_and_read_in_the_readers_language(intake_user, director, investigator, board_members):
    from tests.factories import EmployeeFactory

    officer = EmployeeFactory(first_name="Barnaby", last_name="Quillfeather")
    closed_case(intake_user, director, investigator, board_members, officer, contact_email="a@example.org")
    snapshot = build()
    (stored,) = next(b for b in items(snapshot)["d"]["blocks"] if b["type"] == "cases")["cases"]
    assert (stored["n"], stored["filers"], stored["employees"], stored["decision"]) == (1, ["A"], ["A"], "investigate")
    english, spanish, vietnamese = (_cases(snapshot, language)[0] for language in ("en", "es", "vi"))
    with translation.override("es"):
        expected = {
            "label": translation.gettext("Case %(n)s") % {"n": 1},
            "pseudonyms": [
                translation.gettext("Community Member %(letter)s") % {"letter": "A"},
                translation.gettext("Employee %(letter)s") % {"letter": "A"},
            ],
            "decision": translation.gettext("Full investigation by OCPA"),
        }
        filed = translation.gettext("Filed by %(filers)s.")
    assert {k: spanish[k] for k in expected} == expected
    assert spanish["summary"].startswith(filed % {"filers": expected["pseudonyms"][0]})
    assert english["pseudonyms"] == ["Community Member A", "Employee A"]
    for reader in (spanish, vietnamese):
        assert reader["label"] != english["label"] and reader["pseudonyms"] != english["pseudonyms"]
        assert reader["summary"] != english["summary"]


def test_an_entry_of_a_report_built_before_codes_is_shown_as_it_was_stored():
    old = {"label": "Case 1", "pseudonyms": ["Employee A"], "summary": "As published.", "findings": []}
    with translation.override("es"):
        assert localized_case(old, case_texts()) is old


def test_item_d_lists_only_cases_closed_after_a_full_investigation_and_counts_the_rest(
    intake_user, director, investigator, board_members
):
    from intake.services import case_close, case_decide
    from tests.factories import EmployeeFactory

    closed_case(intake_user, director, investigator, board_members, EmployeeFactory())
    mediated = case_received(intake_user)
    case_decide(case=mediated, decision="mediation", reason="Agreed", actor=intake_user)
    case_close(case=mediated, actor=intake_user, reason="Mediated")
    case_received(intake_user)
    blocks = items(build())["d"]["blocks"]
    cases = _cases({"items": [{"key": "d", "blocks": blocks}]})
    assert len(cases) == 1 and cases[0]["decision"] == "Full investigation by OCPA"
    numbers = next(b for b in blocks if b["type"] == "figures")["rows"]
    assert [(r["value"], r["percent"]) for r in numbers] == [(2, None), (1, 50.0)]
    decisions = dict(next(b for b in blocks if b["type"] == "table")["rows"])
    assert decisions["Mediation"] == 1 and decisions["Full investigation by OCPA"] == 1


def figure(item, label):
    for block in item["blocks"]:
        if block["type"] == "figures":
            for r in block["rows"]:
                if r["label"] == label:
                    return r["value"], r["percent"]
    raise AssertionError(f"no figure {label!r}")


def table_rows(item, caption):
    return next(b for b in item["blocks"] if b["type"] == "table" and b["caption"] == caption)["rows"]


def test_items_with_no_data_say_so_and_never_show_a_zero():
    snapshot = items(build())
    for key in ("b", "c", "k", "o"):
        assert snapshot[key]["is_recorded"] is False, key
        assert snapshot[key]["blocks"] == [{"type": "empty", "text": "No data recorded"}], key


def test_mediation_and_referrals_are_counted_with_their_percentage_of_decided_cases(intake_user):
    from intake.services import case_decide

    for decision in ("mediation", "mediation", "supervisor_referral", "investigate"):
        case_decide(case=case_received(intake_user), decision=decision, reason="Decided", actor=intake_user)
    case_received(intake_user)
    item = items(build())["i"]
    assert figure(item, "Mediation") == (2, 50.0)
    assert figure(item, "Referral for supervisor or management action or training") == (1, 25.0)
    assert figure(item, "All alternatives to a full investigation") == (3, 75.0)


def test_reconsideration_counts_the_cases_appealed_and_the_outcomes(intake_user, director):
    from intake.reconsideration import reconsideration_decide, reconsideration_request
    from intake.services import case_decide

    cases = [case_received(intake_user) for _ in range(4)]
    for case in cases:
        case_decide(case=case, decision="dismissal", reason="Outside jurisdiction", actor=intake_user)
    asked = reconsideration_request(case=cases[0], complaint=cases[0].complaints.get(), reason="Please look again")
    reconsideration_decide(request=asked, changed=False, reason="The decision stands", actor=director)
    reconsideration_request(case=cases[1], complaint=cases[1].complaints.get(), reason="Please look again")
    item = items(build())["h"]
    assert figure(item, "Cases appealed for reconsideration") == (2, 50.0)
    outcomes = {r[0]: r[1] for r in table_rows(item, "Reconsideration requests by outcome")}
    assert outcomes == {"Awaiting the Director": 1, "Decision changed": 0, "Decision not changed": 1}


def test_demographic_cells_under_five_are_suppressed_with_a_complement(intake_user):
    import uuid

    from intake.services import complaint_file
    from tests.factories import complaint_data

    for gender, n in (("woman", 6), ("man", 2), ("prefer_not_to_say", 9)):
        for _ in range(n):
            demographics = {"gender": gender, "race_ethnicity": ["asian"]}
            complaint_file(data=complaint_data(), submission_key=uuid.uuid4(), demographics=demographics)
    gender = {r[0]: r[1] for r in table_rows(items(build())["g"], "Gender")}
    assert gender["Man"] is None  # 2 people: suppressed
    assert gender["Prefer not to say"] == 9
    assert gender["Total"] == 17
    suppressed = [name for name, n in gender.items() if n is None]
    assert len(suppressed) >= 2  # a complement, so the total does not give the 2 back


def test_findings_and_final_discipline_are_counted_per_allegation(intake_user, director, investigator, board_members):
    from tests.discipline.arrange_discipline import discipline_adopted, guide_make

    g = guide_make()
    discipline_adopted(intake_user, director, investigator, board_members, g, category=g.courtesy)
    case_received(intake_user)
    item = items(build())["j"]
    assert figure(item, "Allegations on cases received in the period") == (2, None)
    findings = {r[0]: r[1:] for r in table_rows(item, "Findings at each level")}
    assert findings["Out of Policy (sustained)"] == [1, 1, 1]
    assert figure(item, "Non-disciplinary corrective action (final)") == (1, 50.0)
    assert figure(item, "Discipline imposed (final)") == (0, 0.0)
    kinds = {r[0]: r[1:] for r in table_rows(item, "Final discipline and corrective action by kind")}
    assert kinds["Command counseling"] == [1, {"percent": 100.0}]


def test_recommendations_adopted_in_the_period_are_listed_with_their_answer(director, liaison, board_members):
    from tests.governance.arrange_recommendations import adopted, answered

    answered(director, liaison, answer="accepted")
    adopted(director, title="Publish use-of-force data monthly")
    adopted(director, title="An old one", vote_on=datetime.date(2025, 5, 1))
    snapshot = items(build())
    rows = table_rows(snapshot["b"], "Recommendations adopted in the period")
    assert [r[0] for r in rows] == ["Body-worn cameras on at every stop", "Publish use-of-force data monthly"]
    assert rows[0][3] == "Accepted" and rows[1][3] == "Not answered yet"
    outcomes = {r[0]: r[1:] for r in table_rows(snapshot["b"], "Outcomes of the recommendations adopted in the period")}
    assert outcomes["Accepted"] == [1, {"percent": 50.0}]
    accepted = table_rows(snapshot["c"], "Accepted recommendations and their implementation")
    assert accepted == [["Body-worn cameras on at every stop", "Accepted", "No update yet", ""]]


def test_investigations_past_180_days_count_by_when_the_limit_passed(intake_user, director, investigator):
    from django.contrib.contenttypes.models import ContentType

    from oversight.calendar.models import Deadline
    from tests.arrange import case_investigating

    case = case_investigating(intake_user, director, investigator)
    clock = Deadline.objects.get(rule=Deadline.Rule.INVESTIGATION_180D)
    assert clock.about_type == ContentType.objects.get_for_model(case.investigation)
    # The sweep records the breach; the report reads it as recorded (DEADLINES.md).
    clock.breached_at = datetime.datetime(2026, 3, 1, tzinfo=PACIFIC)
    clock.save(update_fields=["breached_at"])
    assert figure(items(build())["n"], "Investigations past 180 days") == (1, None)
    assert figure(
        items(build(start=datetime.date(2027, 1, 1), end=datetime.date(2028, 1, 1)))["n"],
        "Investigations past 180 days",
    ) == (0, None)


def test_a_refused_interview_counts_as_a_failure_to_comply(intake_user, director, investigator):
    from investigations.interviews import interview_refuse, interview_schedule
    from tests.arrange import case_investigating

    case = case_investigating(intake_user, director, investigator)
    interview = interview_schedule(
        investigation=case.investigation,
        employee=case.allegations.get().employee,
        actor=investigator,
        scheduled_at=NOW + datetime.timedelta(days=1),
        on_duty_basis="On shift",
        union_representation_declined=True,
    )
    interview_refuse(interview=interview, note="Declined", actor=investigator)
    assert figure(items(build())["l"], "Interviews refused by a PPB employee") == (1, None)


def test_a_quarterly_report_leaves_out_the_overview_trainings_and_trends():
    snapshot = build(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 7, 1), kind="quarterly")
    assert snapshot["kind"] == "quarterly"
    assert [i["key"] for i in snapshot["items"]] == [*"bcdefghijklmnq", "contract"]


def test_the_snapshot_stores_msgids_whatever_language_is_active(intake_user):
    case_received(intake_user)
    english = build()
    with translation.override("es"):
        spanish = build()
    assert spanish == english


def test_the_report_runs_the_same_number_of_queries_for_one_or_five_cases_of_each_kind(
    intake_user, director, investigator, board_members, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from intake.services import case_decide
    from tests.factories import EmployeeFactory, file_complaint

    def arrange_one_of_each():
        closed_case(
            intake_user, director, investigator, board_members, EmployeeFactory(), contact_email="x@example.org"
        )
        case_decide(case=case_received(intake_user), decision="mediation", reason="Agreed", actor=intake_user)
        case_received(intake_user)

    arrange_one_of_each()
    for _ in range(2):  # a repeat complainant: item f then also reads the issues they raised
        file_complaint(contact_email="again@example.org")
    with CaptureQueriesContext(connection) as one:
        build()
    for _ in range(4):
        arrange_one_of_each()
    with django_assert_max_num_queries(len(one.captured_queries)) as five:
        snapshot = build()
    assert all(q["sql"].lstrip().upper().startswith(("SELECT", "WITH")) for q in five.captured_queries)  # reads only
    assert len(next(b for b in items(snapshot)["d"]["blocks"] if b["type"] == "cases")["cases"]) == 5
    print(f"report_build queries: {len(one.captured_queries)}")


def test_discipline_grieved_counts_filings_and_outcomes_decided_in_the_period(
    intake_user, director, investigator, board_members
):
    from discipline.outcomes import proceeding_record
    from tests.discipline.arrange_discipline import discipline_adopted, guide_make

    g = guide_make()
    _case, decision = discipline_adopted(intake_user, director, investigator, board_members, g)
    proceeding_record(
        decision=decision,
        kind="arbitration",
        filed_on=datetime.date(2026, 5, 1),
        decided_on=datetime.date(2026, 6, 1),
        outcome="overturned",
        actor=director,
    )
    item = items(build())["k"]
    assert item["is_recorded"] is True
    rows = {r[0]: r[1:] for r in table_rows(item, "Discipline decisions grieved or appealed")}
    assert rows["Arbitration"] == [1, 0, 0, 1]
    assert rows["Grievance (collective bargaining agreement)"] == [0, 0, 0, 0]


def test_civil_suits_and_closed_deadly_force_cases_are_reported_without_names(
    intake_user, director, investigator, board_members
):
    from decimal import Decimal

    from tests.factories import AllegationTypeFactory, EmployeeFactory
    from tests.governance.arrange_suits import settled

    settled(
        director,
        "3:26-cv-00001",
        "125000.00",
        filed_on=datetime.date(2026, 1, 5),
        resolved_on=datetime.date(2026, 5, 1),
        legal_fees=Decimal("5000.00"),
    )
    # The type the arrangement alleges carries the category, so the decision binds the case to it.
    AllegationTypeFactory(code="courtesy", name="Firearm discharge", mandatory_category="deadly_force")
    case = closed_case(intake_user, director, investigator, board_members, EmployeeFactory())
    assert case.mandatory_category == "deadly_force"
    snapshot = build()
    item = items(snapshot)["m"]
    assert figure(item, "Civil suits filed against PPB officers") == (1, None)
    assert figure(item, "Settlements paid (USD)") == (125000.0, None)
    deadly = {r[0]: r[1:] for r in table_rows(item, "Closed cases of deadly force or death in custody")}
    assert deadly["Use of deadly force"] == [1, 1, 0]
    assert "Holloway" not in json.dumps(snapshot) and "Doe v." not in json.dumps(snapshot)


def test_board_trainings_show_the_share_of_serving_members_who_completed_each(director, board_members):
    from oversight.governance.services import training_completion_record, training_create

    training = training_create(actor=director, name="Implicit bias", reason="Bylaws")
    for member in board_members[:2]:
        training_completion_record(
            actor=director, member=member, training=training, completed_on=datetime.date(2026, 2, 1), reason="Done"
        )
    item = items(build())["o"]
    assert table_rows(item, "Board member trainings") == [["Implicit bias", "Yes", 2, 3, {"percent": 66.7}]]


def test_survey_means_and_counts_are_reported(intake_user):
    from intake.filing import survey_answer
    from intake.services import allegation_add, case_close, case_decide
    from tests.factories import AllegationTypeFactory, file_complaint

    for overall in (2, 5):
        case = file_complaint(contact_email=f"filer{overall}@example.org")
        allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
        case_decide(case=case, decision="mediation", reason="Agreed", actor=intake_user)
        case_close(case=case, actor=intake_user, reason="Mediated")
        survey_answer(
            complaint=case.complaints.get(), answers={"overall": overall, "comments": "Name: Zebedee"}, actor=None
        )
    snapshot = build()
    item = items(snapshot)["q"]
    assert figure(item, "Survey answers") == (2, None)
    means = dict(table_rows(item, "Mean answer to each survey question (1 to 5)"))
    assert means["Overall, how satisfied are you?"] == 3.5 and means["Was it easy to file your complaint?"] == ""
    assert "Zebedee" not in json.dumps(snapshot)


def test_trend_items_read_part_ds_counts(intake_user):
    from tests.factories import file_complaint

    for _ in range(2):
        file_complaint(contact_email="again@example.org")
    snapshot = items(build())
    assert figure(snapshot["f"], "Complainants who filed more than one complaint") == (1, None)
    assert figure(snapshot["e"], "Covered Employees") == (0, None)
    assert snapshot["p"]["narrative_field"] == "trends_narrative" and snapshot["p"]["source"] == "mixed"
    contract = table_rows(snapshot["contract"], "Contract-accountability measures")
    assert contract and all(len(r) == 4 for r in contract)


def test_the_overview_counts_the_boards_seats_and_the_offices_staff_by_role(
    director, board_members, intake_user, investigator
):
    item = items(build())["a"]
    assert item["source"] == "mixed" and item["narrative_field"] == "overview"
    assert figure(item, "Board members serving") == (3, None)
    assert figure(item, "Intake staff") == (1, None) and figure(item, "Director") == (1, None)


def test_a_case_opened_without_a_complaint_is_summarized_without_its_incident_text(
    intake_user, director, investigator, board_members
):
    from discipline.services import panel_convene, panel_decide, vote_cast
    from intake.incidents import case_open_for_incident
    from intake.services import allegation_add, case_decide
    from investigations.services import chief_notice_send, finding_record, investigation_complete, investigation_open
    from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory

    case = case_open_for_incident(
        mandatory_category="death_in_custody",
        incident_on=datetime.date(2026, 5, 1),
        incident_summary="Mr Quentin Aldershot died in the Central Precinct holding cell.",
        actor=intake_user,
        reason="Reported by PPB",
    )
    allegation_add(
        case=case, allegation_type=AllegationTypeFactory(), employee=EmployeeFactory(), actor=intake_user, reason="x"
    )
    case_decide(case=case, decision="investigate", reason="Required by law", actor=intake_user)
    ChiefFactory()
    chief_notice_send(case=case, actor=director)
    investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
    allegation = case.allegations.get()
    finding_record(allegation=allegation, outcome="in_policy", rationale="Policy followed", actor=investigator)
    investigation_complete(investigation=case.investigation, actor=investigator, reason="Done")
    panel = panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
    for member in board_members:
        vote_cast(panel=panel, allegation=allegation, finding="in_policy", actor=member)
    panel_decide(panel=panel, actor=director)
    snapshot = build()
    entry = _cases(snapshot)[0]
    assert entry["type"] == "Death in custody" and entry["pseudonyms"] == ["Employee A"]
    assert entry["summary"].startswith("Opened by OCPA without a complaint. 1 allegation against Employee A")
    assert figure(
        {"blocks": snapshot["highlights"]}, "Incidents OCPA must investigate (opened without a complaint)"
    ) == (
        1,
        None,
    )
    assert "Aldershot" not in json.dumps(snapshot) and "holding cell" not in json.dumps(snapshot)


def test_a_case_counts_in_the_year_of_its_pacific_receipt_date(intake_user):
    with time_machine.travel(datetime.datetime(2025, 12, 31, 23, 30, tzinfo=PACIFIC), tick=False):
        case_received(intake_user)
    new_year = {"blocks": build()["highlights"]}
    old_year = {"blocks": build(start=datetime.date(2025, 1, 1), end=datetime.date(2026, 1, 1))["highlights"]}
    assert figure(new_year, "Cases received") == (0, None)
    assert figure(old_year, "Cases received") == (1, None)
