"""Arranges documents and versions through the real services (issue 10 part A)."""

from datetime import datetime, timedelta

from oversight.calendar.business_days import PACIFIC
from oversight.governance.documents import document_create, version_draft, version_open_for_comment

# Day 0: a Monday morning, Pacific. Day 29 is 2027-03-30, day 30 is 2027-03-31.
DAY0 = datetime(2027, 3, 1, 10, 0, tzinfo=PACIFIC)
TEXT_V1 = "Officers record every stop.\nRecordings are kept for one year."
TEXT_V2 = "Officers record every stop and every search.\nRecordings are kept for three years."


def day(n, hour=10, minute=0):
    """Day `n` after DAY0 at hour:minute, Pacific."""
    return (DAY0 + timedelta(days=n)).replace(hour=hour, minute=minute)


def vote(n, yes=2, no=0, abstain=0):
    """A Board vote held on day `n` that the default bylaws (3 seated, 2 must vote and agree) accept."""
    return {"vote_on": day(n).date(), "votes_yes": yes, "votes_no": no, "votes_abstain": abstain}


def document_arrange(director, *, kind="policy", title="Body-worn cameras", text=TEXT_V1, summary="First text"):
    """A document and its first draft."""
    document = document_create(actor=director, kind=kind, title=title, reason="Board work plan")
    version = version_draft(actor=director, document=document, text=text, change_summary=summary, reason="Drafted")
    return document, version


def open_arrange(director, **kwargs):
    """A document whose first version is open for comment from now."""
    document, version = document_arrange(director, **kwargs)
    return document, version_open_for_comment(actor=director, version=version, reason="Notice published")
