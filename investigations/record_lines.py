"""How the investigator's typed list of records becomes one requested record per line (R2.6)."""

import re

# A list number typed before a record: "1.", "1)", "(1)", "a)", "(a)", "a.", "iv)", "ii.". The
# liaison's page and notice number the records themselves, so a typed number would show twice
# ("1. 1. Incident report"). "A." is left alone (an initial: "A. Smith's statement"), and so is "1.5".
_NUMBER = re.compile(r"^(?:\(?(?:\d{1,3}|[A-Za-z]|[ivx]{2,4}|[IVX]{2,4})\)\s*|(?:\d{1,3}|[a-z]|[ivx]{2,4})\.(?:\s+|$))")
_BULLETS = " \t-*•‣◦·–—"


def records_listed(text):
    """One description per non-blank line, without the bullet or list number typed before it."""
    items = []
    for line in text.splitlines():
        item = _NUMBER.sub("", line.strip(_BULLETS), count=1).strip(_BULLETS)
        if item:
            items.append(item[:500])
    return items
