"""The public side of intake: file a complaint, follow it, add to it, answer the survey (R1.1-R1.4, R1.10).

Also the two staff views that belong to it: writing to a filer, and opening a filer's file.
"""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.roles import Role, public, role_required
from oversight.audit.reads import Kind, Outcome, read_log
from oversight.ratelimit import rate_limit_exceeded, rate_limit_hit
from oversight.uploads.limits import PUBLIC_FORM, takes_uploads
from oversight.web import call_service, form_errors_to_messages

from . import filing
from .access import access_code_matches, access_code_new, session_complaint_id, session_lock, session_unlock
from .form_page import complaint_form_page
from .lookup_guard import status_lookup_failed, status_lookup_paused
from .models import Complaint, ComplaintAttachment
from .public_forms import (
    HONEYPOT,
    FilerAddForm,
    FilerMessageForm,
    PublicComplaintForm,
    ReconsiderationAskForm,
    StatusLookupForm,
    SurveyForm,
)
from .reconsideration import reconsideration_for_filer, reconsideration_request
from .sections import case_section_url
from .selectors import case_get_for
from .status import (
    complaint_for_status,
    complaint_unlock,
    filer_message_list,
    status_parts_context,
    status_timeline,
    survey_is_open,
)

_FILED = "filed_complaint"
# {keyed hash of narrative and incident date: case number} of the last complaints this browser filed.
_FILED_TEXTS = "filed_texts"
_FILED_TEXTS_KEPT = 5
HOUR, QUARTER = 3600, 900


def _office():
    return {"office_phone": settings.OFFICE_PHONE, "office_email": settings.OFFICE_EMAIL}


def _complaint_form_page(request, form, *, status=200, **extra):
    return render(request, "intake/complaint_new.html", {"form": form, **_office(), **extra}, status=status)


@takes_uploads(PUBLIC_FORM)
@public
@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    if request.method == "GET":
        return complaint_form_page(request, _office()) or _complaint_form_page(request, PublicComplaintForm())
    if request.POST.get(HONEYPOT, "").strip():
        # Maybe a bot, maybe a person whose browser filled the hidden field: never drop silently.
        data = request.POST.copy()
        data[HONEYPOT] = ""
        return _complaint_form_page(request, PublicComplaintForm(data), status=400, honeypot=True)
    form = PublicComplaintForm(request.POST, request.FILES)
    if not form.is_valid():
        return _complaint_form_page(request, form, status=400)
    key = form.cleaned_data["submission_key"]
    is_retry = Complaint.objects.filter(submission_key=key).exists()
    # A retry of the same form (a double click) files nothing twice and must reach the page with
    # the code; the same text under a new key is Back + Submit, which would open a second case.
    already_filed = None if is_retry else _filed_before(request, form)
    if already_filed:
        form.refuse_as_already_filed(already_filed)
        return _complaint_form_page(request, form, status=409, already_filed=already_filed)
    if not is_retry and not rate_limit_hit(request, "complaint", limit=settings.COMPLAINT_RATE_LIMIT, window=HOUR):
        return _complaint_form_page(request, form, status=429, limited=True)
    code = form.access_code() or access_code_new()
    complaint = filing.complaint_file_public(
        data=form.complaint_data(),
        submission_key=key,
        access_code=code,
        demographics=form.demographics_data(),
        uploads=form.cleaned_data["attachments"],
        actor=request.user,
    )
    shown = access_code_matches(complaint, code)
    if shown:
        session_unlock(request, complaint)
    # The number and code come from the session, so no URL ever reveals a filer's case.
    request.session[_FILED] = {"number": complaint.case.number, "code": code if shown else ""}
    _remember_filed(request, form, complaint.case.number)
    return redirect("intake:complaint-filed")


def _filed_before(request, form):
    """The case number this browser recently filed the same text under, unless the filer chose to file anew."""
    if form.cleaned_data.get("file_as_new"):
        return None
    return request.session.get(_FILED_TEXTS, {}).get(form.text_fingerprint())


def _remember_filed(request, form, number):
    texts, fingerprint = dict(request.session.get(_FILED_TEXTS, {})), form.text_fingerprint()
    texts.pop(fingerprint, None)  # the newest goes last, so the oldest is forgotten first
    texts[fingerprint] = number
    request.session[_FILED_TEXTS] = dict(list(texts.items())[-_FILED_TEXTS_KEPT:])


@public
@never_cache
def complaint_filed(request):
    filed = request.session.get(_FILED)
    if not filed:
        return redirect("intake:complaint-new")
    if filed.get("code"):
        # Shown once: the session keeps only the case number, so a shared computer never shows it again.
        request.session[_FILED] = {**filed, "code": ""}
    return render(request, "intake/complaint_filed.html", {**filed, **_office()})


def _unlocked(request):
    pk = session_complaint_id(request)
    return complaint_for_status(pk=pk) if pk else None


def _status_page(
    request, complaint, *, status=200, add_form=None, survey_form=None, reconsider_form=None, **later_stages
):
    """``later_stages``: context a later stage's form view passes back (its form with errors)."""
    reconsideration, may_ask = reconsideration_for_filer(complaint)
    context = {
        **status_parts_context(complaint),
        **later_stages,
        "complaint": complaint,
        "case": complaint.case,
        "timeline": status_timeline(complaint.case),
        "filer_messages": filer_message_list(complaint=complaint),
        "add_form": add_form or FilerAddForm(),
        "survey_form": (survey_form or SurveyForm()) if survey_is_open(complaint) else None,
        "reconsideration": reconsideration,
        "reconsider_form": (reconsider_form or ReconsiderationAskForm()) if may_ask else None,
        **_office(),
    }
    return render(request, "intake/complaint_status.html", context, status=status)


