"""Rules, bylaws, policies and procedures (issue 10 part A; 35A.010 C/D): drafts, 30 days of input,
adoption by Board vote, urgent adoption, administrative rules and the bylaws' numbers."""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.calendar.models import Deadline
from oversight.governance.documents import (
    comment_period_of,
    document_create,
    lapse_clock_of,
    version_administrator_adopt,
    version_administrator_adopt_temporary,
    version_adopt,
    version_adopt_urgent,
    version_draft,
    version_open_for_comment,
    version_recommend,
    version_withdraw,
)
from oversight.governance.models import Body, DocumentDecision, DocumentVersion, TieRule
from oversight.governance.services import bylaws_version_record
from tests.governance.arrange_documents import TEXT_V2, day, document_arrange, open_arrange, vote

pytestmark = pytest.mark.django_db
Status = DocumentVersion.Status


@pytest.fixture
def board(board_members):
    return board_members


def test_a_draft_gets_the_next_number_and_a_history_with_the_reason(director):
    with time_machine.travel(day(0), tick=False):
        document, version = document_arrange(director)
    assert (version.number, version.status) == (1, Status.DRAFT)
    record = version.history.latest()
    assert (record.history_user, record.history_change_reason) == (director, "Drafted")
    assert document.history.latest().history_change_reason == "Board work plan"


def test_writing_the_draft_again_changes_its_text_not_its_number(director):
    with time_machine.travel(day(0), tick=False):
        document, version = document_arrange(director)
        again = version_draft(actor=director, document=document, text=TEXT_V2, reason="Revised")
        same = version_draft(actor=director, document=document, text=TEXT_V2, reason="Revised")
    assert again.pk == version.pk == same.pk
    assert again.text == TEXT_V2 and version.history.count() == 2


def test_only_the_director_writes_documents(board_members):
    with pytest.raises(PermissionDenied):
        document_create(actor=board_members[0], kind="policy", title="X", reason="x")


def test_opening_for_comment_starts_the_30_day_clock_ending_at_the_end_of_day_29(director):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
        again = version_open_for_comment(actor=director, version=version, reason="twice")
    assert version.status == Status.OPEN_FOR_COMMENT and again.pk == version.pk
    deadline = comment_period_of(version)
    assert deadline.rule == Deadline.Rule.COMMENT_PERIOD
    assert deadline.due_at == day(29, 23, 59).replace(second=59)
    assert deadline.explanation[0]["reason"] == "day 1 of 30 (the day it began)"
    assert "the period ends at the end of this day" in deadline.explanation[29]["reason"]
    assert Deadline.objects.filter(rule=Deadline.Rule.COMMENT_PERIOD).count() == 1


def test_weekends_and_holidays_count_and_say_so_in_the_explanation(director):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
    saturday = comment_period_of(version).explanation[5]
    assert saturday == {
        "date": "2027-03-06",
        "counted": True,
        "reason": "day 6 of 30 (weekend: counted, every calendar day counts)",
    }


