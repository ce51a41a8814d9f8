"""`manage.py seed_scale` (issue 14.5): a small synthetic data set is consistent, verifiable and browsable."""

import datetime
import random
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from discipline.models import Panel
from discipline.synthetic.plan import CasePlan, case_plan, received_dates
from intake.models import Allegation, Case
from investigations.models import RecordsRequest
from oversight.accounts.models import User
from oversight.calendar.models import Deadline
from oversight.integrity.models import HistoryLink
from oversight.integrity.verify import history_verify

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)
CASES, ALLEGATIONS, OPEN_CLOCKS = 50, 400, 300


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    with time_machine.travel(NOW, tick=False):
        call_command(
            "seed_scale",
            cases=CASES,
            allegations=ALLEGATIONS,
            deadlines=OPEN_CLOCKS,
            seed=7,
            anchor="2026-06-15",
            stdout=StringIO(),
        )
        yield


def test_seed_scale_writes_the_counts_asked_for(seeded):
    assert Case.objects.count() == CASES
    assert Allegation.objects.count() == ALLEGATIONS
    assert Deadline.objects.filter(met_at__isnull=True).count() == OPEN_CLOCKS
    assert RecordsRequest.objects.exists() and Panel.objects.exists()


def test_seeded_history_is_signed_and_verifies(seeded):
    case = Case.objects.order_by("pk").first()
    record = case.history.get()
    assert record.history_change_reason == "synthetic data"
    assert record.history_user.username == "bench-synthetic"
    report = history_verify()
    assert report.ok, [b.describe() for b in report.breaks] + report.trigger_problems
    assert report.rows == HistoryLink.objects.count() > ALLEGATIONS


def test_every_seeded_case_page_and_staff_list_answers(seeded, client):
    director = User.objects.get(username="bench-director")
    client.force_login(director)
    with time_machine.travel(NOW, tick=False):
        for pk in Case.objects.values_list("pk", flat=True):
            assert client.get(f"/complaints/staff/cases/{pk}/").status_code == 200
        panel = Panel.objects.first()
        for url in (
            "/complaints/staff/",
            "/staff/investigations/",
            "/staff/investigations/ppb/requests/",
            "/board/panels/",
            f"/board/panels/{panel.pk}/",
            "/complaints/staff/groups/",
            "/staff/notices/inbox/",
            "/staff/notices/outbox/",
            "/staff/audit/reads/",
        ):
            assert client.get(url).status_code == 200, url


def test_seed_scale_refuses_a_database_that_has_cases(seeded):
    with pytest.raises(CommandError, match="--append"):
        call_command("seed_scale", cases=5, stdout=StringIO())


@pytest.mark.django_db
def test_seed_scale_refuses_without_debug_unless_told(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--yes"):
        call_command("seed_scale", cases=5, stdout=StringIO())


def test_the_same_seed_plans_the_same_cases():
    def plans(seed):
        rng = random.Random(seed)
        return [case_plan(rng, CasePlan(received_at=at), NOW) for at in received_dates(rng, 200, NOW)]

    first, again = plans(3), plans(3)
    assert first == again
    assert {p.status for p in first} >= {Case.Status.CLOSED, Case.Status.RESOLVED}
    assert all(p.received_at <= NOW and (p.closed_at is None or p.closed_at <= NOW) for p in first)


def test_every_status_is_reached_over_ten_years():
    rng = random.Random(11)
    statuses = {case_plan(rng, CasePlan(received_at=at), NOW).status for at in received_dates(rng, 20_000, NOW)}
    # The synthetic data has no appeals yet (issue 9 added them): a case is never planned on appeal.
    assert statuses >= set(Case.Status.values) - {Case.Status.MAYOR_REVIEW, Case.Status.ON_APPEAL}
