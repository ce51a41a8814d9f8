"""Arranges public comments (issue 10 part B) through a real registration and the real services.

Tests register the existing SubCommittee model as "test-subcommittee" (open while not dissolved) with
``subcommittee_commentable()``, and unregister it afterwards."""

import uuid
from contextlib import contextmanager
from datetime import date

from oversight.governance.comments import comment_submit, commentable_registered
from oversight.governance.services import subcommittee_form

KEY = "test-subcommittee"


@contextmanager
def subcommittee_commentable():
    from oversight.governance.models import SubCommittee

    with commentable_registered(
        KEY,
        SubCommittee,
        is_open=lambda sc: sc.dissolved_on is None,
        title=lambda sc: sc.name,
        public_url=lambda sc: f"/board/subcommittees/{sc.pk}/",
    ) as entry:
        yield entry


def subcommittee_arrange(director, members, name="Policy"):
    return subcommittee_form(
        actor=director, name=name, purpose="Drafts policy", formed_on=date(2026, 1, 10), members=members, reason="Vote"
    )


def form_url(item):
    return f"/participate/comment/{KEY}/{item.pk}/"


def form_data(body="Please add more patrol training.", **extra):
    return {"body": body, "display_name": "", "language": "en", "submission_key": str(uuid.uuid4()), **extra}


def comment_arrange(item, body="A comment.", language="en", display_name="", address="203.0.113.9"):
    return comment_submit(item=item, body=body, language=language, client_address=address, display_name=display_name)
