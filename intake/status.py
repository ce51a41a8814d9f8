"""Selectors of the filer's status page: which complaint a code opens, its timeline, its messages (R1.4)."""

from django.db.models import Avg, Count, Prefetch
from django.utils.translation import gettext_lazy as _

from .access import access_code_hash, access_code_matches
from .models import Case, Complaint, ComplaintAttachment, FilerMessage, SurveyAnswer

# Later stages tell intake the expected date of their stage from the deadline engine's rows,
# so intake never imports them: builder(case) returns a datetime or None.
_STAGE_CLOCKS = {}
# Likewise a later stage may add a line of outcome to its stage: builder(case) returns text or "".
_STAGE_NOTES = {}


def register_stage_clock(stage, builder):
    _STAGE_CLOCKS[stage] = builder


def register_stage_note(stage, builder):
    _STAGE_NOTES[stage] = builder


# Later stages add their parts of the status page (the Board's results, the appeal box) the same way:
# builder(complaint) returns template context, a few queries whatever the case's size.
_STATUS_PARTS = []


def register_status_part(builder):
    if builder not in _STATUS_PARTS:
        _STATUS_PARTS.append(builder)


def status_parts_context(complaint):
    """The context every registered later stage adds to this filer's status page."""
    context = {}
    for builder in _STATUS_PARTS:
        context.update(builder(complaint))
    return context


def complaint_unlock(*, case_number, access_code):
    """The one complaint this case number and code open, or None (the same answer for any wrong pair)."""
    candidates = list(Complaint.objects.select_related("case").filter(case__number=case_number.strip()))
    if not candidates:
        access_code_hash(access_code)  # the same work whether or not the number exists
    return next((c for c in candidates if access_code_matches(c, access_code)), None)


def complaint_for_status(*, pk):
    return Complaint.objects.select_related("case").filter(pk=pk).first()


def filer_message_list(*, complaint):
    """This filer's messages both ways, oldest first, with their files, in two queries."""
    files = Prefetch("attachments", queryset=ComplaintAttachment.objects.order_by("pk"))
    return FilerMessage.objects.filter(complaint=complaint).prefetch_related(files).order_by("created_at", "pk")


def survey_is_open(complaint):
    return complaint.case.status == Case.Status.CLOSED and not SurveyAnswer.objects.filter(complaint=complaint).exists()


STAGES = [
    ("received", _("Received"), _("We received your complaint and gave it a case number.")),
    (
        "decision",
        _("Decision on how to handle it"),
        _("The Office decides whether to investigate or handle it another way."),
    ),
    ("investigation", _("Investigation"), _("An investigator gathers evidence and interviews the people involved.")),
    (
        "board",
        _("Community Board review"),
        _("A panel of the Community Board for Police Accountability reviews the findings."),
    ),
    (
        "mayor",
        _("Review by the Mayor"),
        # R1.7: told in plain words; only cases naming the Chief show this stage.
        _(
            "Your complaint names the Chief of Police. The Chief is not under the Community Board's authority, so "
            "the investigation's findings about the Chief go to the Mayor. The Mayor accepts them or chooses "
            "another organization to investigate."
        ),
    ),
    ("closed", _("Closed"), _("The work on your case is finished.")),
]
# Which stage each status is in.
_CURRENT = {
    Case.Status.RECEIVED: "decision",
    Case.Status.AWAITING_INVESTIGATION: "investigation",
    Case.Status.INVESTIGATING: "investigation",
    Case.Status.FINDINGS_READY: "board",
    Case.Status.BOARD_REVIEW: "board",
    Case.Status.DISCIPLINE: "board",
    Case.Status.MAYOR_REVIEW: "mayor",
    Case.Status.ON_APPEAL: "board",
    Case.Status.RESOLVED: "closed",
    Case.Status.CLOSED: "closed",
}


def _stages_for(case):
    """The Mayor's stage only for a case naming the Chief; the Board's only if it has anything to hear."""
    from .chief import allegations_for_board

    if not case.is_chief_route:
        return [stage for stage in STAGES if stage[0] != "mayor"]
    if allegations_for_board(case).exists():
        return STAGES
    return [stage for stage in STAGES if stage[0] != "board"]


def status_timeline(case):
    """The stages in plain language, each done, current, upcoming or skipped, with dates where known."""
    routed_away = bool(case.decision) and case.decision != Case.Decision.INVESTIGATE
    current = _CURRENT[case.status]
    shown = _stages_for(case)
    keys = [key for key, _label, _text in shown]
    if case.status == Case.Status.CLOSED:
        done_through = len(keys)
    else:
        # A stage this case does not show (the Board's, for a case only about the Chief) counts as the next one.
        every = [key for key, _label, _text in STAGES]
        done_through = next(i for i, key in enumerate(keys) if every.index(key) >= every.index(current))
    stages = []
    for index, (key, label, text) in enumerate(shown):
        note = _STAGE_NOTES[key](case) if key in _STAGE_NOTES else ""
        if routed_away and key in ("investigation", "board"):
            state = "skipped"
        elif index < done_through or note:
            state = "done"  # a note is an outcome: the Mayor may answer while the Board is still at work
        elif index == done_through:
            state = "current"
        else:
            state = "upcoming"
        clock = _STAGE_CLOCKS.get(key)
        stages.append(
            {
                "key": key,
                "label": label,
                "text": text,
                "state": state,
                "done_at": {"received": case.received_at, "decision": case.decided_at, "closed": case.closed_at}.get(
                    key
                )
                if state == "done"
                else None,
                "expected_at": clock(case) if clock and state in ("current", "upcoming") else None,
                "note": note,
            }
        )
    return {
        "stages": stages,
        "routed_away": routed_away,
        "decision": case.get_decision_display() if routed_away else "",
    }


def survey_summary(*, answered_from, answered_to):
    """Survey answers in a period for the report (R1.10): how many, and the mean of each 1-5 question."""
    answers = SurveyAnswer.objects.filter(answered_at__gte=answered_from, answered_at__lt=answered_to)
    return answers.aggregate(
        count=Count("pk"),
        ease_of_filing=Avg("ease_of_filing"),
        kept_informed=Avg("kept_informed"),
        treated_fairly=Avg("treated_fairly"),
        overall=Avg("overall"),
    )
