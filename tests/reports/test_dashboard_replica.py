"""The dashboard reads from the read replica when one is configured (issue 11 part C; issue 14.4)."""

import pytest
import time_machine
from django.db import connections
from django.test.utils import CaptureQueriesContext

from oversight.db_router import REPLICA
from tests.reports.arrange_dashboard import NOW

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A "replica" alias on the test database itself (TEST MIRROR), for this module only."""
    connections.settings[REPLICA] = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def test_the_dashboard_and_its_csv_read_from_the_replica(client):
    replica = connections[REPLICA]
    with time_machine.travel(NOW, tick=False):
        with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_default:
            assert client.get("/reports/dashboard/", {"year": "2026"}).status_code == 200
            response = client.get("/reports/dashboard/decisions.csv", {"year": "2026"})
            b"".join(response.streaming_content)
    assert any('"intake_case"' in q["sql"] for q in on_replica)
    assert any('"governance_policyrecommendation"' in q["sql"] for q in on_replica)
    assert not any('"intake_case"' in q["sql"] for q in on_default)
