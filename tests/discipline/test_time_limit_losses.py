"""Complaints lost to time limits (issue 11 section 5): the Director records per case which time limit
cost the complaint; the contract metric counts the records by the day the complaint was lost, per limit,
leaving out withdrawn records; only the Director reads or writes them."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.models import TimeLimitLoss
from discipline.time_limits import time_limit_loss_record, time_limit_loss_withdraw, time_limit_losses_summary
from intake.services import case_decide
from oversight.calendar.business_days import PACIFIC
from reports.accountability import accountability_metrics
from tests.arrange import case_received

pytestmark = pytest.mark.django_db
FILED_AT = datetime(2026, 2, 2, 10, 0, tzinfo=PACIFIC)
NOW = datetime(2026, 6, 1, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(FILED_AT, tick=False) as traveller:
        yield traveller


def _dismissed(intake_user):
    return case_decide(
        case=case_received(intake_user), decision="dismissal", reason="Filed after the time to file", actor=intake_user
    )


@pytest.fixture
def case(intake_user, clock):
    filed = _dismissed(intake_user)
    clock.move_to(NOW)
    return filed


def _record(director, case, **extra):
    values = {"limit": "investigation", "lost_on": date(2026, 5, 20), "reason": "Arbitrator: untimely", "note": ""}
    return time_limit_loss_record(actor=director, case=case, **(values | extra))


def test_the_director_records_which_limit_cost_the_complaint_with_a_reason_in_the_history(director, case):
    loss = _record(director, case, note="Arbitration award 2026-05-20")
    assert (loss.limit, loss.lost_on, loss.note, loss.withdrawn_at) == (
        "investigation",
        date(2026, 5, 20),
        "Arbitration award 2026-05-20",
        None,
    )
    (row,) = loss.history.all()
    assert (row.history_user, row.history_change_reason) == (director, "Arbitrator: untimely")


def test_the_same_record_twice_is_one_record_and_one_history_row(director, case):
    first = _record(director, case)
    assert _record(director, case).pk == first.pk
    assert TimeLimitLoss.objects.count() == 1 and first.history.count() == 1


def test_a_correction_changes_the_one_record_and_keeps_the_old_values_in_the_history(director, case):
    _record(director, case)
    loss = _record(director, case, limit="filing", lost_on=date(2026, 2, 3), reason="Wrong limit")
    assert TimeLimitLoss.objects.count() == 1 and (loss.limit, loss.lost_on) == ("filing", date(2026, 2, 3))
    assert [h.limit for h in loss.history.order_by("history_id")] == ["investigation", "filing"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"lost_on": date(2026, 6, 2)}, "lost_on"),  # tomorrow
        ({"lost_on": date(2026, 2, 1)}, "lost_on"),  # before the case was received
        ({"lost_on": None}, "lost_on"),
        ({"limit": "statute"}, "limit"),
        ({"reason": "  "}, "reason"),
    ],
)
def test_a_bad_record_is_refused_with_the_field_that_is_wrong_and_saves_nothing(director, case, extra, field):
    with pytest.raises(ValidationError) as refused:
        _record(director, case, **extra)
    assert field in refused.value.message_dict
    assert not TimeLimitLoss.objects.exists()


@pytest.mark.parametrize("role", ["intake_user", "investigator", "liaison", "admin_user", "board_members"])
def test_only_the_director_records_or_withdraws(request, director, case, role):
    user = request.getfixturevalue(role)
    user = user[0] if isinstance(user, list) else user
    with pytest.raises(PermissionDenied):
        _record(user, case)
    loss = _record(director, case)
    with pytest.raises(PermissionDenied):
        time_limit_loss_withdraw(actor=user, loss=loss, reason="No")
    assert TimeLimitLoss.objects.get().withdrawn_at is None


def test_a_withdrawn_record_is_not_counted_and_recording_again_restores_it(director, case):
    loss = _record(director, case)
    window = {"start": date(2026, 1, 1), "end": date(2027, 1, 1)}
    assert time_limit_losses_summary(**window)["total"] == 1
    loss = time_limit_loss_withdraw(actor=director, loss=loss, reason="Entered in error")
    assert loss.withdrawn_at is not None
    summary = time_limit_losses_summary(**window)
    assert (summary["is_recorded"], summary["total"]) == (True, 0)
    _record(director, case)
    assert time_limit_losses_summary(**window)["total"] == 1
    assert loss.history.count() == 3


def test_the_metric_counts_per_limit_within_the_period_only(director, intake_user, clock):
    clock.move_to(FILED_AT)
    cases = [_dismissed(intake_user) for _ in range(4)]
    clock.move_to(NOW)
    _record(director, cases[0], limit="investigation")
    _record(director, cases[1], limit="discipline", lost_on=date(2026, 3, 1))
    _record(director, cases[2], limit="filing", lost_on=date(2026, 2, 2))
    _record(director, cases[3], limit="other", lost_on=date(2026, 5, 31))
    with time_machine.travel(datetime(2026, 6, 1, 12, tzinfo=PACIFIC), tick=False):
        metrics = {m["key"]: m for m in accountability_metrics(start=date(2026, 3, 1), end=date(2026, 5, 31))}
    metric = metrics["complaints-lost-to-time-limits"]
    # 2026-02-02 is before the period and 2026-05-31 is its (excluded) end.
    assert (metric["is_recorded"], metric["value"]) == (True, 2)
    assert metric["detail"] == {"filing": 0, "investigation": 1, "discipline": 1, "other": 0}
    assert "discipline_timelimitloss" in metric["query"] and "2026-03-01" in metric["query"]


def test_the_case_page_and_the_form_work_for_the_director(client, director, case):
    client.force_login(director)
    page = client.get(f"/complaints/staff/cases/{case.pk}/decision/").content.decode()
    assert f"/board/cases/{case.pk}/time-limit/" in page
    assert "No time limit is recorded as having cost this complaint." in page
    response = client.post(
        f"/board/cases/{case.pk}/time-limit/",
        {"limit": "discipline", "lost_on": "2026-05-20", "note": "Grievance upheld", "reason": "Recorded"},
    )
    assert response.status_code == 302
    assert TimeLimitLoss.objects.get().limit == "discipline"
    page = client.get(f"/complaints/staff/cases/{case.pk}/decision/").content.decode()
    assert "Complaint lost to a time limit on 2026-05-20" in page


def test_a_bad_form_comes_back_with_the_message_and_what_was_typed(client, director, case):
    client.force_login(director)
    response = client.post(
        f"/board/cases/{case.pk}/time-limit/",
        {"limit": "filing", "lost_on": "2026-07-01", "note": "Typed note", "reason": "Recorded"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The day cannot be in the future." in html and "Typed note" in html
    assert not TimeLimitLoss.objects.exists()


def test_the_director_withdraws_a_record_on_the_page(client, director, case):
    _record(director, case)
    client.force_login(director)
    response = client.post(f"/board/cases/{case.pk}/time-limit/withdraw/", {"w-reason": "Entered in error"})
    assert response.status_code == 302
    assert TimeLimitLoss.objects.get().withdrawn_at is not None
    assert "not counted" in client.get(f"/board/cases/{case.pk}/time-limit/").content.decode()


def test_no_one_else_sees_the_part_on_the_case_page(client, intake_user, case):
    client.force_login(intake_user)
    page = client.get(f"/complaints/staff/cases/{case.pk}/decision/").content.decode()
    assert "time-limit" not in page
    assert client.get(f"/board/cases/{case.pk}/time-limit/").status_code == 403


def test_the_page_of_a_case_that_does_not_exist_is_404(client, director):
    client.force_login(director)
    assert client.get("/board/cases/999999/time-limit/").status_code == 404


def test_a_case_before_its_decision_cannot_be_recorded_as_lost(director, intake_user):
    with pytest.raises(ValidationError) as refused:
        _record(director, case_received(intake_user), lost_on=date(2026, 2, 2))
    assert "limit" in refused.value.message_dict
    assert not TimeLimitLoss.objects.exists()


def test_a_period_before_the_first_recorded_loss_says_no_data_not_zero(director, case):
    _record(director, case, lost_on=date(2026, 5, 20))
    before = time_limit_losses_summary(start=date(2025, 1, 1), end=date(2026, 1, 1))
    assert before["is_recorded"] is False
    after = time_limit_losses_summary(start=date(2026, 1, 1), end=date(2027, 1, 1))
    assert (after["is_recorded"], after["total"]) == (True, 1)
    with time_machine.travel(datetime(2026, 6, 1, 12, tzinfo=PACIFIC), tick=False):
        metrics = {m["key"]: m for m in accountability_metrics(start=date(2025, 1, 1), end=date(2026, 1, 1))}
    assert (
        metrics["complaints-lost-to-time-limits"]["is_recorded"],
        metrics["complaints-lost-to-time-limits"]["value"],
    ) == (False, None)


def test_withdrawing_twice_writes_one_history_row(director, case):
    loss = _record(director, case)
    time_limit_loss_withdraw(actor=director, loss=loss, reason="Entered in error")
    time_limit_loss_withdraw(actor=director, loss=loss, reason="Entered in error")
    assert loss.history.count() == 2


def test_the_public_page_shows_the_count_per_limit(client, director, case):
    _record(director, case, limit="discipline")
    html = client.get("/reports/accountability/", {"year": 2026}).content.decode()
    assert "Time to file: 0; investigation's limit: 0; contract limit on discipline: 1; other: 0" in html


def test_withdrawing_a_record_that_does_not_exist_is_404(client, director, case):
    client.force_login(director)
    assert client.post(f"/board/cases/{case.pk}/time-limit/withdraw/", {"w-reason": "x"}).status_code == 404
