"""Shares of a panel are written one way for people: a percentage (issue 8)."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import BylawsSetting
from oversight.governance.services import bylaws_setting_set
from oversight.governance.shares import share_display
from tests.arrange import case_awaiting_discipline

pytestmark = pytest.mark.django_db

NOV_20 = datetime(2026, 11, 20, 10, 0, tzinfo=PACIFIC)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("0.5001"), "50.01%"),
        (Decimal("0.6667"), "66.67%"),
        (Decimal("1.0000"), "100%"),
        (Decimal("0.5"), "50%"),
    ],
)
def test_a_share_is_written_as_a_percentage(value, shown):
    assert share_display(value) == shown


def test_the_bylaws_page_writes_the_numbers_in_force_and_their_history_as_percentages(client, director, board_members):
    with time_machine.travel(NOV_20, tick=False):
        bylaws_setting_set(
            key=BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD,
            value=Decimal("0.6667"),
            vote_on=NOV_20.date(),
            adopting_body="board",
            actor=director,
            reason="Amendment 4",
        )
    client.force_login(board_members[0])
    html = client.get("/board/bylaws/").content.decode()
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    assert "66.67%" in cells and "50.01%" in cells  # the new threshold (in force and in history), the default quorum
    assert not [cell for cell in cells if re.fullmatch(r"[01]\.\d+", cell)]
    assert str(BylawsSetting.objects.get()) == "Hearings panel: share of members needed to adopt a finding: 66.67%"


def test_a_panel_result_writes_its_threshold_as_a_percentage(
    client, intake_user, director, investigator, board_members
):
    with time_machine.travel(NOV_20, tick=False):
        _case, panel, _allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    client.force_login(director)
    html = client.get(reverse("discipline:panel-detail", args=[panel.pk])).content.decode()
    assert "3 of 3 members; 3 voted; threshold 50.01%" in html
    assert "0.5001" not in html
