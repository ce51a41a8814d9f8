"""Pages for discipline proposals and votes (issue 9.7) and Loudermill (issue 9.8)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from intake.chief import AGAINST_CHIEF
from intake.models import Allegation
from oversight.accounts.roles import Role, role_required
from oversight.audit.models import SensitiveRead
from oversight.audit.reads import read_log
from oversight.lists import Sort, list_page
from oversight.web import submit_form

from . import loudermill as lm
from .guide import decision_get_for, discipline_propose, guide_in_force, proposal_get_for, proposal_vote_cast
from .guide_forms import (
    LoudermillNoticeForm,
    LoudermillOutcomeForm,
    LoudermillResponseForm,
    ProposalForm,
    ProposalVoteForm,
)
from .models import Loudermill
from .selectors import panel_get_for


def _panel_anchor(panel_pk):
    return reverse("discipline:panel-detail", args=[panel_pk]) + "#discipline-proposals"


@role_required(Role.BOARD, Role.DIRECTOR)
@require_POST
def proposal_create(request, pk, allegation_pk):
    panel = panel_get_for(user=request.user, pk=pk)
    # The Board never decides discipline on the Chief (R1.7): such an allegation is not on a panel.
    allegation = get_object_or_404(Allegation.objects.exclude(AGAINST_CHIEF), pk=allegation_pk, case=panel.case)
    submit_form(
        request,
        ProposalForm(request.POST, guide=guide_in_force(), prefix=f"d{allegation.pk}"),
        discipline_propose,
        success=_("Discipline proposed; the panel votes on it."),
        allegation=allegation,
        actor=request.user,
    )
    return redirect(_panel_anchor(panel.pk))


@role_required(Role.BOARD)
@require_POST
def proposal_vote(request, pk):
    proposal = proposal_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        ProposalVoteForm(request.POST, prefix=f"p{proposal.pk}"),
        proposal_vote_cast,
        success=_("Vote recorded."),
        proposal=proposal,
        actor=request.user,
    )
    return redirect(_panel_anchor(proposal.panel_id))


LOUDERMILL_SORTS = {"adopted": Sort(_l("Adopted"), ("decided_at",))}


@role_required(Role.DIRECTOR)
def loudermill_list(request):
    """Adopted discipline awaiting its Loudermill outcome, oldest first, 50 to a page."""
    listing = list_page(
        request, lm.loudermill_list_pending(user=request.user), sorts=LOUDERMILL_SORTS, default="adopted", filtered=True
    )
    return render(request, "discipline/loudermill_list.html", {"listing": listing, "page": listing.page})


def _loudermill_of(decision):
    try:
        return decision.loudermill
    except Loudermill.DoesNotExist:
        return None


@role_required(Role.DIRECTOR)
def loudermill_detail(request, pk):
    decision = decision_get_for(user=request.user, pk=pk)
    loudermill = _loudermill_of(decision)
    context = {"decision": decision, "loudermill": loudermill, "corrective": decision.is_corrective}
    if not decision.is_corrective and decision.status == decision.Status.PROPOSED:
        if loudermill is None:
            context["notice_form"] = LoudermillNoticeForm()
        else:
            context["response_form"] = LoudermillResponseForm(initial={"response": loudermill.response})
            context["outcome_form"] = LoudermillOutcomeForm(category=decision.category)
    response = render(request, "discipline/loudermill_detail.html", context)
    # The officer's response to proposed discipline is a personnel record: each reading is logged.
    read_log(request, kind=SensitiveRead.Kind.LOUDERMILL, obj=decision, case_number=decision.allegation.case.number)
    return response


def _step(request, pk, form_class, service, success, form_kwargs=None):
    decision = decision_get_for(user=request.user, pk=pk)
    loudermill = _loudermill_of(decision)
    target = {"decision": decision} if service is lm.loudermill_notice_send else {"loudermill": loudermill}
    if loudermill is None and "loudermill" in target:
        messages.error(request, _("Send the notice of proposed discipline first."))
    else:
        form = form_class(request.POST, request.FILES, **form_kwargs(decision) if form_kwargs else {})
        submit_form(request, form, service, success=success, actor=request.user, **target)
    return redirect("discipline:loudermill-detail", pk=decision.pk)


@role_required(Role.DIRECTOR)
@require_POST
def loudermill_notice(request, pk):
    return _step(request, pk, LoudermillNoticeForm, lm.loudermill_notice_send, _("Notice of proposed discipline sent."))


@role_required(Role.DIRECTOR)
@require_POST
def loudermill_response(request, pk):
    return _step(request, pk, LoudermillResponseForm, lm.loudermill_response_record, _("Response recorded."))


@role_required(Role.DIRECTOR)
@require_POST
def loudermill_outcome(request, pk):
    return _step(
        request,
        pk,
        LoudermillOutcomeForm,
        lm.loudermill_decide,
        _("Loudermill outcome recorded."),
        form_kwargs=lambda decision: {"category": decision.category},
    )
