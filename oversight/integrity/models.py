"""The hash chain over every simple-history row. Written only by PostgreSQL triggers (install.py)."""

from django.contrib.postgres.fields import ArrayField
from django.db import models


class HistoryShape(models.Model):
    """A set of columns a row digest covers, so adding a column later does not break old links."""

    key = models.BinaryField(unique=True)  # sha256 of the sorted column names, one per line
    columns = ArrayField(models.TextField())

    class Meta:
        db_table = "integrity_historyshape"

    def __str__(self):
        return ", ".join(self.columns)


class HistoryLink(models.Model):
    """One link per history row: hash = sha256(prev_hash || table:history_id: || shape || row_digest)."""

    seq = models.BigAutoField(primary_key=True)
    table_name = models.CharField(max_length=63)
    history_id = models.BigIntegerField()
    shape = models.BinaryField()
    row_digest = models.BinaryField()
    # Unique: two links claiming the same predecessor would be a fork, whatever the isolation level.
    prev_hash = models.BinaryField(unique=True)
    hash = models.BinaryField()

    class Meta:
        db_table = "integrity_historylink"
        constraints = [models.UniqueConstraint(fields=["table_name", "history_id"], name="integrity_one_link_per_row")]

    def __str__(self):
        return f"{self.seq} {self.table_name} {self.history_id}"
