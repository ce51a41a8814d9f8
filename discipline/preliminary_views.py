"""A preliminary panel's page and its three actions (issue 9.3): a member's vote on the case-handling
decision, closing voting, and the Director's answer to a request to reconsider."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.reconsideration import decision_may_change
from intake.services import case_decision_rule
from intake.staff_forms import ReconsiderationDecideForm
from oversight.accounts.roles import Role, role_required
from oversight.audit.reads import Kind, read_log
from oversight.web import call_service, submit_form

from . import preliminary
from .hearing_forms import HearingCancelForm, HearingScheduleForm
from .hearings import hearing_list_for_panel
from .models import Panel
from .permissions import can_convene_panel, is_panel_member
from .preliminary_forms import PreliminaryVoteForm
from .selectors import panel_get_for

CONFIRM_FIELD = "confirm_complete"


def _preliminary_panel_for(user, pk):
    panel = panel_get_for(user=user, pk=pk)
    if panel.kind != Panel.Kind.PRELIMINARY:
        raise Http404
    return panel


def preliminary_page(request, panel):
    """The preliminary panel's page, rendered by ``views.panel_detail`` (the panel's one URL) for this kind:
    the decision under review, the votes and tally, closing voting, and the Director's answer."""
    context = preliminary.preliminary_page_context(panel, request.user)
    is_open = panel.status == Panel.Status.OPEN
    member, director = is_panel_member(request.user, panel), can_convene_panel(request.user)
    my_vote, review = context["my_vote"], context["review"]
    initial = {"position": my_vote.position, "reasons": my_vote.reasons} if my_vote else {}
    answerable = director and review is not None and review.is_pending
    context.update(
        is_open=is_open,
        is_director=director,
        tally_words=preliminary.preliminary_tally_words(context["tally"]),
        vote_form=PreliminaryVoteForm(initial=initial, prefix="prelim") if member and is_open else None,
        can_decide=is_open and (member or director),
        confirm_field=CONFIRM_FIELD,
        answer_form=_answer_form(panel.case) if answerable else None,
        may_change=decision_may_change(panel.case),
        # A preliminary panel meets in public like any other (issue 9.5): its hearings, as the panel page has them.
        hearings=[
            (h, HearingCancelForm(prefix=f"h{h.pk}") if director and h.status == h.Status.SCHEDULED else None)
            for h in hearing_list_for_panel(panel)
        ],
        schedule_form=HearingScheduleForm(prefix="hearing") if director and is_open else None,
    )
    response = render(request, "discipline/preliminary_review.html", context)
    read_log(request, kind=Kind.HEARING, obj=panel, case_number=panel.case.number)
    return response


def _answer_form(case, data=None):
    return ReconsiderationDecideForm(data, rule=case_decision_rule(case), current=case.decision, prefix_id="p")


@role_required(Role.BOARD)
@require_POST
def preliminary_vote(request, pk):
    panel = _preliminary_panel_for(request.user, pk)
    submit_form(
        request,
        PreliminaryVoteForm(request.POST, prefix="prelim"),
        preliminary.preliminary_vote_cast,
        success=_("Vote recorded."),
        panel=panel,
        member=request.user,
        actor=request.user,
    )
    return redirect("discipline:panel-detail", pk=panel.pk)


@role_required(Role.BOARD, Role.DIRECTOR)
@require_POST
def preliminary_decide(request, pk):
    panel = _preliminary_panel_for(request.user, pk)
    if not request.POST.get(CONFIRM_FIELD):
        messages.error(request, _("Tick “I confirm voting is complete” before closing voting. Voting is still open."))
        return redirect("discipline:panel-detail", pk=panel.pk)
    call_service(
        request,
        preliminary.preliminary_decide,
        success=_("Voting closed; the panel's review is recorded."),
        panel=panel,
        actor=request.user,
    )
    return redirect("discipline:panel-detail", pk=panel.pk)


@role_required(Role.DIRECTOR)
@require_POST
def preliminary_answer(request, pk):
    panel = _preliminary_panel_for(request.user, pk)
    review = getattr(panel, "preliminary_review", None)
    if review is None:
        raise Http404
    submit_form(
        request,
        _answer_form(panel.case, request.POST),
        preliminary.preliminary_answer,
        success=_("Your answer is recorded; the panel is told."),
        review=review,
        actor=request.user,
    )
    return redirect("discipline:panel-detail", pk=panel.pk)
