"""Staff pages of rules, bylaws, policies and procedures under /board/documents/ (issue 10 part A):
the Board and the Director read every version; the Director records drafts, input, votes and the City
Administrator's decisions."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, role_required
from oversight.web import submit_form

from . import documents as services
from .documents_forms import AdministratorDecisionForm, AdoptForm, BoardVoteForm, DocumentForm, DraftForm, ReasonForm
from .documents_selectors import (
    document_get_for_staff,
    document_list_for_staff,
    version_diff,
    version_get_for_staff,
)
from .models import DocumentVersion

READERS = (Role.BOARD, Role.DIRECTOR)


@role_required(*READERS)
@require_GET
def document_list(request):
    """Every document, the copy in force, the version in input and drafts."""
    writer = services.can_write_documents(request.user)
    return render(
        request,
        "governance/document_list.html",
        {"views": document_list_for_staff(), "form": DocumentForm() if writer else None, "is_staff_page": True},
    )


@role_required(Role.DIRECTOR)
@require_POST
def document_create(request):
    document = submit_form(
        request,
        DocumentForm(request.POST),
        services.document_create,
        success=_("Document created."),
        actor=request.user,
    )
    return redirect("governance:document-detail", document.pk) if document else redirect("governance:document-list")


@role_required(*READERS)
@require_GET
def document_detail(request, pk):
    """A document's versions, newest first, with the draft form for the Director."""
    view = document_get_for_staff(pk)
    draft = next((v for v in view.versions if v.status == DocumentVersion.Status.DRAFT), None)
    form = None
    if services.can_write_documents(request.user):
        base = draft or view.current or (view.versions[0] if view.versions else None)
        form = DraftForm(
            initial={"text": base.text if base else "", "change_summary": draft.change_summary if draft else ""}
        )
    return render(
        request, "governance/document_detail.html", {"view": view, "form": form, "draft": draft, "is_staff_page": True}
    )


@role_required(Role.DIRECTOR)
@require_POST
def version_draft(request, pk):
    view = document_get_for_staff(pk)
    submit_form(
        request,
        DraftForm(request.POST),
        services.version_draft,
        success=_("Draft saved."),
        actor=request.user,
        document=view.document,
    )
    return redirect("governance:document-detail", pk)


@role_required(*READERS)
@require_GET
def version_detail(request, pk):
    """One version: its text, the change from the version before, its clocks explained and its decisions."""
    version = version_get_for_staff(pk)
    view = document_get_for_staff(version.document_id)
    version = next(v for v in view.versions if v.pk == version.pk)
    previous = next((v for v in view.versions if v.number < version.number), None)
    diff, changes = version_diff(previous.text, version.text) if previous else (None, 0)
    forms = {}
    if services.can_write_documents(request.user):
        forms = {
            "open": ReasonForm(prefix="open"),
            "adopt": AdoptForm(prefix="adopt"),
            "urgent": BoardVoteForm(prefix="urgent"),
            "recommend": BoardVoteForm(prefix="recommend"),
            "administrator": AdministratorDecisionForm(prefix="administrator"),
            "temporary": AdministratorDecisionForm(prefix="temporary"),
            "withdraw": ReasonForm(prefix="withdraw"),
        }
    return render(
        request,
        "governance/document_version.html",
        {
            "view": view,
            "version": version,
            "previous": previous,
            "diff": diff,
            "changes": changes,
            "forms": forms,
            "period": view.input_period(version),
            "lapse": view.lapse_clock(version),
            "is_staff_page": True,
        },
    )


def _act(request, pk, prefix, form_class, service, success):
    version = version_get_for_staff(pk)
    submit_form(
        request, form_class(request.POST, prefix=prefix), service, success=success, actor=request.user, version=version
    )
    return redirect("governance:document-version-detail", pk)


@role_required(Role.DIRECTOR)
@require_POST
def version_open(request, pk):
    return _act(request, pk, "open", ReasonForm, services.version_open_for_comment, _("Open for community input."))


@role_required(Role.DIRECTOR)
@require_POST
def version_adopt(request, pk):
    return _act(request, pk, "adopt", AdoptForm, services.version_adopt, _("Adoption recorded."))


@role_required(Role.DIRECTOR)
@require_POST
def version_adopt_urgent(request, pk):
    return _act(
        request,
        pk,
        "urgent",
        BoardVoteForm,
        services.version_adopt_urgent,
        _("Urgent adoption recorded: in effect now."),
    )


@role_required(Role.DIRECTOR)
@require_POST
def version_recommend(request, pk):
    return _act(request, pk, "recommend", BoardVoteForm, services.version_recommend, _("Recommendation recorded."))


@role_required(Role.DIRECTOR)
@require_POST
def version_administrator_adopt(request, pk):
    return _act(
        request,
        pk,
        "administrator",
        AdministratorDecisionForm,
        services.version_administrator_adopt,
        _("The City Administrator's adoption recorded."),
    )


@role_required(Role.DIRECTOR)
@require_POST
def version_administrator_temporary(request, pk):
    return _act(
        request,
        pk,
        "temporary",
        AdministratorDecisionForm,
        services.version_administrator_adopt_temporary,
        _("Temporary rule recorded: in effect now."),
    )


@role_required(Role.DIRECTOR)
@require_POST
def version_withdraw(request, pk):
    return _act(request, pk, "withdraw", ReasonForm, services.version_withdraw, _("Version withdrawn."))
