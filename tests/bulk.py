"""Many rows at once for list tests and benchmarks: bulk inserts, no history (only reads are tested).

Rows are whole enough for every list page: each case has a complaint and ``allegations_per_case``
allegations; ``investigate`` gives every case an investigation, a 180-day clock and a records request
with its 5-business-day clock.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from intake.models import Allegation, AllegationType, Case, Complaint
from investigations.models import Investigation, RecordsRequest
from oversight.calendar.models import Deadline
from oversight.roster.models import Employee

FILER_NAMES = ("Ana Núñez", "Bo Smith", "Chloé Dubois", "Dmitri Ivanov", "Eun-ji Park")
BATCH = 5000


def bulk_cases(n, *, now, allegations_per_case=1, officers=20, investigator=None, prefix="2026"):
    """``n`` cases received one minute apart before ``now``; returns them (with pks)."""
    kind, _ = AllegationType.objects.get_or_create(code="courtesy", defaults={"name": "Discourtesy"})
    staff = Employee.objects.bulk_create(
        [
            Employee(badge_number=f"B{prefix[-2:]}{i:05d}", first_name="Pat", last_name=f"Officer{i}")
            for i in range(officers)
        ]
    )
    cases = Case.objects.bulk_create(
        [Case(number=f"{prefix}-{i:06d}", received_at=now - timedelta(minutes=i)) for i in range(n)], batch_size=BATCH
    )
    Complaint.objects.bulk_create([_complaint(case, i, now) for i, case in enumerate(cases)], batch_size=BATCH)
    allegations = (
        Allegation(case=case, employee=staff[(i + j) % officers], allegation_type=kind)
        for i, case in enumerate(cases)
        for j in range(allegations_per_case)
    )
    _bulk(Allegation, allegations)
    if investigator is not None:
        _investigate(cases, investigator, now)
    return cases


def _complaint(case, i, now):
    return Complaint(
        case=case,
        filer_type="complainant",
        narrative="Synthetic",
        incident_on=now.date(),
        incident_place="Portland",
        contact_name=f"{FILER_NAMES[i % len(FILER_NAMES)]} {i}",
        received_at=case.received_at,
        channel="web" if i % 3 else "phone",
    )


def _bulk(model, rows):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


def _investigate(cases, investigator, now):
    statuses = (Investigation.Status.OPEN, Investigation.Status.COMPLETED)
    investigations = Investigation.objects.bulk_create(
        [
            Investigation(case=c, investigator=investigator, status=statuses[i % 2], commenced_at=c.received_at)
            for i, c in enumerate(cases)
        ],
        batch_size=BATCH,
    )
    requests = RecordsRequest.objects.bulk_create(
        [
            RecordsRequest(investigation=i, records_sought="x", sent_at=i.commenced_at, requested_by=investigator)
            for i in investigations
        ],
        batch_size=BATCH,
    )
    _clocks(investigations, Deadline.Rule.INVESTIGATION_180D, timedelta(days=180))
    _clocks(requests, Deadline.Rule.RECORDS_5BD, timedelta(days=5))


def _clocks(rows, rule, length):
    ct = ContentType.objects.get_for_model(rows[0])
    start = "commenced_at" if hasattr(rows[0], "commenced_at") else "sent_at"
    _bulk(
        Deadline,
        (
            Deadline(
                about_type=ct, about_id=r.pk, rule=rule, starts_at=getattr(r, start), due_at=getattr(r, start) + length
            )
            for r in rows
        ),
    )
