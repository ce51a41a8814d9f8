"""Civil suits (issue 10 section 7, R4.6): the record's rules, its history, and the summary item m reads."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.governance.models import CivilSuit
from oversight.governance.suits import civil_suit_update, civil_suits_public_by_year, civil_suits_summary
from tests.factories import ChiefFactory, EmployeeFactory

from .arrange_suits import NOW, settled, suit_arrange

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_director_records_a_suit_with_its_officers_and_a_history_reason(director):
    officer = EmployeeFactory()
    suit = suit_arrange(director, officers=[officer])
    assert suit.status == CivilSuit.Status.PENDING
    assert list(suit.officers.all()) == [officer]
    record = suit.history.earliest()
    assert (record.history_user, record.history_change_reason) == (director, "City Attorney's report")


def test_recording_the_same_court_number_twice_returns_the_suit(director):
    first = suit_arrange(director)
    assert suit_arrange(director, officers=[]) == first
    assert CivilSuit.objects.count() == 1


def test_a_board_member_cannot_record_a_suit(board_members):
    with pytest.raises(PermissionDenied):
        suit_arrange(board_members[0])


@pytest.mark.parametrize("field", ["settlement_amount", "judgment_amount", "legal_fees"])
def test_a_negative_amount_is_refused(director, field):
    status = {"settlement_amount": "settled", "judgment_amount": "judgment"}.get(field, "pending")
    resolved = date(2026, 5, 1) if status != "pending" else None
    with pytest.raises(ValidationError) as error:
        suit_arrange(director, status=status, resolved_on=resolved, **{field: Decimal("-0.01")})
    assert field in error.value.message_dict


def test_zero_is_a_valid_amount(director):
    suit = suit_arrange(director, legal_fees=Decimal("0"))
    assert suit.legal_fees == Decimal("0")


def test_a_settlement_amount_belongs_to_a_settled_suit(director):
    with pytest.raises(ValidationError) as error:
        suit_arrange(director, settlement_amount=Decimal("1000"))
    assert "settlement_amount" in error.value.message_dict


def test_a_resolved_suit_needs_its_resolution_date(director):
    with pytest.raises(ValidationError) as error:
        suit_arrange(director, status="dismissed")
    assert "resolved_on" in error.value.message_dict


def test_a_suit_cannot_be_resolved_before_it_was_filed(director):
    with pytest.raises(ValidationError) as error:
        suit_arrange(director, status="dismissed", resolved_on=date(2026, 1, 1))
    assert "resolved_on" in error.value.message_dict


def test_a_suit_cannot_be_filed_in_the_future(director):
    with pytest.raises(ValidationError) as error:
        suit_arrange(director, filed_on=date(2026, 6, 2))
    assert "filed_on" in error.value.message_dict


def test_the_chief_is_not_a_covered_employee_to_name(director):
    with pytest.raises(ValidationError) as error:
        suit_arrange(director, officers=[ChiefFactory()])
    assert "officers" in error.value.message_dict


def test_the_database_refuses_a_negative_amount_written_around_the_service(director):
    from django.db import IntegrityError, transaction

    suit = suit_arrange(director)
    with pytest.raises(IntegrityError), transaction.atomic():
        CivilSuit.objects.filter(pk=suit.pk).update(legal_fees=Decimal("-5"))


def test_settling_a_suit_records_the_amount_with_the_reason(director):
    suit = suit_arrange(director)
    civil_suit_update(
        actor=director,
        suit=suit,
        officers=list(suit.officers.all()),
        status="settled",
        resolved_on=date(2026, 5, 20),
        settlement_amount=Decimal("250000.00"),
        legal_fees=Decimal("12000.50"),
        reason="Settlement approved by Council",
    )
    suit.refresh_from_db()
    assert (suit.status, suit.settlement_amount, suit.legal_fees) == (
        "settled",
        Decimal("250000.00"),
        Decimal("12000.50"),
    )
    latest = suit.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (director, "Settlement approved by Council")


def test_a_settled_suit_cannot_be_set_back_to_pending(director):
    suit = suit_arrange(director)
    civil_suit_update(
        actor=director, suit=suit, status="settled", resolved_on=date(2026, 5, 20), reason="Settlement approved"
    )
    with pytest.raises(ValidationError) as refused:
        civil_suit_update(
            actor=director, suit=suit, status="pending", resolved_on=None, settlement_amount=None, reason="Oops"
        )
    assert "status" in refused.value.message_dict
    suit.refresh_from_db()
    assert suit.status == "settled"


def test_a_dismissal_reversed_on_appeal_makes_the_suit_pending_again(director):
    suit = suit_arrange(director)
    civil_suit_update(actor=director, suit=suit, status="dismissed", resolved_on=date(2026, 5, 20), reason="Dismissed")
    civil_suit_update(actor=director, suit=suit, status="pending", resolved_on=None, reason="Reinstated on appeal")
    suit.refresh_from_db()
    assert (suit.status, suit.history.latest().history_change_reason) == ("pending", "Reinstated on appeal")


def test_an_unchanged_update_writes_no_history(director):
    suit = suit_arrange(director)
    before = suit.history.count()
    civil_suit_update(actor=director, suit=suit, officers=list(suit.officers.all()), reason="Again")
    assert suit.history.count() == before


def test_the_summary_counts_suits_filed_by_nature_and_money_of_suits_resolved_that_year(director):
    settled(director, "A-1", "100000.00", legal_fees=Decimal("5000"))
    settled(director, "A-2", "50000.50", nature="false_arrest")
    suit_arrange(director, court_case_number="A-3", nature="wrongful_death")
    settled(director, "OLD", "999", filed_on=date(2025, 3, 1), resolved_on=date(2025, 9, 1))
    summary = civil_suits_summary(year=2026)
    assert summary["count"] == 3
    assert summary["by_nature"]["excessive_force"] == 1
    assert summary["by_nature"]["false_arrest"] == 1
    assert summary["by_nature"]["wrongful_death"] == 1
    assert summary["by_nature"]["discrimination"] == 0
    assert summary["settlements"] == Decimal("150000.50")
    assert summary["judgments"] == Decimal("0")
    assert summary["fees"] == Decimal("5000")
    assert summary["resolved"] == 2
    assert summary["is_recorded"] is True


def test_the_summary_says_when_nothing_is_recorded(db):
    summary = civil_suits_summary(year=2026)
    assert summary["is_recorded"] is False
    assert summary["count"] == 0


def test_the_public_aggregate_is_per_year_newest_first(director):
    settled(director, "A-1", "100.00")
    settled(director, "OLD", "7.00", filed_on=date(2024, 3, 1), resolved_on=date(2025, 9, 1))
    years = civil_suits_public_by_year()
    assert [row["year"] for row in years] == [2026, 2025, 2024]
    assert years[0]["settlements"] == Decimal("100.00")
    assert years[1]["count"] == 0 and years[1]["settlements"] == Decimal("7.00")
    assert years[2]["count"] == 1