def test_adoption_is_refused_on_day_29_with_the_due_date_and_the_days_explained(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
    with time_machine.travel(day(29, 18), tick=False), pytest.raises(ValidationError) as refused:
        version_adopt(actor=director, version=version, reason="Meeting", **vote(29))
    message = " ".join(refused.value.message_dict["vote_on"])
    assert "runs until the end of 2027-03-30" in message and "may adopt from 2027-03-31" in message
    assert "2027-03-01: day 1 of 30 (the day it began)" in message
    version.refresh_from_db()
    assert version.status == Status.OPEN_FOR_COMMENT and not version.decisions.exists()


def test_adoption_is_allowed_on_day_30(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
    with time_machine.travel(day(30, 0, 1), tick=False):
        adopted = version_adopt(actor=director, version=version, reason="Meeting of 31 March", **vote(30))
    assert (adopted.status, adopted.effective_on) == (Status.ADOPTED, day(30).date())
    decision = adopted.decisions.get()
    assert (decision.kind, decision.votes_yes, decision.seated_members) == ("board_adoption", 2, 3)
    assert adopted.history.latest().history_change_reason == "Meeting of 31 March"
    # The input period ended at its own end: met then, never breached.
    deadline = comment_period_of(adopted)
    assert deadline.met_at == deadline.due_at and deadline.breached_at is None


def test_a_vote_held_during_the_input_period_is_refused_even_when_recorded_later(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
    with time_machine.travel(day(40), tick=False), pytest.raises(ValidationError):
        version_adopt(actor=director, version=version, reason="Meeting", **vote(20))


def test_a_vote_without_quorum_or_majority_is_refused(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
    with time_machine.travel(day(31), tick=False), pytest.raises(ValidationError) as refused:
        version_adopt(actor=director, version=version, reason="Meeting", **vote(31, yes=1, no=1))
    assert "votes_yes" in refused.value.message_dict


def test_adopting_twice_is_harmless_and_a_new_version_supersedes_the_old(director, board):
    with time_machine.travel(day(0), tick=False):
        document, v1 = open_arrange(director)
    with time_machine.travel(day(30), tick=False):
        version_adopt(actor=director, version=v1, reason="Meeting", **vote(30))
        version_adopt(actor=director, version=v1, reason="Meeting", **vote(30))
        v2 = version_draft(actor=director, document=document, text=TEXT_V2, reason="Revised")
        version_open_for_comment(actor=director, version=v2, reason="Notice")
    with time_machine.travel(day(60), tick=False):
        version_adopt(actor=director, version=v2, reason="Meeting", **vote(60))
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v1.ended_on, v2.status, v2.replaced_id) == (
        Status.SUPERSEDED,
        day(60).date(),
        Status.ADOPTED,
        v1.pk,
    )
    assert DocumentDecision.objects.filter(version=v1).count() == 1


def test_a_draft_cannot_be_adopted_without_input(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = document_arrange(director)
    with time_machine.travel(day(40), tick=False), pytest.raises(ValidationError):
        version_adopt(actor=director, version=version, reason="Meeting", **vote(40))


def test_a_withdrawn_version_closes_its_input(director):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
    with time_machine.travel(day(3), tick=False):
        withdrawn = version_withdraw(actor=director, version=version, reason="Mistake in the text")
    assert withdrawn.status == Status.WITHDRAWN and not withdrawn.is_open_for_input
    assert comment_period_of(version).met_at == day(3)


def test_urgent_adoption_takes_effect_at_once_opens_input_and_starts_the_90_day_clock(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = document_arrange(director)
        urgent = version_adopt_urgent(actor=director, version=version, reason="Emergency meeting", **vote(0))
    assert (urgent.status, urgent.is_urgent, urgent.effective_on) == (Status.ADOPTED, True, day(0).date())
    assert urgent.is_open_for_input and urgent.is_in_trial
    lapse = lapse_clock_of(urgent)
    assert lapse.due_at == day(89, 23, 59).replace(second=59)
    assert sorted(lapse.reminders.values_list("kind", flat=True)) == ["breach", "warning_14d", "warning_7d"]
    assert comment_period_of(urgent).starts_at == day(0)
    assert urgent.decisions.get().kind == "board_urgent"


def test_an_urgent_version_adopted_after_input_no_longer_lapses(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = document_arrange(director)
        version_adopt_urgent(actor=director, version=version, reason="Emergency", **vote(0))
    with time_machine.travel(day(29), tick=False), pytest.raises(ValidationError):
        version_adopt(actor=director, version=version, reason="After input", **vote(29))
    with time_machine.travel(day(45), tick=False):
        confirmed = version_adopt(actor=director, version=version, reason="After input", **vote(45))
    assert confirmed.status == Status.ADOPTED and not confirmed.is_in_trial and not confirmed.is_open_for_input
    lapse = lapse_clock_of(confirmed)
    assert lapse.met_at == day(45) and lapse.breached_at is None
    assert set(confirmed.decisions.values_list("kind", flat=True)) == {"board_urgent", "board_adoption"}


def test_administrative_rules_are_not_adopted_by_the_board(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director, kind="administrative_rule", title="Complaint intake rule")
    with time_machine.travel(day(30), tick=False), pytest.raises(ValidationError):
        version_adopt(actor=director, version=version, reason="Meeting", **vote(30))
    with time_machine.travel(day(0), tick=False), pytest.raises(ValidationError):
        version_adopt_urgent(actor=director, version=version, reason="Meeting", **vote(0))


def test_the_board_recommends_after_input_and_the_city_administrator_adopts(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director, kind="administrative_rule", title="Complaint intake rule")
    with time_machine.travel(day(29), tick=False), pytest.raises(ValidationError):
        version_recommend(actor=director, version=version, reason="Meeting", **vote(29))
    with time_machine.travel(day(35), tick=False):
        with pytest.raises(ValidationError):  # no recommendation yet
            version_administrator_adopt(
                actor=director, version=version, decided_on=day(35).date(), reference="CA-1", reason="Decision"
            )
        version_recommend(actor=director, version=version, reason="Meeting", **vote(30))
        adopted = version_administrator_adopt(
            actor=director, version=version, decided_on=day(35).date(), reference="CA-2027-14", reason="Decision"
        )
    assert adopted.status == Status.ADOPTED and adopted.effective_on == day(35).date()
    decision = adopted.decisions.get(kind="administrator_adoption")
    assert (decision.reference, decision.recorded_by, decision.vote_on) == ("CA-2027-14", director, None)


def test_a_temporary_rule_of_the_city_administrator_lasts_at_most_90_days(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = document_arrange(director, kind="administrative_rule", title="Temporary rule")
        temporary = version_administrator_adopt_temporary(
            actor=director, version=version, decided_on=day(0).date(), reference="CA-T-1", reason="Urgent need"
        )
    assert temporary.is_in_trial and temporary.is_open_for_input
    assert lapse_clock_of(temporary).due_at == day(89, 23, 59).replace(second=59)


def test_the_city_administrators_decision_needs_a_reference(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = document_arrange(director, kind="administrative_rule", title="Temporary rule")
        with pytest.raises(ValidationError) as refused:
            version_administrator_adopt_temporary(
                actor=director, version=version, decided_on=day(0).date(), reference=" ", reason="Urgent"
            )
    assert "reference" in refused.value.message_dict


FIVE = {
    "size": 5,
    "quorum": Decimal("0.6"),
    "threshold": Decimal("0.6667"),
    "tie_rule": TieRule.INVESTIGATOR_FINDING_STANDS,
    "appeal_window_days": 21,
    "notice_days": 10,
    "training_required": True,
}


def test_the_bylaws_numbers_belong_to_an_adopted_bylaws_version(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, draft = document_arrange(director, kind="bylaws", title="Bylaws")
        _policy, other = open_arrange(director, title="Other policy")
    with time_machine.travel(day(30), tick=False):
        numbers = {
            "actor": director,
            "label": "Bylaws v1",
            "adopted_on": day(30).date(),
            "adopting_body": "board",
            "reason": "Meeting",
            "rules": {Body.HEARINGS: FIVE},
        }
        for wrong in (draft, other):
            with pytest.raises(ValidationError) as refused:
                bylaws_version_record(document_version=wrong, **numbers)
            assert "document_version" in refused.value.message_dict
        version_open_for_comment(actor=director, version=draft, reason="Notice")
    with time_machine.travel(day(60), tick=False):
        adopted = version_adopt(actor=director, version=draft, reason="Meeting", **vote(60))
        recorded = bylaws_version_record(document_version=adopted, **numbers | {"adopted_on": day(60).date()})
    assert recorded.document_version == adopted
    assert list(adopted.bylaws_numbers.all()) == [recorded]


def test_bylaws_numbers_recorded_without_a_text_still_work(director):
    with time_machine.travel(day(0), tick=False):
        recorded = bylaws_version_record(
            actor=director,
            label="Bylaws v0",
            adopted_on=day(0).date(),
            adopting_body="board",
            reason="Meeting",
            rules={Body.HEARINGS: FIVE},
        )
    assert recorded.document_version is None


def test_a_temporary_rule_adopted_after_input_and_recommendation_no_longer_lapses(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = document_arrange(director, kind="administrative_rule", title="Temporary rule")
        version_administrator_adopt_temporary(
            actor=director, version=version, decided_on=day(0).date(), reference="CA-T-1", reason="Urgent need"
        )
    with time_machine.travel(day(40), tick=False):
        version_recommend(actor=director, version=version, reason="Meeting", **vote(35))
        adopted = version_administrator_adopt(
            actor=director, version=version, decided_on=day(40).date(), reference="CA-2027-20", reason="Decision"
        )
    assert adopted.status == Status.ADOPTED and not adopted.is_in_trial
    assert lapse_clock_of(adopted).met_at == day(40) and lapse_clock_of(adopted).breached_at is None


def test_a_board_member_cannot_record_an_adoption(director, board):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
    with time_machine.travel(day(30), tick=False), pytest.raises(PermissionDenied):
        version_adopt(actor=board[0], version=version, reason="Meeting", **vote(30))
