"""Arranges policy recommendations in each state through the real services (issue 10 part C)."""

import datetime

from django.utils import timezone

from oversight.governance.recommendations import (
    recommendation_adopt,
    recommendation_answer,
    recommendation_council_request,
    recommendation_draft,
    recommendation_send,
)

VOTE_ON = datetime.date(2026, 3, 2)


def draft(actor, title="Body-worn cameras on at every stop", **extra):
    return recommendation_draft(
        actor=actor,
        title=title,
        text="Officers keep body-worn cameras recording from the first contact to the end of every stop.",
        rationale="Three sustained complaints in 2025 turned on missing footage.",
        reason="Board meeting of 2 March, item 4",
        **extra,
    )


def adopted(director, actor=None, vote_on=VOTE_ON, **extra):
    recommendation = draft(actor or director, **extra)
    return recommendation_adopt(
        actor=director,
        recommendation=recommendation,
        vote_on=vote_on,
        votes_yes=3,
        votes_no=0,
        votes_abstain=0,
        reason="Board meeting of 2 March, item 4",
    )


def sent(director, **extra):
    return recommendation_send(actor=director, recommendation=adopted(director, **extra), reason="Sent after adoption")


def answered(director, liaison, answer="accepted", **extra):
    return recommendation_answer(
        actor=liaison,
        recommendation=sent(director, **extra),
        answer=answer,
        explanation="PPB will change directive 630.50 accordingly.",
    )


def council_requested(director, liaison, vote_on=None, **extra):
    recommendation = answered(director, liaison, answer="rejected", **extra)
    return recommendation_council_request(
        actor=director,
        recommendation=recommendation,
        vote_on=vote_on or timezone.localdate(),
        votes_yes=3,
        votes_no=0,
        votes_abstain=0,
        reason="Board meeting: ask Council",
    )
