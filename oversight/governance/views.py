from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, role_required
from oversight.audit.models import BylawsChange
from oversight.ratelimit import client_address
from oversight.web import submit_form

from . import services
from .forms import (
    BylawsSettingForm,
    BylawsVersionForm,
    LeadershipForm,
    MembershipAppointForm,
    MembershipEndForm,
    SubCommitteeActionForm,
    SubCommitteeDissolveForm,
    SubCommitteeForm,
    SubCommitteeReviewForm,
    TrainingCompletionForm,
    TrainingForm,
)
from .models import BoardMembership, Body, BylawsSetting, SubCommittee, SubCommitteeAction
from .permissions import can_record_board, can_record_bylaws
from .selectors import (
    board_roster,
    body_rules_all,
    bylaws_version_list,
    subcommittee_get,
    subcommittee_list,
    training_overview,
)
from .services import RULE_FIELDS


def _version_initial():
    hearings = next(r for r in body_rules_all() if r.body == "hearings")
    return {name: getattr(hearings, name) for name in RULE_FIELDS} | {"body": "hearings", "adopting_body": "board"}


def _change_label(key):
    legacy = dict(BylawsSetting.Key.choices)
    if key in legacy:
        return legacy[key]
    body, _sep, name = key.rpartition("_")
    words = {"quorum": _("share of members who must vote"), "threshold": _("share of members needed to adopt")}
    if body in Body.values and name in words:
        return f"{Body(body).label}: {words[name]}"
    return key


def _page(request, form=None, version_form=None):
    history = [
        (change, _change_label(change.key))
        for change in BylawsChange.objects.select_related("recorded_by").order_by("-recorded_at", "-pk")[:20]
    ]
    if can_record_bylaws(request.user):
        # The one-number form (before versions) shows only to return its errors; the version form records.
        version_form = version_form or BylawsVersionForm(initial=_version_initial())
    errors = (form is not None and form.errors) or (version_form is not None and version_form.errors)
    return render(
        request,
        "governance/bylaws_settings.html",
        {
            "rules": body_rules_all(),
            "versions": bylaws_version_list()[:50],
            "form": form,
            "version_form": version_form,
            "history": history,
        },
        status=400 if errors else 200,
    )


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def bylaws_settings(request):
    """The Board's numbers in force per body (R3.2), in plain words, with their versions and the votes."""
    return _page(request)


