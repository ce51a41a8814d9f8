from django.db import models


class RateLimitCounter(models.Model):
    """A per-address count kept in PostgreSQL only while Redis cannot be reached (oversight/ratelimit).

    A counter, not a record of anything anyone did: no history. The key is a keyed hash of the
    scope and the address, so the table never holds a client's address."""

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key[:8]}: {self.count}"
