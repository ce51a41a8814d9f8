"""Staff pages of policy recommendations (R4.1, issue 10 part C): the Board's list and record under
/board/recommendations/, and the PPB liaison's portal under /board/recommendations/ppb/."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, has_role, role_required
from oversight.web import submit_form

from . import recommendations as services
from .models import PolicyRecommendation
from .recommendations_forms import (
    BoardVoteForm,
    CouncilDecisionForm,
    ImplementationUpdateForm,
    RecommendationAnswerForm,
    RecommendationDraftForm,
    RecommendationSendForm,
)
from .recommendations_selectors import (
    recommendation_get_for,
    recommendation_list_owed_by_ppb,
    recommendation_list_visible_to,
    recommendation_updates,
)

PAGE_SIZE = 50
Status = PolicyRecommendation.Status


def status_filter(request, choices):
    """The ``status`` filter of a list, when it names one of ``choices``; else none."""
    value = request.GET.get("status", "")
    return value if value in dict(choices) else ""


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def recommendation_list(request):
    """Every recommendation, drafts included, newest first, 50 to a page, filtered by status."""
    status = status_filter(request, Status.choices)
    qs = recommendation_list_visible_to(user=request.user)
    if status:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-drafted_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    form = RecommendationDraftForm() if services.can_draft_recommendation(request.user) else None
    context = {"page": page, "status": status, "statuses": Status.choices, "form": form}
    return render(request, "governance/recommendation_list.html", context)


@role_required(Role.BOARD, Role.DIRECTOR)
@require_POST
def recommendation_create(request):
    form = RecommendationDraftForm(request.POST)
    recommendation = submit_form(
        request, form, services.recommendation_draft, success=_("Draft recorded."), actor=request.user
    )
    if recommendation is None:
        return redirect("governance:recommendation-list")
    return redirect("governance:recommendation-detail", pk=recommendation.pk)


def _actions(user, recommendation):
    """The forms the user may use on this recommendation now, by name."""
    if not services.can_record_recommendation(user):
        return {}
    forms = {}
    if recommendation.status == Status.DRAFT:
        forms["adopt_form"] = BoardVoteForm(prefix="adopt")
    if recommendation.status == Status.ADOPTED:
        forms["send_form"] = RecommendationSendForm()
    if recommendation.status == Status.ANSWERED and recommendation.answer == PolicyRecommendation.Answer.REJECTED:
        forms["council_request_form"] = BoardVoteForm(prefix="council")
    if recommendation.status == Status.COUNCIL_REQUESTED:
        forms["council_decide_form"] = CouncilDecisionForm()
    if recommendation.may_be_implemented:
        forms["update_form"] = ImplementationUpdateForm()
    return forms


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def recommendation_detail(request, pk):
    """One recommendation: its text, origin, votes, PPB's clock and answer, Council, implementation,
    its history with reasons, and the Director's forms for the next move."""
    recommendation = recommendation_get_for(user=request.user, pk=pk)
    context = {
        "recommendation": recommendation,
        "updates": recommendation_updates(recommendation),
        "history": recommendation.history.select_related("history_user").order_by("-history_date")[:50],
        **_actions(request.user, recommendation),
    }
    return render(request, "governance/recommendation_detail.html", context)


def _vote_kwargs(form):
    return {name: form.cleaned_data[name] for name in ("vote_on", "votes_yes", "votes_no", "votes_abstain", "reason")}


def _record_vote(request, pk, service, prefix, success):
    recommendation = recommendation_get_for(user=request.user, pk=pk)
    form = BoardVoteForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(actor=request.user, recommendation=recommendation, **_vote_kwargs(form))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, success)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("governance:recommendation-detail", pk=recommendation.pk)


@role_required(Role.DIRECTOR)
@require_POST
def recommendation_adopt(request, pk):
    return _record_vote(request, pk, services.recommendation_adopt, "adopt", _("Adoption recorded."))


@role_required(Role.DIRECTOR)
@require_POST
def recommendation_council_request(request, pk):
    return _record_vote(
        request, pk, services.recommendation_council_request, "council", _("The Board's request to Council recorded.")
    )


@role_required(Role.DIRECTOR)
@require_POST
def recommendation_send(request, pk):
    recommendation = recommendation_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        RecommendationSendForm(request.POST),
        services.recommendation_send,
        success=_("Sent to PPB; its answer is now due on the clock shown."),
        actor=request.user,
        recommendation=recommendation,
    )
    return redirect("governance:recommendation-detail", pk=recommendation.pk)


@role_required(Role.DIRECTOR)
@require_POST
def recommendation_council_decide(request, pk):
    recommendation = recommendation_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        CouncilDecisionForm(request.POST),
        services.recommendation_council_decide,
        success=_("City Council's vote recorded."),
        actor=request.user,
        recommendation=recommendation,
    )
    return redirect("governance:recommendation-detail", pk=recommendation.pk)


@role_required(Role.DIRECTOR, Role.LIAISON)
@require_POST
def recommendation_update(request, pk):
    """An implementation update by the Director (from the record) or the liaison (from the portal)."""
    recommendation = recommendation_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        ImplementationUpdateForm(request.POST),
        services.recommendation_implementation_update,
        success=_("Implementation update recorded."),
        actor=request.user,
        recommendation=recommendation,
    )
    if has_role(request.user, Role.DIRECTOR):
        return redirect("governance:recommendation-detail", pk=recommendation.pk)
    return redirect("governance:recommendation-ppb-detail", pk=recommendation.pk)


# The PPB liaison's portal.


@role_required(Role.LIAISON)
@require_GET
def recommendation_ppb_list(request):
    """What PPB owes first (answers due, the nearest first; then implementation not done), then
    every recommendation sent to PPB, 50 to a page. Never a draft."""
    owed = list(recommendation_list_owed_by_ppb(user=request.user)[:PAGE_SIZE])
    qs = recommendation_list_visible_to(user=request.user).order_by("-sent_at", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/recommendation_ppb_list.html", {"owed": owed, "page": page})


def _ppb_page(request, recommendation, answer_form=None, status=200):
    context = {
        "recommendation": recommendation,
        "updates": recommendation_updates(recommendation),
        "answer_form": answer_form
        or (RecommendationAnswerForm() if recommendation.status == Status.SENT_TO_PPB else None),
        "update_form": ImplementationUpdateForm() if recommendation.may_be_implemented else None,
    }
    return render(request, "governance/recommendation_ppb_detail.html", context, status=status)


@role_required(Role.LIAISON)
@require_GET
def recommendation_ppb_detail(request, pk):
    return _ppb_page(request, recommendation_get_for(user=request.user, pk=pk))


@role_required(Role.LIAISON)
@require_POST
def recommendation_ppb_answer(request, pk):
    """PPB's answer: errors re-render the form with what was typed kept (400)."""
    recommendation = recommendation_get_for(user=request.user, pk=pk)
    form = RecommendationAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_answer(actor=request.user, recommendation=recommendation, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("PPB's answer recorded. The Office has been told."))
            return redirect("governance:recommendation-ppb-detail", pk=recommendation.pk)
    return _ppb_page(request, recommendation, answer_form=form, status=400)