@role_required(Role.DIRECTOR)
@require_POST
def bylaws_setting_change(request):
    """The Director records one hearings-panel number the Board adopted by vote."""
    form = BylawsSettingForm(request.POST)
    if form.is_valid():
        try:
            services.bylaws_setting_set(actor=request.user, client_address=client_address(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Bylaws change recorded. Panels already convened keep their numbers."))
            return redirect("governance:bylaws-settings")
    return _page(request, form=form)


@role_required(Role.DIRECTOR)
@require_POST
def bylaws_version_record(request):
    """The Director records a bylaws version (one body's numbers per submission) adopted by vote."""
    form = BylawsVersionForm(request.POST)
    if form.is_valid():
        try:
            services.bylaws_version_record(
                actor=request.user, client_address=client_address(request), **form.service_kwargs()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Bylaws version recorded. Panels already convened keep their numbers."))
            return redirect("governance:bylaws-settings")
    return _page(request, version_form=form)


# Members and alternates


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def board_members(request):
    """Who serves today, alternates, terms ending soon, leadership, trained or not (R3.1)."""
    today = timezone.localdate()
    writer = can_record_board(request.user)
    return render(
        request,
        "governance/member_list.html",
        {
            "today": today,
            "roster": board_roster(on=today),
            "appoint_form": MembershipAppointForm() if writer else None,
            "end_form": MembershipEndForm() if writer else None,
            "leadership_form": LeadershipForm() if writer else None,
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def board_member_appoint(request):
    submit_form(
        request,
        MembershipAppointForm(request.POST),
        services.board_membership_appoint,
        success=_("Term recorded."),
        actor=request.user,
    )
    return redirect("governance:member-list")


@role_required(Role.DIRECTOR)
@require_POST
def board_member_end(request, pk):
    membership = get_object_or_404(BoardMembership, pk=pk)
    submit_form(
        request,
        MembershipEndForm(request.POST),
        services.board_membership_end,
        success=_("Term end recorded."),
        actor=request.user,
        membership=membership,
    )
    return redirect("governance:member-list")


@role_required(Role.DIRECTOR)
@require_POST
def board_member_leadership(request, pk):
    membership = get_object_or_404(BoardMembership, pk=pk)
    submit_form(
        request,
        LeadershipForm(request.POST),
        services.board_membership_set_leadership,
        success=_("Leadership recorded."),
        actor=request.user,
        membership=membership,
    )
    return redirect("governance:member-list")


# Sub-committees


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def subcommittee_list_view(request):
    """The Board's sub-committees, their members and the actions awaiting the full Board."""
    return render(
        request,
        "governance/subcommittee_list.html",
        {
            "subcommittees": subcommittee_list(),
            "form": SubCommitteeForm() if can_record_board(request.user) else None,
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def subcommittee_create(request):
    subcommittee = submit_form(
        request,
        SubCommitteeForm(request.POST),
        services.subcommittee_form,
        success=_("Sub-committee recorded."),
        actor=request.user,
    )
    if subcommittee is not None:
        return redirect("governance:subcommittee-detail", pk=subcommittee.pk)
    return redirect("governance:subcommittee-list")


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def subcommittee_detail(request, pk):
    """One sub-committee: its members, what it did and the full Board's review of each action."""
    subcommittee = subcommittee_get(pk)
    writer = can_record_board(request.user)
    return render(
        request,
        "governance/subcommittee_detail.html",
        {
            "subcommittee": subcommittee,
            "actions": subcommittee.actions.all(),
            "action_form": SubCommitteeActionForm() if writer else None,
            "review_form": SubCommitteeReviewForm() if writer else None,
            "dissolve_form": SubCommitteeDissolveForm() if writer and not subcommittee.dissolved_on else None,
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def subcommittee_dissolve(request, pk):
    subcommittee = get_object_or_404(SubCommittee, pk=pk)
    submit_form(
        request,
        SubCommitteeDissolveForm(request.POST),
        services.subcommittee_dissolve,
        success=_("Dissolution recorded."),
        actor=request.user,
        subcommittee=subcommittee,
    )
    return redirect("governance:subcommittee-detail", pk=pk)


@role_required(Role.DIRECTOR)
@require_POST
def subcommittee_action_create(request, pk):
    subcommittee = get_object_or_404(SubCommittee, pk=pk)
    submit_form(
        request,
        SubCommitteeActionForm(request.POST),
        services.subcommittee_action_record,
        success=_("Action recorded; it awaits the full Board's review."),
        actor=request.user,
        subcommittee=subcommittee,
    )
    return redirect("governance:subcommittee-detail", pk=pk)


@role_required(Role.DIRECTOR)
@require_POST
def subcommittee_action_review(request, pk):
    action = get_object_or_404(SubCommitteeAction, pk=pk)
    submit_form(
        request,
        SubCommitteeReviewForm(request.POST),
        services.subcommittee_action_review,
        success=_("The full Board's review recorded."),
        actor=request.user,
        action=action,
    )
    return redirect("governance:subcommittee-detail", pk=action.subcommittee_id)


# Trainings


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def training_list(request):
    """Completion per member with dates, the share of serving members trained, and who is not yet trained."""
    writer = can_record_board(request.user)
    return render(
        request,
        "governance/training_list.html",
        {
            "overview": training_overview(on=timezone.localdate()),
            "training_form": TrainingForm() if writer else None,
            "completion_form": TrainingCompletionForm() if writer else None,
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def training_create(request):
    submit_form(
        request,
        TrainingForm(request.POST),
        services.training_create,
        success=_("Training recorded."),
        actor=request.user,
    )
    return redirect("governance:training-list")


@role_required(Role.DIRECTOR)
@require_POST
def training_complete(request):
    submit_form(
        request,
        TrainingCompletionForm(request.POST),
        services.training_completion_record,
        success=_("Completion recorded."),
        actor=request.user,
    )
    return redirect("governance:training-list")
