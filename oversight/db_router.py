"""Reads of reports and dashboards may go to a read replica (issue 14.4, DATABASE_REPLICA_URL).

Nothing is routed by app: a view or task opts in with ``use_replica()`` (a context manager and a
decorator), and only its reads go to the "replica" alias. Everything else stays on "default":
- every write, always;
- reads inside a transaction on default (a service's ``select_for_update`` and what it reads
  before it writes must see the primary, not a replica that lags);
- history rows and the access and audit logs (they are the record, read where they are written);
- sessions, login throttles and rate limits.
With no DATABASE_REPLICA_URL there is no "replica" alias and ``use_replica()`` changes nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_replica_reads = ContextVar("replica_reads", default=False)
# The record and the login machinery: always read where they are written.
DEFAULT_ONLY_APPS = {
    "audit",
    "integrity",
    "sessions",
    "axes",
    "otp_totp",
    "otp_static",
    "django_otp",
    "ratelimit",
    "jobs",
    "django_celery_beat",
}


def replica_configured():
    return REPLICA in connections.settings


@contextmanager
def use_replica():
    """Within it (or the function it decorates), reads go to the replica when one is configured."""
    token = _replica_reads.set(replica_configured())
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    """Sends reads inside use_replica() to the replica; everything else to default."""

    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        meta = model._meta
        if meta.app_label in DEFAULT_ONLY_APPS or meta.model_name.startswith("historical"):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as default

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
