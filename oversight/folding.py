"""Accent- and case-folded text, the same in Python and in SQL, for searches an index can serve."""

import unicodedata

from django.db.models import Func, TextField
from django.db.models.functions import Lower

# Created by intake migration 0008: unaccent() is only STABLE (its dictionary could change), so an
# index cannot use it directly; this wrapper names the dictionary and is declared IMMUTABLE. The same
# migration makes complaint_filer_name_trgm on oversight_unaccent(lower(contact_name)): Folded() must write
# the expression exactly so, or the planner will not use the index.
FOLD_FUNCTION = "oversight_unaccent"


class Folded(Func):
    """oversight_unaccent(lower(expr)): what the trigram indexes hold."""

    function = FOLD_FUNCTION
    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(Lower(expression), **extra)


def fold(text):
    """Lower case without accents: "García" -> "garcia"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
