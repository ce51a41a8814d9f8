"""The reasons given for the history rows that a filer's own actions write (R6.1).

A history row names its user. A filer has no account, and the Oversight System has none when its
own work (a Celery task rendering a report, the deadline sweep) saves a row, so both leave the
user empty. These reasons, which only the filer's paths write without a user, are what tells the
two apart on the case timeline (intake/timeline.py); a row with no user and any other reason is
the system's.
"""

COMPLAINT_RECEIVED = "Complaint received"
FILE_RECEIVED = "File received from the filer"
DEMOGRAPHICS_GIVEN = "Given by the filer"
INFORMATION_ADDED = "Information added by the filer"
SURVEY_ANSWERED = "Survey answered by the filer"
RECONSIDERATION_ASKED = "Filer asked the Director to reconsider (R1.9)"


def case_received(channel):
    """The reason on a new case: a web filing is the filer's own, other channels name the staff member."""
    return f"{COMPLAINT_RECEIVED} ({channel})"


FILER_REASONS = frozenset(
    {
        case_received("web"),
        COMPLAINT_RECEIVED,
        FILE_RECEIVED,
        DEMOGRAPHICS_GIVEN,
        INFORMATION_ADDED,
        SURVEY_ANSWERED,
        RECONSIDERATION_ASKED,
    }
)
