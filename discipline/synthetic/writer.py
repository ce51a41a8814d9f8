"""Bulk writes for synthetic data: COPY into each table, each historied row with its "+" history row
(reason "synthetic data"), then the integrity chain linked in one pass (chain.py).

Lives in discipline, the top of the dependency chain, because a synthetic case reaches every stage.
"""

from contextlib import contextmanager

from django.apps import apps
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from psycopg.types.json import Jsonb

REASON = "synthetic data"


@contextmanager
def explicit_timestamps():
    """auto_now_add would stamp every row with the seeding time; synthetic rows carry their own."""
    fields = [f for m in apps.get_models() for f in m._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def _value(obj, field):
    value = getattr(obj, field.attname)
    if value is None and field.is_relation:
        # A foreign key assigned before its target was written: take the target's pk now.
        related = field.get_cached_value(obj, None)
        value = related.pk if related is not None else None
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(field, models.JSONField):
        return Jsonb(value)
    return value


def _copy(table, columns, rows):
    quoted = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _reserve_ids(model, count):
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [f'"{meta.db_table}"', meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


class Writer:
    """Inserts rows with COPY (pks drawn from the table's sequence first); historied models get one "+"
    history row each, dated by ``dated(row)``, written by ``user``, with the reason "synthetic data"."""

    def __init__(self, user):
        self.user = user
        self.counts = {}

    def _count(self, label, n):
        self.counts[label] = self.counts.get(label, 0) + n

    def add(self, model, objs, *, dated=None):
        """Inserts objs and sets their pks; returns them."""
        if not objs:
            return objs
        for obj, pk in zip(objs, _reserve_ids(model, len(objs)), strict=True):
            obj.pk = pk
            obj._state.adding = False
        fields = model._meta.concrete_fields
        _copy(model._meta.db_table, [f.column for f in fields], ([_value(o, f) for f in fields] for o in objs))
        self._count(model._meta.label, len(objs))
        if hasattr(model, "history"):
            self._history(model, objs, dated)
        return objs

    def _history(self, model, objs, dated):
        history = model.history.model
        fields = [f for f in history._meta.concrete_fields if f.name != "history_id"]
        special = {
            "history_change_reason": REASON,
            "history_type": "+",
            "history_user": self.user.pk if self.user else None,
        }

        def row(obj):
            values = []
            for f in fields:
                if f.name == "history_date":
                    values.append(dated(obj))
                elif f.name in special:
                    values.append(special[f.name])
                else:
                    values.append(_value(obj, f))
            return values

        _copy(history._meta.db_table, [f.column for f in fields], (row(o) for o in objs))
        self._count("history rows", len(objs))

    def add_plain(self, model, objs):
        """Rows of a model without history (reminders, m2m links, access logs)."""
        return self.add(model, objs) if objs else objs
