"""Active content in a PDF: what a viewer could run or open by itself (issue 13.7, README "Uploads").

Read with qpdf (through pikepdf), as a viewer reads the file: names written with #xx escapes are
decoded, objects packed in compressed object streams are unpacked, incremental updates are
followed and a damaged cross-reference table is rebuilt. A byte scan sees none of that, and in
compressed data short names such as /JS turn up by chance; so every object is walked instead.

A PDF with active content is refused, not disarmed: removing the parts would change the file
whose SHA-256 is recorded on receipt (R2.5), so the Office would keep something other than what
was sent. A refused filer loses nothing (the form keeps everything else) and is told how to make
a safe copy. A PDF that cannot be read (damaged past repair, or locked with a password) cannot be
checked and is refused too.
"""

import pikepdf

# Keys that hold scripts, automatic actions, attached files, rich media or XML forms.
ACTIVE_KEYS = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/RichMediaContent",
        "/XFA",
        "/SubmitForm",
        "/ImportData",
    }
)
# The same as values: an action's type (/S), an object's /Type or /Subtype.
ACTIVE_NAMES = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute", "/EmbeddedFile", "/RichMedia"}
)
TYPE_KEYS = ("/S", "/Type", "/Subtype")
# Deeper nesting of direct objects than any real file has is refused rather than walked.
MAX_DEPTH = 64


class PdfUnreadable(Exception):
    """The PDF could not be opened or walked, so it could not be checked."""


def pdf_active_content(source):
    """The kinds of active content found in a PDF (sorted names, empty for a clean file).

    source is a path or a seekable binary file. Raises PdfUnreadable when it cannot be checked."""
    try:
        with pikepdf.open(source) as pdf:
            found = set()
            _walk(pdf.trailer, found, 0)
            for obj in pdf.objects:
                _walk(obj, found, 0, top=True)
            return sorted(found)
    except (pikepdf.PdfError, pikepdf.PasswordError, RecursionError, ValueError) as exc:
        raise PdfUnreadable(str(exc)) from exc


def _walk(obj, found, depth, *, top=False):
    if depth > MAX_DEPTH:
        raise PdfUnreadable("objects nested too deeply")
    if not top and getattr(obj, "is_indirect", False):
        return  # visited on its own, as one of pdf.objects
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Dictionary):
        _check_dictionary(obj, found)
        for key in obj.keys():
            _walk(obj.get(key), found, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            _walk(item, found, depth + 1)


def _check_dictionary(dictionary, found):
    for key in dictionary.keys():
        if key in ACTIVE_KEYS:
            found.add(key)
    for key in TYPE_KEYS:
        value = dictionary.get(key)
        if isinstance(value, pikepdf.Name) and str(value) in ACTIVE_NAMES:
            found.add(str(value))
    # Opening at a page (a destination, or a GoTo action) is harmless; any other action on open is not.
    action = dictionary.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") != pikepdf.Name.GoTo:
        found.add("/OpenAction")
