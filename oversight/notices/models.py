from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Notice(models.Model):
    """Every notice the Oversight System sends (R6.3): to whom, how, when, and what it said."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PORTAL = "portal", _("Staff portal")
        POSTAL = "postal", _("Postal mail")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # A postal letter waits here until staff print it in a batch and mark the batch mailed
        # (issue 12.4); only then is it sent.
        TO_MAIL = "to_mail", _("To print and mail")
        # A failed e-mail someone acted on (sent as a letter, reached by phone): off the outbox.
        HANDLED = "handled", _("Failed, handled by staff")

    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    recipient_name = models.CharField(max_length=200)
    recipient_address = models.CharField(max_length=254, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # A document the notice carries (the investigation report to the Mayor): attached to the e-mail,
    # printed with the letter. A path in default storage.
    attachment = models.FileField(blank=True, max_length=200)
    # What the notice is about (a case, a deadline, a records request): kernel apps may not
    # import intake, so the link is generic.
    about_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    # A reminder may produce its notice only once, however often the sweep runs.
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    # The outbox (R6.3): this row is the truth and the broker only a doorbell. An e-mail notice is
    # queued until a worker claims it (sending, claimed_at), then sent; a claim older than
    # NOTICE_REDELIVER_AFTER_SECONDS is a worker that died and is taken over (services.py).
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Claims taken over from a worker that stopped mid-send: each may have mailed a duplicate.
    stale_reclaims = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When the Director was told this notice was stuck (once per notice).
    stuck_alerted_at = models.DateTimeField(null=True, blank=True)
    # When the staff member it was addressed to marked it read in their portal inbox.
    read_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The recipient's language, for what a printed letter adds around the body (the body itself is
    # written in it already); blank: the Office's language.
    language = models.CharField(max_length=8, blank=True)
    # A postal letter is printed in one batch only, and mailed on the day the batch was.
    letter_batch = models.ForeignKey(
        "LetterBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    mailed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["about_type", "about_id"]),
            models.Index(fields=["status", "claimed_at"]),
            # The outbox page and the sweep read the few undelivered rows of a table that only grows.
            models.Index(fields=["created_at"], condition=~models.Q(status="sent"), name="notice_undelivered_idx"),
            # A staff member's inbox, newest first, and its unread count.
            models.Index(fields=["recipient_user", "-created_at", "-id"], name="notice_inbox_idx"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} to {self.recipient_name}: {self.subject}"


class LetterBatch(models.Model):
    """Postal letters printed together as one PDF (issue 12.4); mailed once, reprinted any time."""

    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    mailed_on = models.DateField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    mailed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Letter batch {self.pk}"

    @property
    def is_mailed(self):
        return self.mailed_on is not None
