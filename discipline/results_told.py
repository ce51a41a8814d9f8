"""Results told (R3.9, 35A.050 A.3): the one place a Board result reaches the filer and the officer.

Every part calls ``result_tell`` inside the transaction that records a result. It logs one notice
per recipient (R6.3), each with a dedupe key naming the result row, so a retried or repeated call
logs nothing new; the outbox delivers them after commit. What the notice says is read from
``status_results.case_results``, the same words the filer's status page shows from then on.

- The filer of each complaint in the case, in their language, by the channel they chose (e-mail, or a
  letter that waits in "Letters to mail"); a filer with no contact reads it on the status page only
  (a portal notice is logged all the same).
- Each officer with an allegation the result is about, by the channel the Office uses for officers
  (the roster's e-mail, or a letter through the Bureau's interoffice mail when the roster has none),
  in the Office's language.
Never a vote nor a Board member's name; never an allegation against the Chief (those go to the Mayor).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from intake.chief import allegations_for_board
from intake.filer_notices import filer_notice_send, status_url
from oversight.notices.models import Notice
from oversight.notices.services import notice_send
from oversight.roster.models import Employee

from .status_results import ResultEvent, case_results, results_text

__all__ = ["ResultEvent", "result_tell", "appeal_sentence"]


def result_tell(*, case, event, actor, about=None):
    """Tells every filer of ``case`` and each officer concerned of a result, once per result row
    (``about``: the panel, decision, appeal ... that holds it; the case when None). Returns the notices
    logged or found (a repeated call returns the same rows and logs nothing)."""
    if event not in ResultEvent.ALL:
        raise ValueError(f"Unknown result event {event!r}")
    about = about if about is not None else case
    key = f"result:{event}:{about._meta.model_name}:{about.pk}"
    notices = [_tell_filer(case, complaint, event, key, actor) for complaint in case.complaints.order_by("pk")]
    for employee in _officers_concerned(case, about):
        notices.append(_tell_officer(case, employee, event, key, actor, about))
    return [notice for notice in notices if notice is not None]


def _officers_concerned(case, about):
    """The officers of the allegations the result is about: one allegation's when the row names one,
    else every officer with an allegation before the Board (never the Chief, never an unidentified one)."""
    allegations = allegations_for_board(case).filter(employee__isnull=False)
    # An appeal, a Loudermill or a discipline decision names its allegation; a proceeding its decision's.
    allegation_id = getattr(about, "allegation_id", None) or getattr(
        getattr(about, "decision", None), "allegation_id", None
    )
    if allegation_id is not None:
        allegations = allegations.filter(pk=allegation_id)
    return Employee.objects.filter(pk__in=allegations.values("employee_id")).order_by("pk")


def _tell_filer(case, complaint, event, key, actor):
    def compose():
        values = {"number": case.number, "title": ResultEvent.TITLES[event]}
        # Translators: public. Subject of the notice telling the filer a Board result.
        subject = _("Your complaint %(number)s: %(title)s") % values
        parts = [
            # Translators: public. Opening of the notice telling the filer a Board result.
            _("There is a new result on your complaint %(number)s: %(title)s.") % values,
            # Translators: public. Before the list of results per allegation.
            _("The results so far on each allegation the Community Board for Police Accountability reviews:"),
            results_text(case_results(case)),
            appeal_sentence(case=case, party=complaint),
            # Translators: public. End of the notice telling the filer a Board result.
            _(
                "You can read these results at any time on your status page, %(url)s, with your case number "
                "and access code.\n\nQuestions: %(phone)s"
            )
            % {"url": status_url(complaint), "phone": settings.OFFICE_PHONE},
        ]
        return subject, "\n\n".join(part for part in parts if part)

    return filer_notice_send(
        complaint, compose, actor=actor, dedupe_key=f"{key}:complaint:{complaint.pk}", status_page_only=True
    )


def _tell_officer(case, employee, event, key, actor, about):
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        values = {"number": case.number, "title": ResultEvent.TITLES[event]}
        subject = _("Case %(number)s: %(title)s") % values
        parts = [
            _(
                "Under Portland City Code 35A.050, the Office of Community-based Police Accountability tells you "
                "of a result on case %(number)s that concerns you: %(title)s."
            )
            % values,
            _("The results so far on each allegation against you that the Board reviews:"),
            results_text(case_results(case, employee=employee)),
            appeal_sentence(case=case, party=employee),
            _("Questions: %(phone)s") % {"phone": settings.OFFICE_PHONE},
        ]
    return notice_send(
        recipient_name=str(employee),
        recipient_address=employee.email or employee.unit,
        channel=Notice.Channel.EMAIL if employee.email else Notice.Channel.POSTAL,
        about=about,
        actor=actor,
        subject=subject,
        body="\n\n".join(part for part in parts if part),
        dedupe_key=f"{key}:employee:{employee.pk}",
        language=language,
    )


def appeal_sentence(*, case, party):
    """The party's appeal options, each with its window, in the active language ("" when nothing they
    may appeal is open). ``party``: the filer's Complaint or the officer's Employee (part E's
    ``appeal_options`` decides who may appeal what, until when)."""
    from .appeals import appeal_options, window_text  # appeals tells results through this module

    options = [option for option in appeal_options(case=case, party=party) if option.may_appeal]
    if not options:
        return ""
    rows = [f"- {option.label}: {window_text(option.window)}" for option in options]
    if isinstance(party, Employee):
        # Translators: the officer's notice of a Board result: how the officer appeals.
        how = _("To appeal, tell the Office in writing before the last day: the Office enters your appeal.")
    else:
        # Translators: public. The filer's notice of a Board result: how the filer appeals.
        how = _(
            "To appeal, open your status page and use the appeal form before the last day, or call the Office. "
            "An appeal filed after the last day is refused."
        )
    # Translators: public. Before the list of results the reader may appeal, each with its time limit.
    return "\n".join([_("You may appeal:"), *rows, how])
