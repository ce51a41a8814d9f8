"""Pages of appeals (R3.7) and proceedings after the Board (R3.8): the case page's part, the Director's
list, an appeal's page (convene, vote, decide), the proceeding form, and the filer's appeal on the
status page (public, in their language, opened by the same session as the status page)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from intake.models import Case
from intake.sections import case_section_url
from intake.selectors import case_get_for
from intake.status import complaint_for_status
from oversight.accounts.roles import Role, public, role_required
from oversight.uploads.limits import RECORDS, takes_uploads
from oversight.web import call_service, form_errors_to_messages, submit_form

from . import appeals as svc
from . import outcomes
from .appeal_forms import (
    AppealDecideForm,
    AppealsPanelForm,
    AppealVoteForm,
    FilerAppealForm,
    OfficerAppealForm,
    ProceedingDecideForm,
    ProceedingForm,
)
from .models import Appeal, Panel, PostBoardProceeding

APPEAL_STAGES = (Case.Status.DISCIPLINE, Case.Status.ON_APPEAL, Case.Status.CLOSED)


# The case page's part (section "discipline"), registered in apps.py.


def has_appeals_stage(user, case):
    return case.status in APPEAL_STAGES and case.panels.exists()


def appeals_section(request, case):
    """The case's appeals, proceedings after the Board and final outcomes; staff enter an officer's appeal."""
    if case.status not in APPEAL_STAGES:
        return None
    user = request.user
    context = {
        "template": "discipline/appeal_case_section.html",
        "case": case,
        "appeals": svc.appeal_list_for_case(case, user=user),
        "proceedings": outcomes.proceeding_list_for_case(case, user=user),
        "final_outcomes": outcomes.final_outcome_list_for_case(case, user=user),
        "may_record_proceeding": outcomes.can_record_proceeding(user),
        "may_open_appeals": svc.can_manage_appeals(user),
    }
    if svc.can_enter_appeal(user):
        options = [o for o in svc.appeal_options_for_officers(case=case) if o.may_appeal]
        context["officer_form"] = OfficerAppealForm(options=options) if options else None
    return context


def appeal_timeline_parts(case, user):
    """Only what the reader may see: an appeal's history carries the appellant's grounds."""
    appeals = svc.appeal_list_visible_to(user=user).filter(case_id=case.pk).values("pk")
    proceedings = (
        outcomes.proceeding_list_visible_to(user=user).filter(decision__allegation__case_id=case.pk).values("pk")
    )
    return [
        (gettext_lazy("Appeal"), Appeal.history.filter(id__in=appeals)),
        (gettext_lazy("Proceeding after the Board"), PostBoardProceeding.history.filter(id__in=proceedings)),
    ]


@role_required(Role.DIRECTOR, Role.INTAKE)
@require_POST
def officer_appeal_enter(request, pk):
    """Staff enter an officer's appeal of their sustained finding or their discipline (R3.7)."""
    case = case_get_for(user=request.user, pk=pk)
    options = {f"{o.party.pk}:{o.key}": o for o in svc.appeal_options_for_officers(case=case) if o.may_appeal}
    form = OfficerAppealForm(request.POST, options=options.values())
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(case_section_url(case, "discipline"))
    option = options[form.cleaned_data["option"]]
    appeal = _file(
        request,
        case=case,
        allegation=option.allegation,
        concerns=option.concerns,
        employee=option.party,
        grounds=form.cleaned_data["grounds"],
        actor=request.user,
        reason=form.cleaned_data["reason"],
    )
    if appeal is not None and appeal.status != Appeal.Status.REFUSED:
        messages.success(request, _("The officer's appeal was filed."))
    return redirect(case_section_url(case, "discipline"))


# The Director's list and an appeal's page.


@role_required(Role.DIRECTOR)
def appeal_list(request):
    """Appeals waiting for an appeals panel, oldest first; then every appeal, newest first."""
    context = {
        "waiting": list(svc.appeals_waiting_for_panel()[:200]),
        "recent": list(svc.appeal_list_visible_to(user=request.user)[:50]),
    }
    return render(request, "discipline/appeal_list.html", context)


@role_required(Role.DIRECTOR, Role.BOARD)
def appeal_detail(request, pk):
    """The appeal, its panel's votes and tally; the Director convenes, members vote, the decision is recorded."""
    appeal = svc.appeal_get_for(user=request.user, pk=pk)
    director = svc.can_manage_appeals(request.user)
    member = svc.is_appeals_panel_member(request.user, appeal)
    votes = svc.appeal_votes_by_member(appeal) if appeal.appeals_panel_id else {}
    is_open = appeal.status == Appeal.Status.FILED and appeal.appeals_panel_id
    tally = svc.appeal_tally(appeal) if is_open else None
    mine = votes.get(request.user.pk)
    context = {
        "appeal": appeal,
        "votes": list(votes.values()),
        "tally": tally,
        "tally_label": Appeal.Outcome(tally[0]).label if tally and tally[0] else "",
        "convene_form": AppealsPanelForm()
        if director and appeal.status == "filed" and not appeal.appeals_panel_id
        else None,
        "vote_form": AppealVoteForm(initial={"outcome": mine.outcome if mine else None})
        if member and is_open
        else None,
        "my_vote": mine,
        "decide_form": AppealDecideForm() if (member or director) and is_open and tally[0] else None,
    }
    return render(request, "discipline/appeal_detail.html", context)


@role_required(Role.DIRECTOR)
@require_POST
def appeal_panel_convene(request, pk):
    appeal = svc.appeal_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        AppealsPanelForm(request.POST),
        svc.appeals_panel_convene,
        success=_("Appeals panel convened."),
        appeal=appeal,
        actor=request.user,
    )
    return redirect("discipline:appeal-detail", pk=appeal.pk)


