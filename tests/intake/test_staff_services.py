"""Staff intake rules: other channels, incidents without a complaint, notices, reconsideration, groups, types."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone, translation

from intake.allegation_types import allegation_type_create, allegation_type_update
from intake.exceptions import RuleViolation
from intake.incidents import (
    case_open_for_incident,
    incident_group_add_case,
    incident_group_create,
    incident_group_remove_case,
)
from intake.models import Case, Complaint, ReconsiderationRequest
from intake.reconsideration import reconsideration_decide, reconsideration_request
from intake.services import allegation_add, case_categorize, case_decide, complaint_file
from oversight.notices.models import Notice
from tests.arrange import case_before_panel, case_received
from tests.factories import AllegationTypeFactory, complaint_data, file_complaint, mandatory_type

pytestmark = pytest.mark.django_db


def _phone_complaint(intake_user, **overrides):
    return complaint_file(
        data=complaint_data(**overrides), submission_key=uuid.uuid4(), actor=intake_user, channel="phone"
    )


def _incident(intake_user, category="death_in_custody"):
    return case_open_for_incident(
        mandatory_category=category,
        incident_on=datetime.date(2026, 11, 2),
        incident_summary="Died in a holding cell at Central Precinct.",
        actor=intake_user,
        reason="Reported by the Medical Examiner",
    )


def _decided(intake_user, decision="dismissal", **contact):
    complaint = _phone_complaint(intake_user, **contact)
    case = complaint.case
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="From the call")
    case_decide(case=case, decision=decision, reason="No misconduct alleged", actor=intake_user)
    complaint.refresh_from_db()
    return complaint


# Staff entry (R1.5)


def test_intake_staff_enter_a_complaint_received_by_phone_with_its_channel(intake_user):
    complaint = _phone_complaint(intake_user)
    assert complaint.channel == Complaint.Channel.PHONE
    record = complaint.case.history.get()
    assert (record.history_user, record.history_change_reason) == (intake_user, "Complaint received (phone)")


def test_a_case_without_a_complaint_is_opened_for_a_death_in_custody(intake_user):
    case = _incident(intake_user)
    assert (case.origin, case.mandatory_category, case.complaints.count()) == (
        Case.Origin.MANDATORY_INCIDENT,
        "death_in_custody",
        0,
    )
    assert case.history.get().history_user == intake_user


def test_opening_the_same_incident_twice_opens_one_case(intake_user):
    key = uuid.uuid4()
    first, second = (
        case_open_for_incident(
            mandatory_category="deadly_force",
            incident_on=datetime.date(2026, 11, 2),
            incident_summary="Shooting",
            actor=intake_user,
            reason="x",
            submission_key=key,
        )
        for _ in range(2)
    )
    assert first.pk == second.pk and Case.objects.count() == 1


def test_a_case_without_a_complaint_is_only_for_deaths_in_custody_and_deadly_force(intake_user):
    with pytest.raises(RuleViolation):
        _incident(intake_user, category="force_with_injury")


def test_an_investigator_cannot_open_a_case_without_a_complaint(investigator):
    with pytest.raises(PermissionDenied):
        _incident(investigator)


def test_a_mandatory_incident_keeps_its_category(intake_user):
    case = _incident(intake_user, category="deadly_force")
    with pytest.raises(RuleViolation):
        case_categorize(case=case, mandatory_category="", actor=intake_user, reason="Mistake")


@pytest.mark.parametrize("decision", ["mediation", "informal_resolution", "supervisor_referral", "dismissal"])
def test_a_mandatory_incident_can_only_be_investigated(intake_user, decision):
    case = _incident(intake_user)
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="Unknown officers")
    with pytest.raises(RuleViolation, match="must investigate"):
        case_decide(case=case, decision=decision, reason="x", actor=intake_user)
    case = case_decide(case=case, decision="investigate", reason="Required by law", actor=intake_user)
    assert case.status == Case.Status.AWAITING_INVESTIGATION


# The decision told to the filer (R1.8, R1.9)


def test_each_filer_with_contact_is_told_the_decision_and_their_right_to_reconsideration(intake_user):
    complaint = _decided(intake_user, contact_email="filer@example.org")
    notice = Notice.objects.get(subject__startswith="Decision")
    assert notice.recipient_address == "filer@example.org"
    assert notice.about == complaint
    assert "Dismissal" in notice.body and "reconsider" in notice.body


def test_the_decision_notice_is_written_in_the_filers_language(intake_user):
    complaint = _decided(intake_user, contact_email="filer@example.org", language="es")
    with translation.override("es"):
        subject = translation.gettext("Decision on your complaint %(number)s") % {"number": complaint.case.number}
    assert subject.startswith("Decisión")
    notice = Notice.objects.get(subject=subject)
    decided_at = timezone.localtime(complaint.case.decided_at)
    # The catalogs are another change; Django's own Spanish date format proves the override.
    with translation.override("es"):
        spanish = formats.date_format(decided_at, "DATE_FORMAT")
    with translation.override("en"):
        english = formats.date_format(decided_at, "DATE_FORMAT")
    assert " de " in spanish and spanish in notice.body
    assert english not in notice.body


def test_a_filer_with_only_a_phone_number_gets_a_portal_notice(intake_user):
    _decided(intake_user, contact_phone="503-555-0100")
    notice = Notice.objects.get(subject__startswith="Decision")
    assert (notice.channel, notice.recipient_address) == (Notice.Channel.PORTAL, "503-555-0100")


def test_an_anonymous_filer_reads_the_decision_on_the_status_page_only(intake_user):
    # R1.4: the status page is every filer's primary contact; with no address nothing is sent.
    complaint = _decided(intake_user)
    notice = Notice.objects.get(subject__startswith="Decision")
    assert (notice.channel, notice.recipient_address) == (Notice.Channel.PORTAL, "")
    assert complaint.messages.get().notice == notice


# Reconsideration (R1.9)


def test_the_filer_may_ask_for_reconsideration_without_a_staff_account(intake_user):
    complaint = _decided(intake_user, contact_email="filer@example.org")
    request = reconsideration_request(case=complaint.case, complaint=complaint, reason="They did push me")
    assert (request.outcome, request.decision_before, request.entered_by) == ("pending", "dismissal", None)
    assert request.history.get().history_change_reason == "Filer asked the Director to reconsider (R1.9)"


def test_intake_staff_enter_a_reconsideration_request_received_by_phone(intake_user, director):
    complaint = _decided(intake_user, contact_email="filer@example.org")
    request = reconsideration_request(case=complaint.case, complaint=complaint, reason="Called", actor=intake_user)
    assert request.entered_by == intake_user
    assert Notice.objects.filter(recipient_user=director, subject__startswith="Reconsideration").exists()


def test_asking_twice_records_one_pending_request(intake_user):
    complaint = _decided(intake_user)
    first = reconsideration_request(case=complaint.case, complaint=complaint, reason="Please")
    second = reconsideration_request(case=complaint.case, complaint=complaint, reason="Please")
    assert first.pk == second.pk
    assert ReconsiderationRequest.objects.count() == 1


def test_reconsideration_needs_a_decision_first(intake_user):
    complaint = _phone_complaint(intake_user)
    with pytest.raises(RuleViolation):
        reconsideration_request(case=complaint.case, complaint=complaint, reason="Please")


def test_an_investigator_cannot_enter_a_reconsideration_request(intake_user, investigator):
    complaint = _decided(intake_user)
    with pytest.raises(PermissionDenied):
        reconsideration_request(case=complaint.case, complaint=complaint, reason="x", actor=investigator)


def test_only_the_director_decides_a_reconsideration(intake_user):
    complaint = _decided(intake_user)
    request = reconsideration_request(case=complaint.case, complaint=complaint, reason="Please")
    with pytest.raises(PermissionDenied):
        reconsideration_decide(request=request, changed=False, reason="x", actor=intake_user)


def test_the_director_keeps_the_decision_and_the_filer_is_told(intake_user, director):
    complaint = _decided(intake_user, contact_email="filer@example.org")
    request = reconsideration_request(case=complaint.case, complaint=complaint, reason="Please")
    request = reconsideration_decide(request=request, changed=False, reason="Nothing new", actor=director)
    assert (request.outcome, request.decision_after, request.decided_by) == ("unchanged", "dismissal", director)
    complaint.case.refresh_from_db()
    assert complaint.case.decision == "dismissal"
    notice = Notice.objects.get(subject__startswith="The Director reconsidered")
    assert "kept the decision" in notice.body and notice.recipient_address == "filer@example.org"


def test_the_director_changes_the_decision_through_the_decide_path(intake_user, director):
    complaint = _decided(intake_user, contact_email="filer@example.org")
    request = reconsideration_request(case=complaint.case, complaint=complaint, reason="Video shows force")
    request = reconsideration_decide(
        request=request, changed=True, new_decision="investigate", reason="New video", actor=director
    )
    case = Case.objects.get(pk=complaint.case_id)
    assert (request.outcome, request.decision_after) == ("changed", "investigate")
    assert (case.decision, case.status, case.decided_by) == ("investigate", "awaiting_investigation", director)
    assert case.history.latest("history_id").history_change_reason == "Reconsidered (R1.9): New video"
    assert "changed the decision" in Notice.objects.get(subject__startswith="The Director reconsidered").body


def test_a_change_keeps_mandatory_categories_investigated(intake_user, director):
    complaint = _phone_complaint(intake_user)
    case = complaint.case
    allegation_add(case=case, allegation_type=mandatory_type(), actor=intake_user, reason="Injury")
    case_decide(case=case, decision="investigate", reason="Mandatory", actor=intake_user)
    request = reconsideration_request(case=case, complaint=complaint, reason="Mediate instead")
    with pytest.raises(RuleViolation, match="must investigate"):
        reconsideration_decide(request=request, changed=True, new_decision="mediation", reason="x", actor=director)
    assert ReconsiderationRequest.objects.get().outcome == "pending"


def test_a_change_needs_a_new_decision(intake_user, director):
    complaint = _decided(intake_user)
    request = reconsideration_request(case=complaint.case, complaint=complaint, reason="Please")
    with pytest.raises(RuleViolation):
        reconsideration_decide(request=request, changed=True, new_decision="dismissal", reason="x", actor=director)


def test_a_change_between_routes_away_keeps_the_status(intake_user, director):
    complaint = _decided(intake_user, decision="mediation")
    request = reconsideration_request(case=complaint.case, complaint=complaint, reason="Refuse mediation")
    reconsideration_decide(request=request, changed=True, new_decision="dismissal", reason="Filer", actor=director)
    case = Case.objects.get(pk=complaint.case_id)
    assert (case.status, case.decision) == ("resolved", "dismissal")


def test_deciding_a_reconsideration_twice_is_harmless(intake_user, director):
    complaint = _decided(intake_user)
    request = reconsideration_request(case=complaint.case, complaint=complaint, reason="Please")
    reconsideration_decide(request=request, changed=False, reason="No", actor=director)
    again = reconsideration_decide(
        request=request, changed=True, new_decision="investigate", reason="x", actor=director
    )
    assert again.outcome == "unchanged"


# Surge handling


def test_cases_about_one_incident_are_grouped_while_each_keeps_its_own_complaint(intake_user):
    group = incident_group_create(name="Protest downtown, 1 November", actor=intake_user)
    first, second = file_complaint(), file_complaint()
    incident_group_add_case(group=group, case=first, actor=intake_user)
    incident_group_add_case(group=group, case=second, actor=intake_user)
    assert set(group.cases.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert first.complaints.count() == second.complaints.count() == 1
    assert first.history.latest("history_id").history_change_reason == "Added to incident group"


def test_a_case_is_in_at_most_one_group(intake_user):
    case = file_complaint()
    incident_group_add_case(group=incident_group_create(name="A", actor=intake_user), case=case, actor=intake_user)
    with pytest.raises(RuleViolation):
        incident_group_add_case(group=incident_group_create(name="B", actor=intake_user), case=case, actor=intake_user)


def test_a_case_can_leave_its_group(intake_user):
    case = file_complaint()
    incident_group_add_case(group=incident_group_create(name="A", actor=intake_user), case=case, actor=intake_user)
    case = incident_group_remove_case(case=case, actor=intake_user)
    assert case.incident_group is None


def test_each_filer_in_a_group_gets_their_own_decision_notice(intake_user):
    group = incident_group_create(name="Protest", actor=intake_user)
    complaints = [_phone_complaint(intake_user, contact_email=f"f{i}@example.org") for i in range(2)]
    for complaint in complaints:
        incident_group_add_case(group=group, case=complaint.case, actor=intake_user)
        allegation_add(case=complaint.case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
        case_decide(case=complaint.case, decision="investigate", reason="Protest", actor=intake_user)
    notices = Notice.objects.filter(subject__startswith="Decision")
    assert sorted(n.recipient_address for n in notices) == ["f0@example.org", "f1@example.org"]
    assert {n.about_id for n in notices} == {c.pk for c in complaints}


def test_an_investigator_cannot_group_cases(investigator):
    with pytest.raises(PermissionDenied):
        incident_group_create(name="A", actor=investigator)


# Allegation types the Office edits (R1.6)


def test_the_director_adds_renames_and_deactivates_an_allegation_type_with_history(director):
    kind = allegation_type_create(name="Untruthfulness", actor=director, reason="New policy")
    kind = allegation_type_update(
        allegation_type=kind,
        name="Truthfulness",
        is_active=False,
        mandatory_category="",
        actor=director,
        reason="Rename",
    )
    assert (kind.code, kind.name, kind.is_active) == ("untruthfulness", "Truthfulness", False)
    assert [h.history_change_reason for h in kind.history.order_by("history_id")] == ["New policy", "Rename"]
    assert kind.history.latest("history_id").history_user == director


def test_intake_staff_cannot_edit_allegation_types(intake_user):
    with pytest.raises(PermissionDenied):
        allegation_type_create(name="X", actor=intake_user, reason="x")


def test_two_types_cannot_share_a_name(director):
    allegation_type_create(name="Courtesy", actor=director, reason="x")
    with pytest.raises(RuleViolation):
        allegation_type_create(name="courtesy", actor=director, reason="x")


def test_completed_findings_on_the_chief_are_sent_to_the_mayor(intake_user, director, investigator):
    from investigations.services import (
        chief_notice_send,
        finding_record,
        investigation_complete,
        investigation_open,
        investigation_report_render,
    )
    from tests.factories import ChiefFactory

    case = case_received(intake_user, employee=ChiefFactory())
    case_decide(case=case, decision="investigate", reason="Chief route", actor=intake_user)
    chief_notice_send(case=case, actor=director, designee_name="A. Deputy")
    investigation = investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
    finding_record(allegation=case.allegations.get(), outcome="out_of_policy", rationale="x", actor=investigator)
    investigation_complete(investigation=investigation, actor=investigator, reason="Done")
    # The notice carries the report, so it leaves once the report is rendered.
    assert not Notice.objects.filter(dedupe_key=f"mayor-findings-{case.pk}").exists()
    investigation_report_render(investigation_id=investigation.pk)
    notice = Notice.objects.get(dedupe_key=f"mayor-findings-{case.pk}")
    assert (notice.recipient_name, notice.channel) == ("Office of the Mayor", Notice.Channel.POSTAL)
    assert case.number in notice.subject


def test_findings_without_the_chief_do_not_go_to_the_mayor(intake_user, director, investigator, board_members):
    case, _panel = case_before_panel(intake_user, director, investigator, board_members)
    assert Case.objects.get(pk=case.pk).investigation.status == "completed"
    assert not Notice.objects.filter(dedupe_key=f"mayor-findings-{case.pk}").exists()
