"""The bylaws' numbers per body, in versions (issue 9.2, R3.2): body_rules is the one read path."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.audit.models import BylawsChange
from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import Body, BodyRule, BylawsSetting, BylawsVersion, TieRule
from oversight.governance.selectors import body_rules, body_rules_all, bylaws_value
from oversight.governance.services import bylaws_setting_set, bylaws_version_record

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PACIFIC)
VOTE = date(2026, 11, 20)
FIVE = {
    "size": 5,
    "quorum": Decimal("0.6"),
    "threshold": Decimal("0.6667"),
    "tie_rule": TieRule.INVESTIGATOR_FINDING_STANDS,
    "appeal_window_days": 21,
    "notice_days": 10,
    "training_required": True,
}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _v3(director, label="Bylaws v3", adopted_on=VOTE, rules=None, **extra):
    return bylaws_version_record(
        actor=director,
        label=label,
        adopted_on=adopted_on,
        adopting_body="board",
        reason="Amendment 4, meeting of 20 November",
        rules=rules or {Body.HEARINGS: FIVE},
        **extra,
    )


def test_without_any_version_every_body_has_the_documented_defaults():
    rules = body_rules(Body.APPEALS)
    assert (rules.size, rules.quorum, rules.threshold, rules.tie_rule) == (
        3,
        Decimal("0.5001"),
        Decimal("0.5001"),
        "return_to_ocpa",
    )
    assert (rules.appeal_window_days, rules.notice_days, rules.training_required, rules.adopted_on) == (
        30,
        7,
        False,
        None,
    )


def test_defaults_read_in_plain_words_two_of_three_must_vote_and_two_agree():
    rules = body_rules(Body.HEARINGS)
    assert rules.plain_words() == "2 of 3 members must vote; 2 must agree."
    assert (rules.votes_for_quorum(4), rules.votes_to_adopt(4)) == (3, 3)


def test_a_recorded_version_gives_its_numbers_its_label_and_its_adoption_date(director):
    _v3(director)
    rules = body_rules(Body.HEARINGS)
    assert (rules.size, rules.threshold, rules.tie_rule, rules.version_label, rules.adopted_on) == (
        5,
        Decimal("0.6667"),
        "investigator_finding_stands",
        "Bylaws v3",
        VOTE,
    )
    assert rules.plain_words() == "3 of 5 members must vote; 4 must agree."


def test_a_body_the_version_does_not_name_keeps_its_earlier_numbers(director):
    _v3(director)
    assert body_rules(Body.APPEALS).is_default
    assert body_rules(Body.APPEALS).size == 3


def test_the_version_in_force_is_the_one_adopted_by_the_day_asked(director):
    _v3(director, label="Bylaws v2", adopted_on=date(2026, 1, 5), rules={Body.HEARINGS: FIVE | {"size": 7}})
    _v3(director)
    assert body_rules(Body.HEARINGS, on=date(2025, 12, 31)).is_default
    assert body_rules(Body.HEARINGS, on=date(2026, 6, 1)).size == 7
    assert body_rules(Body.HEARINGS, on=VOTE).size == 5


def test_recording_a_version_keeps_history_with_the_director_and_the_reason(director):
    version = _v3(director)
    row = BodyRule.objects.get(version=version)
    assert version.history.get().history_user == director
    assert (
        version.history.get().history_change_reason == "Vote of 2026-11-20 (board): Amendment 4, meeting of 20 November"
    )
    assert row.history.get().history_change_reason == "Bylaws v3: Amendment 4, meeting of 20 November"


def test_each_changed_quorum_and_threshold_is_written_to_the_bylaws_change_log(director):
    _v3(director, client_address="203.0.113.4")
    changes = {c.key: c for c in BylawsChange.objects.all()}
    assert set(changes) == {"hearings_quorum", "hearings_threshold"}
    threshold = changes["hearings_threshold"]
    assert (threshold.value_before, threshold.value, threshold.vote_on, threshold.recorded_by) == (
        None,
        Decimal("0.6667"),
        VOTE,
        director,
    )
    assert threshold.client_address == "203.0.113.4"


def test_recording_the_same_version_twice_changes_nothing(director):
    first = _v3(director)
    assert _v3(director) == first
    assert BodyRule.objects.count() == 1 and BylawsChange.objects.count() == 2


def test_a_second_body_under_the_same_version_is_added_to_it(director):
    version = _v3(director)
    assert _v3(director, rules={Body.APPEALS: FIVE}) == version
    assert set(version.rules.values_list("body", flat=True)) == {"hearings", "appeals"}


def test_the_same_label_with_other_numbers_for_a_body_is_refused(director):
    _v3(director)
    with pytest.raises(ValidationError) as refused:
        _v3(director, rules={Body.HEARINGS: FIVE | {"size": 9}})
    assert "body" in refused.value.message_dict


def test_a_threshold_of_one_half_or_less_is_refused(director):
    with pytest.raises(ValidationError) as refused:
        _v3(director, rules={Body.HEARINGS: FIVE | {"threshold": Decimal("0.5")}})
    assert "threshold" in refused.value.message_dict
    assert not BylawsVersion.objects.exists()


def test_a_vote_in_the_future_is_refused(director):
    with pytest.raises(ValidationError) as refused:
        _v3(director, adopted_on=date(2026, 12, 3))
    assert "adopted_on" in refused.value.message_dict


def test_a_board_member_cannot_record_a_version(board_members):
    with pytest.raises(PermissionDenied):
        _v3(board_members[0])


def test_a_version_needs_a_reason(director):
    with pytest.raises(ValidationError) as refused:
        bylaws_version_record(
            actor=director, label="v3", adopted_on=VOTE, adopting_body="board", reason=" ", rules={"hearings": FIVE}
        )
    assert "reason" in refused.value.message_dict


def test_the_one_number_form_before_versions_records_a_version_body_rules_reads(director):
    bylaws_setting_set(
        key=BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD,
        value=Decimal("0.75"),
        vote_on=VOTE,
        adopting_body="board",
        actor=director,
        reason="Amendment 5",
    )
    rules = body_rules(Body.HEARINGS)
    assert (rules.threshold, rules.quorum, rules.adopted_on) == (Decimal("0.75"), Decimal("0.5001"), VOTE)
    assert bylaws_value(BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD) == Decimal("0.75")
    assert BylawsChange.objects.get().key == "hearings_panel_threshold"


def test_every_body_in_force_is_read_in_one_query(director, django_assert_max_num_queries):
    for n, body in enumerate(Body.values):
        _v3(director, label=f"v{n}", rules={body: FIVE})
    with django_assert_max_num_queries(1):
        rules = body_rules_all()
    assert [r.body for r in rules] == Body.values and all(r.size == 5 for r in rules)
