"""Bylaws numbers change only by a recorded Board vote, entered by the Director, and never under a
panel already convened (issue 13.4, R3.2)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.models import PanelResult
from discipline.services import panel_decide, vote_cast
from oversight.audit.models import BylawsChange
from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import BylawsSetting
from oversight.governance.services import bylaws_setting_set
from tests.arrange import case_before_panel

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PACIFIC)
VOTE = date(2026, 11, 20)
THRESHOLD = BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD
CHANGE = "/board/bylaws/change/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _unanimity(director, **overrides):
    kwargs = {"key": THRESHOLD, "value": Decimal("1"), "vote_on": VOTE, "adopting_body": "board"}
    return bylaws_setting_set(actor=director, reason="Amendment 4, meeting of 20 November", **kwargs | overrides)


def test_one_board_member_can_no_longer_change_the_numbers_on_a_page(client, board_members):
    # The probe: any one Board member changed the threshold on the bylaws page.
    client.force_login(board_members[0])
    data = {"key": THRESHOLD, "value": "1", "vote_on": "2026-11-20", "adopting_body": "board", "reason": "x"}
    assert client.post(CHANGE, data).status_code == 403
    assert client.post("/board/bylaws/", data).status_code == 405
    with pytest.raises(PermissionDenied):
        _unanimity(board_members[0])
    assert not BylawsSetting.objects.exists()


def test_the_administrator_does_not_change_bylaws(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/board/bylaws/").status_code == 403
    with pytest.raises(PermissionDenied):
        _unanimity(admin_user)


def test_the_director_records_a_change_with_the_vote_the_body_and_the_reason(client, director):
    client.force_login(director)
    data = {"key": THRESHOLD, "value": "0.6667", "vote_on": "2026-11-20", "adopting_body": "board", "reason": "Amdt 4"}
    assert client.post(CHANGE, data, REMOTE_ADDR="203.0.113.4").status_code == 302
    setting = BylawsSetting.objects.get()
    assert (setting.value, setting.adopted_on) == (Decimal("0.6667"), VOTE)
    assert setting.history.get().history_change_reason == "Vote of 2026-11-20 (board): Amdt 4"
    change = BylawsChange.objects.get()
    assert (change.value_before, change.value, change.vote_on, change.adopting_body) == (
        None,
        setting.value,
        VOTE,
        "board",
    )
    assert (change.recorded_by, change.reason, change.client_address) == (director, "Amdt 4", "203.0.113.4")
    page = client.get("/board/bylaws/").content.decode()
    assert "2026-11-20" in page and "The Board, by vote at a public meeting" in page and "66.67%" in page


def test_a_change_without_its_vote_is_refused_and_keeps_the_input(client, director):
    client.force_login(director)
    response = client.post(
        CHANGE, {"key": THRESHOLD, "value": "0.75", "vote_on": "", "adopting_body": "", "reason": ""}
    )
    assert response.status_code == 400 and b"0.75" in response.content
    with pytest.raises(ValidationError) as refused:
        _unanimity(director, vote_on=date(2026, 12, 3))
    assert "future" in str(refused.value)
    with pytest.raises(ValidationError):
        _unanimity(director, adopting_body="one_member")
    assert not BylawsSetting.objects.exists() and not BylawsChange.objects.exists()


def test_a_change_never_reaches_a_panel_already_convened(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    _unanimity(director)  # adopted while the panel sits
    allegation = case.allegations.get()
    for member, finding in zip(board_members, ["out_of_policy", "out_of_policy", "in_policy"], strict=True):
        vote_cast(panel=panel, allegation=allegation, finding=finding, actor=member)
    panel_decide(panel=panel, actor=director)  # 2 of 3 meets the threshold it was convened under
    result = PanelResult.objects.get(panel=panel)
    assert (result.finding, result.threshold) == ("out_of_policy", Decimal("0.5001"))


def test_a_panel_convened_after_the_change_is_bound_by_it(client, intake_user, director, investigator, board_members):
    _unanimity(director)
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    assert (panel.threshold, panel.quorum) == (Decimal("1"), Decimal("0.5001"))
    client.force_login(director)
    page = client.get(f"/board/panels/{panel.pk}/").content.decode()
    assert "at least 100% of the panel" in page and "at least 3 must vote for the same finding" in page
