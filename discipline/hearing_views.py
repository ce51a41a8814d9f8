"""Hearings (issue 9.5): scheduling and cancelling, the packet, the panel's evidence, the public list."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investigations.models import Evidence
from investigations.services import evidence_log_download
from oversight.accounts import need_to_know as ntk
from oversight.accounts.need_to_know import FieldGroup
from oversight.accounts.roles import Role, public, role_required
from oversight.audit.reads import Kind, Outcome, read_log
from oversight.pdf import pdf_join, render_pdf
from oversight.web import submit_form

from . import hearings
from .hearing_forms import HearingCancelForm, HearingScheduleForm
from .models import Hearing
from .selectors import panel_get_for, panel_list_visible_to


@role_required(Role.DIRECTOR)
@require_POST
def hearing_schedule(request, pk):
    panel = panel_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        HearingScheduleForm(request.POST, prefix="hearing"),
        hearings.hearing_schedule,
        success=_("Hearing scheduled; its public notice is published."),
        panel=panel,
        actor=request.user,
    )
    return redirect("discipline:panel-detail", pk=panel.pk)


@role_required(Role.DIRECTOR)
@require_POST
def hearing_cancel(request, pk):
    hearing = get_object_or_404(
        Hearing.objects.select_related("panel"), pk=pk, panel__in=panel_list_visible_to(user=request.user)
    )
    submit_form(
        request,
        HearingCancelForm(request.POST, prefix=f"h{hearing.pk}"),
        hearings.hearing_cancel,
        success=_("The hearing's public notice now says so."),
        hearing=hearing,
        actor=request.user,
    )
    return redirect("discipline:panel-detail", pk=hearing.panel_id)


@role_required(Role.BOARD, Role.DIRECTOR)
def panel_packet(request, pk):
    """The reader's own packet (issue 9.5): seated members and the Director; 404 for anyone else."""
    panel = panel_get_for(user=request.user, pk=pk)
    context = hearings.packet_context(panel, request.user)
    pdf = render_pdf("discipline/hearing_packet_pdf.html", context)
    if context["stored_report"]:
        # The report as OCPA stored it follows the packet, page for page (it holds what a panel may read).
        with context["stored_report"].open("rb") as report:
            pdf = pdf_join(pdf, report)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="case-{panel.case.number}-packet.pdf"'
    groups = ntk.groups_shown_on_case(request.user, panel.case, tuple(FieldGroup))
    read_log(
        request,
        kind=Kind.HEARING_PACKET,
        obj=panel,
        case_number=panel.case.number,
        groups=groups,
        outcome=Outcome.DOWNLOADED,
    )
    return response


@role_required(Role.BOARD, Role.DIRECTOR)
def panel_evidence_file(request, pk, evidence_pk):
    """An item of evidence from the hearing view, for the panel and the Director: through need-to-know,
    a link in the chain of custody, and a logged read. An item the reader may not open is a 404."""
    panel = panel_get_for(user=request.user, pk=pk)
    items = ntk.visible(Evidence.objects.filter(investigation__case=panel.case), request.user)
    evidence = get_object_or_404(items.select_related("investigation__case"), pk=evidence_pk)
    if not ntk.can_read_field(request.user, evidence, "file"):
        raise Http404
    evidence_log_download(evidence=evidence, actor=request.user)
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name, content_type=evidence.content_type
    )
    read_log(
        request,
        kind=Kind.EVIDENCE_FILE,
        obj=evidence,
        case_number=panel.case.number,
        groups=ntk.groups_of(evidence, "file"),
        outcome=Outcome.DOWNLOADED,
    )
    return response


@public
def hearing_public_list(request):
    """The public notice of the Board's hearings (Oregon public meetings law): when, where, and an agenda
    that names no one; a past, postponed or cancelled hearing says so."""
    now = timezone.now()
    return render(
        request,
        "discipline/public/hearing_list.html",
        {"hearings": hearings.hearing_list_public(now=now), "now": now},
    )
