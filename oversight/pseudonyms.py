"""Names replaced by pseudonyms in anything published about people (R4.5, R5.1): "Employee A" for a
Covered Employee, "Community Member A" for anyone else, the same letter for the same person
throughout ONE report, and a different letter for each person.

Pure: it knows nothing of the models. A caller adds each person with a stable key (an employee's
pk, a complaint's pk, a line of text) and the names they may appear under; ``redact`` replaces them,
``leaks`` says which remain. Make one map per report and keep it for the whole report.
"""

import re
from string import ascii_uppercase

from django.utils.translation import gettext as _

EMPLOYEE = "employee"
COMMUNITY_MEMBER = "community_member"

# Tokens shorter than this (initials, "Jr") are not names we can match without false hits.
MIN_TOKEN = 2


def letters(index):
    """0 -> "A", 25 -> "Z", 26 -> "AA": a letter for every person, however many."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = ascii_uppercase[rest] + out
    return out


def pseudonym_label(kind, letter):
    """ "Employee A" or "Community Member A" in the active language."""
    label = _("Employee %(letter)s") if kind == EMPLOYEE else _("Community Member %(letter)s")
    return label % {"letter": letter}


def _tokens(*names):
    found = []
    for name in names:
        name = " ".join((name or "").split())
        if len(name) < MIN_TOKEN:
            continue
        found.append(name)
        found.extend(t for t in re.split(r"[\s,]+", name) if len(t.strip(".")) >= MIN_TOKEN)
    return found


class PseudonymMap:
    """Gives each person a pseudonym once and replaces every known name of theirs in a text."""

    def __init__(self, *, ambiguous=None):
        self._people = {}  # (kind, key) -> {"pseudonym": str, "names": [str]}
        self._counts = {EMPLOYEE: 0, COMMUNITY_MEMBER: 0}
        self._ambiguous = ambiguous
        self._pattern = None

    def _add(self, kind, key, names):
        person = self._people.get((kind, key))
        if person is None:
            letter = letters(self._counts[kind])
            self._counts[kind] += 1
            person = {"pseudonym": pseudonym_label(kind, letter), "letter": letter, "names": []}
            self._people[(kind, key)] = person
        for token in _tokens(*names):
            if token.casefold() not in {n.casefold() for n in person["names"]}:
                person["names"].append(token)
        self._pattern = None
        return person["pseudonym"]

    def employee(self, key, *names):
        """The Covered Employee's pseudonym ("Employee A"), given their names (full, first, last)."""
        return self._add(EMPLOYEE, key, names)

    def community_member(self, key, *names):
        """A community member's pseudonym ("Community Member A"), given the names they appear under."""
        return self._add(COMMUNITY_MEMBER, key, names)

    def pseudonym(self, kind, key):
        return self._people[(kind, key)]["pseudonym"]

    def letter(self, kind, key):
        """The person's letter ("A"): what a snapshot stores, so each reader sees the pseudonym in their
        own language (``pseudonym_label``)."""
        return self._people[(kind, key)]["letter"]

    def people(self):
        """[(kind, key, pseudonym)] in the order they were added."""
        return [(kind, key, person["pseudonym"]) for (kind, key), person in self._people.items()]

    def _replacements(self):
        """name (casefolded) -> replacement; a name two people share becomes the neutral label."""
        owners = {}
        for person in self._people.values():
            for name in person["names"]:
                owners.setdefault(name.casefold(), set()).add(person["pseudonym"])
        neutral = self._ambiguous or _("[name withheld]")
        return {name: (next(iter(p)) if len(p) == 1 else neutral) for name, p in owners.items()}

    def _compiled(self):
        if self._pattern is None:
            table = self._replacements()
            # Longest first, so "Jane Doe" is replaced whole before "Jane" or "Doe" could be.
            names = sorted(table, key=len, reverse=True)
            alternatives = "|".join(r"\s+".join(re.escape(part) for part in name.split()) for name in names)
            regex = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if names else None
            self._pattern = (regex, table)
        return self._pattern

    def redact(self, text):
        """The text with every known name of every mapped person replaced by their pseudonym."""
        regex, table = self._compiled()
        if not text or regex is None:
            return text or ""
        return regex.sub(lambda m: table[" ".join(m.group(0).split()).casefold()], text)

    def leaks(self, text):
        """The known names still in the text (as written there), each once, in order of appearance."""
        regex, _table = self._compiled()
        if not text or regex is None:
            return []
        seen, found = set(), []
        for match in regex.finditer(text):
            key = match.group(0).casefold()
            if key not in seen:
                seen.add(key)
                found.append(match.group(0))
        return found
