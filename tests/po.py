"""A small reader for gettext .po files, enough to check our catalogs without a new dependency."""

import re
from dataclasses import dataclass, field

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(text):
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict = field(default_factory=dict)  # 0 for singular; plural index otherwise
    references: list = field(default_factory=list)  # "path:line"
    comments: list = field(default_factory=list)  # extracted ("#.") comments
    flags: set = field(default_factory=set)

    @property
    def files(self):
        return sorted({ref.rsplit(":", 1)[0] for ref in self.references})

    @property
    def is_translated(self):
        return "fuzzy" not in self.flags and bool(self.msgstr) and all(s.strip() for s in self.msgstr.values())


def parse(text):
    """Returns the catalog's entries (header excluded, obsolete "#~" entries ignored)."""
    entries, entry, key = [], Entry(), None

    def flush():
        nonlocal entry, key
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry, key = Entry(), None

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line and (entry.msgid or entry.msgstr):
                flush()
            continue
        if key is not None and line.startswith(("#", "msgid", "msgctxt")) and (entry.msgid or entry.msgstr):
            if line.startswith(("#", "msgctxt")) or (line.startswith("msgid ") and entry.msgstr):
                flush()
        if line.startswith("#:"):
            entry.references += line[2:].split()
        elif line.startswith("#."):
            entry.comments.append(line[2:].strip())
        elif line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            key, entry.msgctxt = "msgctxt", _unquote(line[8:])
        elif line.startswith("msgid_plural "):
            key, entry.msgid_plural = "msgid_plural", _unquote(line[13:])
        elif line.startswith("msgid "):
            key, entry.msgid = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            key = index
            entry.msgstr[index] = _unquote(line[line.index("]") + 1 :])
        elif line.startswith("msgstr "):
            key = 0
            entry.msgstr[0] = _unquote(line[7:])
        elif line.startswith('"'):
            if key == "msgctxt":
                entry.msgctxt += _unquote(line)
            elif key == "msgid_plural":
                entry.msgid_plural += _unquote(line)
            elif key == "msgid":
                entry.msgid += _unquote(line)
            elif isinstance(key, int):
                entry.msgstr[key] += _unquote(line)
    flush()
    return [e for e in entries if e.msgid]


def header(text):
    """The header entry's fields (msgid "")."""
    match = re.search(r'^msgid ""\nmsgstr ""\n((?:".*"\n)+)', text, re.M)
    fields = {}
    for line in "".join(_unquote(x) for x in match.group(1).splitlines()).splitlines() if match else []:
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields
