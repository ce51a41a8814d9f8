"""The building blocks of a report snapshot (issue 11, R5.1): plain JSON-able dicts whose texts are msgids.

Every text is stored untranslated (marked with ``gettext_noop`` where it is written) and translated when the
snapshot is rendered, so a published report reads in its reader's language. Choice labels are read inside
``translation.override("en")`` (``report_build`` does it), so ``str(label)`` is the English msgid.
"""

from django.utils.translation import gettext_noop

NO_DATA = gettext_noop("No data recorded")


def percent(n, total):
    """``n`` as a percentage of ``total``, one decimal; None when either is unknown or the total is 0."""
    if n is None or not total:
        return None
    return round(100 * n / total, 1)


def text(msgid, **params):
    return {"type": "text", "text": msgid, "params": params}


def row(label, value, *, total=None, of="", definition=""):
    """A figure: a label and a value, with a percentage of ``total`` when one is given."""
    return {
        "label": label,
        "value": value,
        "percent": percent(value, total) if total is not None else None,
        "of": of,
        "definition": definition,
    }


def figures(*rows):
    return {"type": "figures", "rows": list(rows)}


def table(caption, columns, rows):
    return {"type": "table", "caption": caption, "columns": list(columns), "rows": [list(r) for r in rows]}


def pct(n, total):
    """A table cell: the percentage; None (shown as suppressed) when the count is suppressed; "" when
    there is nothing to take a percentage of."""
    if n is None:
        return None
    value = percent(n, total)
    return "" if value is None else {"percent": value}


def empty(msgid=NO_DATA):
    return {"type": "empty", "text": msgid}


def chart(chart_obj):
    return {"type": "chart", "chart": chart_obj.to_dict()}


def label(choice_label):
    """A model choice's label as its msgid (built under translation.override("en"))."""
    return str(choice_label)


def item(key, title, blocks, *, source="computed", narrative_field="", is_recorded=True):
    if not is_recorded:
        blocks = [b for b in blocks if b["type"] in ("text",)] + [empty()]
    return {
        "key": key,
        "title": title,
        "source": source,
        "narrative_field": narrative_field,
        "is_recorded": is_recorded,
        "blocks": blocks,
    }