def _lookup_page(request, form, *, status=200, limited=False, paused=False):
    context = {"form": form, "limited": limited, "paused": paused, **_office()}
    return render(request, "intake/status_lookup.html", context, status=status)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def complaint_status(request):
    if request.method == "GET":
        complaint = _unlocked(request)
        if complaint:
            return _status_page(request, complaint)
        return _lookup_page(request, StatusLookupForm(initial={"case_number": request.GET.get("case", "")[:16]}))
    limit = settings.STATUS_RATE_LIMIT
    form = StatusLookupForm(request.POST)
    if rate_limit_exceeded(request, "status", limit=limit):
        return _lookup_page(request, form, status=429, limited=True)
    if not form.is_valid():
        return _lookup_page(request, form, status=400)
    number = form.cleaned_data["case_number"]
    if status_lookup_paused(number):
        # The same answer whether or not the number is a case's, and for the right code too.
        rate_limit_hit(request, "status", limit=limit, window=QUARTER)
        return _lookup_page(request, form, status=429, paused=True)
    complaint = complaint_unlock(case_number=number, access_code=form.cleaned_data["access_code"])
    if complaint is None:
        # Only failures count, so a filer who types carefully is never held back.
        rate_limit_hit(request, "status", limit=limit, window=QUARTER)
        status_lookup_failed(number)
        form.add_error(None, _("That case number and access code do not match. Please check both and try again."))
        return _lookup_page(request, form, status=400)
    session_unlock(request, complaint)
    return redirect("intake:status")


@public
@require_POST
def complaint_status_lock(request):
    session_lock(request)
    request.session.pop(_FILED, None)  # the confirmation page with the code is gone too
    request.session.pop(_FILED_TEXTS, None)  # and the next person at this computer is not told of it
    messages.success(request, _("Your status page is locked. Enter your case number and access code to open it again."))
    return redirect("intake:status")


@takes_uploads(PUBLIC_FORM)
@public
@require_POST
def complaint_status_add(request):
    complaint = _unlocked(request)
    if complaint is None:
        return redirect("intake:status")
    form = FilerAddForm(request.POST, request.FILES)
    if not form.is_valid():
        return _status_page(request, complaint, status=400, add_form=form)
    if not rate_limit_hit(request, "status-add", limit=settings.STATUS_ADD_RATE_LIMIT, window=HOUR):
        # Files are big: a stolen code must not fill the disk. A real filer is told whom to call.
        messages.error(
            request,
            _("You have added a lot in the last hour. Please try again later, or call the Office at %(phone)s.")
            % {"phone": settings.OFFICE_PHONE},
        )
        return _status_page(request, complaint, status=429, add_form=form)
    filing.filer_add(
        complaint=complaint,
        body=form.cleaned_data["body"],
        uploads=form.cleaned_data["attachments"],
        actor=request.user,
    )
    messages.success(request, _("Thank you. The Office can now see what you added."))
    return redirect("intake:status")


@public
@require_POST
def complaint_survey(request):
    complaint = _unlocked(request)
    if complaint is None:
        return redirect("intake:status")
    form = SurveyForm(request.POST)
    if not form.is_valid():
        return _status_page(request, complaint, status=400, survey_form=form)
    call_service(
        request,
        filing.survey_answer,
        success=_("Thank you for answering the survey."),
        complaint=complaint,
        answers=form.cleaned_data,
        actor=request.user,
    )
    return redirect("intake:status")


@public
@require_POST
def complaint_reconsider(request):
    """The filer asks the Director to reconsider the case-handling decision (R1.9)."""
    complaint = _unlocked(request)
    if complaint is None:
        return redirect("intake:status")
    form = ReconsiderationAskForm(request.POST)
    if not form.is_valid():
        return _status_page(request, complaint, status=400, reconsider_form=form)
    call_service(
        request,
        reconsideration_request,
        success=_("Your request was sent to the Director, who will decide and tell you."),
        case=complaint.case,
        complaint=complaint,
        reason=form.cleaned_data["reason"],
        actor=None,
    )
    return redirect("intake:status")


@role_required(Role.INTAKE, Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def filer_message_new(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    form = FilerMessageForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(case_section_url(case, "complaint"))
    complaint = get_object_or_404(Complaint, pk=form.cleaned_data["complaint"], case=case)
    call_service(
        request,
        filing.filer_message_send,
        success=_("Message sent to the filer."),
        complaint=complaint,
        body=form.cleaned_data["body"],
        actor=request.user,
    )
    return redirect(case_section_url(case, "complaint"))


@role_required(Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR)
def attachment_download(request, pk):
    """Filers' files reach only staff who may see the case, always as a download, never inline."""
    attachment = ComplaintAttachment.objects.select_related("complaint").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    case = case_get_for(user=request.user, pk=attachment.complaint.case_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file_name,
        content_type="application/octet-stream",
    )
    read_log(request, kind=Kind.FILER_ATTACHMENT, obj=attachment, case_number=case.number, outcome=Outcome.DOWNLOADED)
    return response
