from datetime import datetime

import pytest
import time_machine

from oversight.calendar.business_days import PACIFIC
from tests.test_need_to_know import people  # noqa: F401 - one person per role, for the need-to-know world

MORNING = datetime(2026, 12, 2, 9, 30, tzinfo=PACIFIC)


@pytest.fixture
def fixed_clock():
    """One fixed morning, whatever clock the suite runs under (make test-clocks)."""
    with time_machine.travel(MORNING, tick=False):
        yield
