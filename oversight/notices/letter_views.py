"""Letters to mail (issue 12.4) and the Director's answer to a failed e-mail: parse, call one service, respond."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oversight.accounts.roles import Role, role_required
from oversight.web import call_service, submit_form

from . import failed, letters
from .forms import FailedNoticeActionForm, LetterBatchMailedForm
from .selectors import (
    letter_batch_get_for,
    letter_batch_list_visible_to,
    letter_list_for_batch,
    letter_list_to_mail,
    notice_get_failed_for,
)

LETTER_ROLES = (Role.DIRECTOR, Role.INTAKE)


@role_required(*LETTER_ROLES)
@require_GET
def letter_list(request):
    """Letters waiting to be printed, oldest first, and the batches printed but not yet mailed."""
    page = Paginator(letter_list_to_mail(user=request.user), 50).get_page(request.GET.get("page"))
    batches = letter_batch_list_visible_to(user=request.user).filter(mailed_on__isnull=True)[:20]
    context = {"page": page, "batches": batches, "per_batch": letters.LETTERS_PER_BATCH}
    return render(request, "notices/letter_list.html", context)


@role_required(*LETTER_ROLES)
@require_POST
def letter_batch_create(request):
    """Puts the ticked letters (or, with none ticked, the oldest waiting) in a batch to print."""
    chosen = [value for value in request.POST.getlist("letter") if value.isdigit()]
    batch = call_service(
        request,
        letters.letter_batch_create,
        success=_("Batch ready: download the PDF, print it, and mark the batch mailed once it is in the post."),
        actor=request.user,
        notice_ids=[int(value) for value in chosen] or None,
    )
    if batch is None:
        return redirect("notices:letter-list")
    return redirect("notices:letter-batch-detail", pk=batch.pk)


@role_required(*LETTER_ROLES)
@require_http_methods(["GET", "POST"])
def letter_batch_detail(request, pk):
    """One batch: its letters, the PDF to print (again), and the form that marks it mailed."""
    batch = letter_batch_get_for(user=request.user, pk=pk)
    form = LetterBatchMailedForm(request.POST or None, initial={"mailed_on": timezone.localdate()})
    if request.method == "POST":
        done = submit_form(
            request,
            form,
            letters.letter_batch_mark_mailed,
            success=_("Batch marked mailed."),
            batch=batch,
            actor=request.user,
        )
        if done is not None:
            return redirect("notices:letter-batch-detail", pk=batch.pk)
    history = batch.history.select_related("history_user").order_by("-history_date")[:20]
    context = {"batch": batch, "letters": letter_list_for_batch(batch), "form": form, "history": history}
    return render(request, "notices/letter_batch_detail.html", context)


@role_required(*LETTER_ROLES)
@require_GET
def letter_batch_pdf(request, pk):
    """The batch's letters as one PDF to print; the same letters every time it is printed."""
    batch = letter_batch_get_for(user=request.user, pk=pk)
    response = HttpResponse(letters.letter_batch_pdf(batch), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letters-batch-{batch.pk}.pdf"'
    return response


@role_required(Role.DIRECTOR)
@require_http_methods(["GET", "POST"])
def failed_notice_act(request, pk):
    """A failed e-mail: send it again, send it as a letter, or mark it handled, with a reason."""
    notice = notice_get_failed_for(user=request.user, pk=pk)
    form = FailedNoticeActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        services = {
            form.RESEND: (failed.notice_resend, {}, _("The e-mail is queued to be sent again.")),
            form.LETTER: (
                failed.notice_send_as_letter,
                {"address": form.cleaned_data["address"]},
                _("The notice waits in Letters to mail."),
            ),
            form.HANDLED: (failed.notice_mark_handled, {}, _("The notice is marked handled.")),
        }
        service, extra, success = services[action]
        if call_service(request, service, success=success, notice=notice, actor=request.user, reason=reason, **extra):
            return redirect("notices:outbox-list")
    return render(request, "notices/failed_notice_act.html", {"notice": notice, "form": form})
