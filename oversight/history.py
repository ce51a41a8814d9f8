"""The one way services save a historied row: validated, with the acting user and a reason (R6.1)."""

from django.core.exceptions import ValidationError
from simple_history.utils import bulk_create_with_history


def _reason_checked(reason):
    if not reason or not str(reason).strip():
        raise ValidationError({"reason": "A reason is required for every change."})
    return str(reason)[:100]


def _history_user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _validate(obj, db_checks):
    if db_checks:
        obj.full_clean()
        return
    # The caller created the row's relations in this transaction and PostgreSQL enforces the unique
    # keys, foreign keys and check constraints at insert or commit: the queries that would only
    # repeat those checks for a friendlier message are skipped; every field is still validated.
    in_hand = [
        field.name
        for field in obj._meta.concrete_fields
        if field.is_relation and field.is_cached(obj) and getattr(field.get_cached_value(obj), "pk", None)
    ]
    obj.full_clean(exclude=in_hand, validate_unique=False, validate_constraints=False)


def save_audited(obj, *, actor, reason, update_fields=None, db_checks=True):
    """Validates and saves obj so that its history row names the actor and the reason.

    db_checks=False, for a service inserting rows it just built, leaves unique keys, foreign keys
    to rows it holds and check constraints to PostgreSQL instead of asking first."""
    obj._change_reason = _reason_checked(reason)
    obj._history_user = _history_user(actor)
    _validate(obj, db_checks)
    if update_fields and obj.pk:
        obj.save(update_fields=update_fields)
    else:
        obj.save()
    return obj


def save_changed(obj, values, *, actor, reason):
    """Sets ``values`` ({field: value}) on obj and saves only the fields that changed, with the actor and
    the reason (``save_audited``); nothing changed writes nothing (no history row). Returns obj."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    return save_audited(obj, actor=actor, reason=reason, update_fields=changed)


def save_audited_many(objs, *, actor, reason, db_checks=False):
    """Validates and inserts new rows of one model in two statements, the rows and then their
    history rows, each naming the actor and the reason. Returns the saved rows."""
    objs = list(objs)
    if not objs:
        return objs
    reason, user = _reason_checked(reason), _history_user(actor)
    for obj in objs:
        obj._change_reason, obj._history_user = reason, user
        _validate(obj, db_checks)
    return bulk_create_with_history(objs, type(objs[0]), default_user=user, default_change_reason=reason)


def history_insert_select(model, pks, *, reason, history_type="+", user=None):
    """Writes one history row per row of ``model`` in ``pks`` as it now stands, in a single
    INSERT ... SELECT: what bulk_create_with_history and bulk_update_with_history write, without a
    Python object per row (the deadline sweep's batches, issue 14.3). ``history_type`` is "+" for
    rows just created, "~" for rows just changed; the rows' current values are copied."""
    from django.db import connections, router
    from django.utils import timezone

    reason = _reason_checked(reason)
    if not pks:
        return 0
    history = model.history.model
    own = {f.column for f in model._meta.concrete_fields}
    columns = [f.column for f in history._meta.concrete_fields if f.column in own]
    quote = connections[router.db_for_write(history)].ops.quote_name
    target = ", ".join(quote(c) for c in columns)
    source = ", ".join(f"t.{quote(c)}" for c in columns)
    # Only names from the models' own metadata, quoted, are formatted in; every value is a parameter.
    table, pk = quote(history._meta.db_table), quote(model._meta.pk.column)
    source_table = quote(model._meta.db_table)
    insert = f"INSERT INTO {table} ({target}, history_date, history_change_reason, history_type, history_user_id)"
    select = f"SELECT {source}, %s, %s, %s, %s FROM {source_table} AS t WHERE t.{pk} = ANY(%s) ORDER BY t.{pk}"  # noqa: S608
    sql = f"{insert} {select}"
    params = [timezone.now(), reason, history_type, getattr(_history_user(user), "pk", None), list(pks)]
    with connections[router.db_for_write(history)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
