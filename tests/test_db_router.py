"""Reports may read from a replica (DATABASE_REPLICA_URL, oversight/db_router.py); writes, history
and logs never do, and with no replica configured nothing changes (issue 14.4)."""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import CityDay
from oversight.db_router import REPLICA, use_replica
from oversight.history import save_audited

# Committed rows, no test transaction around them: a replica is another connection, and reads in a
# transaction on default stay on default (the router's rule).
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A "replica" alias on the test database itself, as TEST MIRROR makes it, for this module only.
    Module scope: it must exist before pytest-django sets up each test's databases."""
    connections.settings[REPLICA] = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica():
    return connections[REPLICA]


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_the_annual_report_reads_from_the_replica_and_writes_the_session_to_default(client, director, replica):
    client.force_login(director)
    with time_machine.travel(NOW, tick=False):
        with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_default:
            assert client.get("/reports/annual/2026/").status_code == 200
    assert any('"reports_reportedition"' in q["sql"] for q in on_replica)  # issue 11: the published edition
    assert _writes(on_replica) == []
    assert any("django_session" in sql for sql in _writes(on_default))  # the session is saved on default
    assert not any('"reports_reportedition"' in q["sql"] for q in on_default)


def test_inside_use_replica_writes_and_history_stay_on_default(director, replica):
    with CaptureQueriesContext(replica) as on_replica, use_replica():
        day = save_audited(
            CityDay(date=date(2026, 11, 27), name="Closure", kind=CityDay.Kind.CLOSED), actor=director, reason="Test"
        )
        assert day.history.get().history_change_reason == "Test"  # history is read where it is written
        with transaction.atomic():
            CityDay.objects.select_for_update().get(pk=day.pk)  # a service's lock: on default
        assert CityDay.objects.count() == 1  # a plain read: on the replica
    assert _writes(on_replica) == []
    assert [q["sql"] for q in on_replica if "history" in q["sql"] or "FOR UPDATE" in q["sql"]] == []
    assert any(q["sql"].startswith("SELECT COUNT(*)") and "cityday" in q["sql"] for q in on_replica)


def test_without_a_replica_use_replica_reads_default(director, monkeypatch):
    monkeypatch.delitem(connections.settings, REPLICA)
    with CaptureQueriesContext(connections["default"]) as on_default, use_replica():
        CityDay.objects.count()
    assert len(on_default) == 1
