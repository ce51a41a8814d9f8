import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.arrange import case_awaiting_discipline


@pytest.fixture
def clock():
    with time_machine.travel("2026-11-02 10:00:00-08:00", tick=True):
        yield


@pytest.fixture
def history(clock, intake_user, director, investigator, board_members):
    """A case walked to a discipline decision through the real services, its links written."""
    case, panel, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    link_pending()
    return case


def link_pending():
    """The chain trigger runs at commit; a test never commits, so fire the queued links now."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def as_superuser_without_triggers(sql, params=None):
    """What someone holding the database's superuser could do: tamper with triggers switched off."""
    link_pending()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET LOCAL session_replication_role = origin")


def verify_fails(*args):
    """The message verify_history raises (it exits 1 from the command line)."""
    with pytest.raises(CommandError) as failure:
        call_command("verify_history", *args, stdout=io.StringIO(), stderr=io.StringIO())
    return str(failure.value)