@role_required(Role.BOARD)
@require_POST
def appeal_vote(request, pk):
    appeal = svc.appeal_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        AppealVoteForm(request.POST),
        svc.appeal_vote_cast,
        success=_("Your vote was recorded."),
        appeal=appeal,
        actor=request.user,
    )
    return redirect("discipline:appeal-detail", pk=appeal.pk)


@role_required(Role.BOARD, Role.DIRECTOR)
@require_POST
def appeal_decide(request, pk):
    appeal = svc.appeal_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        AppealDecideForm(request.POST),
        svc.appeal_decide,
        success=_("The appeals panel's decision was recorded."),
        appeal=appeal,
        actor=request.user,
    )
    return redirect("discipline:appeal-detail", pk=appeal.pk)


# Proceedings after the Board.


@takes_uploads(RECORDS)
@role_required(Role.DIRECTOR)
@require_http_methods(["GET", "POST"])
def proceeding_new(request, pk):
    """The proceeding form: a grievance, Civil Service Board appeal or arbitration of the case's discipline."""
    case = case_get_for(user=request.user, pk=pk)
    if request.method == "GET":
        return _proceeding_page(request, case, ProceedingForm(case=case))
    form = ProceedingForm(request.POST, request.FILES, case=case)
    if not form.is_valid():
        return _proceeding_page(request, case, form, status=400)
    data = dict(form.cleaned_data)
    proceeding = call_service(
        request,
        outcomes.proceeding_record,
        success=_("The proceeding was recorded."),
        actor=request.user,
        **data,
    )
    if proceeding is None:
        return _proceeding_page(request, case, form, status=400)
    return redirect(case_section_url(case, "discipline"))


def _proceeding_page(request, case, form, *, status=200):
    context = {"case": case, "form": form, "proceedings": outcomes.proceeding_list_for_case(case, user=request.user)}
    for proceeding in context["proceedings"]:
        proceeding.decide_form = ProceedingDecideForm(prefix=f"p{proceeding.pk}") if proceeding.is_open else None
    return render(request, "discipline/outcome_proceeding_form.html", context, status=status)


@takes_uploads(RECORDS)
@role_required(Role.DIRECTOR)
@require_POST
def proceeding_decide(request, pk):
    proceeding = get_object_or_404(outcomes.proceeding_list_visible_to(user=request.user), pk=pk)
    case = proceeding.decision.allegation.case
    submit_form(
        request,
        ProceedingDecideForm(request.POST, request.FILES, prefix=f"p{proceeding.pk}"),
        outcomes.proceeding_decide,
        success=_("The proceeding's outcome was recorded."),
        proceeding=proceeding,
        actor=request.user,
    )
    return redirect("discipline:proceeding-new", pk=case.pk)


# The filer's appeal on the status page (public).


def status_appeal_part(complaint):
    """The filer's appeal box on the status page (intake/status.py): what they may appeal and until when,
    and the appeals they filed with their outcome. Empty until the Board has decided something."""
    case = complaint.case
    if case.status not in APPEAL_STAGES or not case.panels.filter(status=Panel.Status.DECIDED).exists():
        return {"appeal_box": None}
    options = svc.appeal_options(case=case, party=complaint)
    appeals = list(Appeal.objects.filter(complaint=complaint).select_related("allegation__allegation_type"))
    if not options and not appeals:
        return {"appeal_box": None}
    open_options = [o for o in options if o.may_appeal]
    return {
        "appeal_box": {
            "options": options,
            "appeals": appeals,
            "form": FilerAppealForm(options=open_options) if open_options else None,
        }
    }


def _unlocked(request):
    from intake.access import session_complaint_id

    pk = session_complaint_id(request)
    return complaint_for_status(pk=pk) if pk else None


@public
@never_cache
@require_http_methods(["GET", "POST"])
def status_appeal(request):
    """The filer appeals a Board result (R3.7): GET shows the form alone, POST files it; a late appeal is
    refused with the reason. The same session as the status page opens it; nothing without it."""
    complaint = _unlocked(request)
    if complaint is None:
        return redirect("intake:status")
    options = [o for o in svc.appeal_options(case=complaint.case, party=complaint)]
    if request.method == "GET":
        return _status_appeal_page(
            request, complaint, options, FilerAppealForm(options=[o for o in options if o.may_appeal])
        )
    # A late appeal is still received, and refused with the reason: every option stays choosable.
    form = FilerAppealForm(request.POST, options=[o for o in options if o.appeal is None])
    if not form.is_valid():
        return _status_appeal_page(request, complaint, options, form, status=400)
    option = next(o for o in options if o.key == form.cleaned_data["option"])
    appeal = _file(
        request,
        case=complaint.case,
        allegation=option.allegation,
        concerns=option.concerns,
        complaint=complaint,
        grounds=form.cleaned_data["grounds"],
        actor=None,
        reason="Appeal filed by the filer on the status page",
    )
    if appeal is not None and appeal.status != Appeal.Status.REFUSED:
        messages.success(request, _("Your appeal was received. The Board's appeals panel will decide and tell you."))
    return redirect("intake:status")


def _file(request, **kwargs):
    """Files the appeal; a rule's refusal or a late appeal's reason becomes an error message."""
    try:
        appeal = svc.appeal_file(**kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
    if appeal.status == Appeal.Status.REFUSED:
        messages.error(request, _("The appeal could not be accepted: %(why)s") % {"why": appeal.refused_reason})
    return appeal


def _status_appeal_page(request, complaint, options, form, *, status=200):
    context = {"complaint": complaint, "case": complaint.case, "options": options, "form": form}
    return render(request, "discipline/appeal_status_form.html", context, status=status)
