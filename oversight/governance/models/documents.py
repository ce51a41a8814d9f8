"""Rules, bylaws, policies and procedures in versions (issue 10 part A; 35A.010 C/D, R4.2).

A document has versions; each version is drafted, opened for community input (at least 30 days,
the ``comment_period`` clock), then adopted, which supersedes the version in force. An urgent
version (the Board's, for bylaws, policies and procedures) or a temporary administrative rule (the
City Administrator's) takes effect at once for at most 90 days (the ``urgent_lapse`` clock) and
goes through input meanwhile; unless adopted after input it lapses by itself. Every adopting act
is a ``DocumentDecision``: a recorded Board vote, or the City Administrator's decision recorded by
the Director.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..votes import RecordedBoardVote

__all__ = ["GovernanceDocument", "DocumentVersion", "DocumentDecision"]


class GovernanceDocument(models.Model):
    """One rule, bylaws, policy or procedure; its text lives in its versions."""

    class Kind(models.TextChoices):
        BYLAWS = "bylaws", _("Bylaws")
        ADMINISTRATIVE_RULE = "administrative_rule", _("Administrative rule")
        POLICY = "policy", _("Policy")
        PROCEDURE = "procedure", _("Procedure")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title", "pk"]

    def __str__(self):
        return self.title

    @property
    def adopted_by_administrator(self):
        """35A.010 C: the Board recommends administrative rules; the City Administrator adopts them."""
        return self.kind == self.Kind.ADMINISTRATIVE_RULE


class DocumentVersion(models.Model):
    """One numbered text of a document and where it stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN_FOR_COMMENT = "open_for_comment", _("Open for comment")
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")
        LAPSED = "lapsed", _("Lapsed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The only moves; services check them here. SUPERSEDED -> ADOPTED: the version an urgent one
    # replaced is in force again when the urgent one lapses.
    TRANSITIONS = {
        Status.DRAFT: {Status.OPEN_FOR_COMMENT, Status.ADOPTED, Status.WITHDRAWN},
        Status.OPEN_FOR_COMMENT: {Status.ADOPTED, Status.WITHDRAWN},
        Status.ADOPTED: {Status.SUPERSEDED, Status.LAPSED},
        Status.SUPERSEDED: {Status.ADOPTED},
        Status.LAPSED: set(),
        Status.WITHDRAWN: set(),
    }
    PUBLIC_STATUSES = (Status.OPEN_FOR_COMMENT, Status.ADOPTED, Status.SUPERSEDED, Status.LAPSED, Status.WITHDRAWN)

    document = models.ForeignKey(GovernanceDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    change_summary = models.TextField(_("summary of the change"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Urgent (the Board) or temporary (the City Administrator): in effect at once, at most 90 days.
    is_urgent = models.BooleanField(_("urgent or temporary"), default=False)
    effective_on = models.DateField(_("in effect from"), null=True, blank=True)
    comment_opened_at = models.DateTimeField(_("community input opened"), null=True, blank=True)
    # Set when the Board adopts (or, for an administrative rule, recommends) after input: input is over.
    input_closed_at = models.DateTimeField(_("community input closed"), null=True, blank=True)
    ended_on = models.DateField(_("no longer in effect from"), null=True, blank=True)
    replaced = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("replaced version")
    )
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documentversion_number_unique"),
            # One copy in force, one open for input and one draft at a time per document.
            models.UniqueConstraint(
                fields=["document"], condition=Q(status="adopted"), name="documentversion_one_in_force"
            ),
            models.UniqueConstraint(
                fields=["document"], condition=Q(status="open_for_comment"), name="documentversion_one_open"
            ),
            models.UniqueConstraint(fields=["document"], condition=Q(status="draft"), name="documentversion_one_draft"),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(effective_on__isnull=False), name="documentversion_adopted_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    @property
    def is_in_trial(self):
        """Urgent or temporary, in effect, and not yet adopted after input: it lapses at 90 days."""
        return self.is_urgent and self.status == self.Status.ADOPTED and self.input_closed_at is None

    @property
    def is_open_for_input(self):
        """The public may comment: open for comment and not yet recommended, or urgent and still in input."""
        if self.input_closed_at is not None or self.comment_opened_at is None:
            return False
        return self.status == self.Status.OPEN_FOR_COMMENT or self.is_in_trial


class DocumentDecision(RecordedBoardVote):
    """One act that adopts, recommends or temporarily adopts a version: a Board vote (``vote_*``), or
    the City Administrator's decision (``decided_on``, ``reference``), both recorded by the Director."""

    class Kind(models.TextChoices):
        BOARD_ADOPTION = "board_adoption", _("Adopted by the Board after community input")
        BOARD_URGENT = "board_urgent", _("Adopted by the Board in an urgent situation")
        BOARD_RECOMMENDATION = "board_recommendation", _("Recommended by the Board to the City Administrator")
        ADMINISTRATOR_ADOPTION = "administrator_adoption", _("Adopted by the City Administrator")
        ADMINISTRATOR_TEMPORARY = "administrator_temporary", _("Temporary rule of the City Administrator")

    BOARD_KINDS = (Kind.BOARD_ADOPTION, Kind.BOARD_URGENT, Kind.BOARD_RECOMMENDATION)

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=32, choices=Kind.choices)
    decided_on = models.DateField(_("decided on"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_on", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "kind"], name="documentdecision_once_per_kind"),
            models.CheckConstraint(
                condition=~Q(kind__in=["board_adoption", "board_urgent", "board_recommendation"])
                | Q(vote_on__isnull=False, votes_yes__isnull=False),
                name="documentdecision_board_has_vote",
            ),
        ]

    def __str__(self):
        return f"{self.version}: {self.get_kind_display()} ({self.decided_on:%Y-%m-%d})"
