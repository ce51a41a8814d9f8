"""Sentinel event reviews (issue 10 part D) walked to a state through the real services."""

import datetime

from oversight.calendar.business_days import PACIFIC
from oversight.governance import sentinel

NOW = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PACIFIC)
OPENED_ON = datetime.date(2026, 10, 1)


def review_open(director, title="In-custody death at a county jail"):
    return sentinel.sentinel_review_open(
        actor=director,
        title=title,
        event_summary="A person died in custody after a use of force during booking.",
        scope="Booking procedures, medical screening, the hand-over between agencies.",
        opened_on=OPENED_ON,
        reason="Board vote to review",
    )


def review_in_progress(director, title="In-custody death at a county jail"):
    review = review_open(director, title)
    sentinel.sentinel_participant_add(
        actor=director, review=review, kind="law_enforcement", name="Pat Quinn", organisation="PPB", reason="Named"
    )
    sentinel.sentinel_participant_add(
        actor=director, review=review, kind="public", name="Lee Member", organisation="", reason="Named"
    )
    sentinel.sentinel_milestone_add(
        actor=director, review=review, title="Interviews done", due_on=datetime.date(2026, 12, 1), reason="Plan"
    )
    return sentinel.sentinel_review_start(actor=director, review=review, reason="Scope agreed")


def review_with_report(director, title="In-custody death at a county jail"):
    review = review_in_progress(director, title)
    sentinel.sentinel_report_save(
        actor=director, review=review, report_text="The hand-over lacked a medical check.", reason="Draft"
    )
    for heading in ("Screen every person at booking", "Record each hand-over"):
        sentinel.sentinel_report_item_add(
            actor=director, review=review, title=heading, body=f"{heading}, every time.", reason="Draft"
        )
    return review
