"""The filer's private access code (R1.4): random, shown once, kept only as a keyed hash.

The public form carries the code signed together with its submission key, so a retried or
double-clicked submission shows the same code again without the server ever storing it.
"""

import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

# No 0/O, 1/I/L: the code is read aloud on the phone and copied from paper.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_SALT = "intake.access_code"
_FORM_SALT = "intake.access_token"
SESSION_KEY = "filer_complaint_id"


def access_code_new():
    """12 random characters (about 59 bits) in three groups of four."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalize(code):
    cleaned = "".join(ch for ch in str(code).upper() if ch.isalnum())
    return f"{cleaned[:4]}-{cleaned[4:8]}-{cleaned[8:12]}" if len(cleaned) == 12 else cleaned


def access_code_hash(code):
    # A keyed hash is enough: the code is random and long, and the key is not in the database.
    return salted_hmac(_SALT, normalize(code), algorithm="sha256").hexdigest()


def access_code_matches(complaint, code):
    return bool(complaint.access_code_hash) and constant_time_compare(
        complaint.access_code_hash, access_code_hash(code)
    )


def access_token_sign(submission_key, code):
    return signing.dumps({"k": str(submission_key), "c": code}, salt=_FORM_SALT)


def access_token_code(token, submission_key):
    """The code a form carried for this submission key, or None if the token is missing or forged."""
    try:
        data = signing.loads(token, salt=_FORM_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        return None
    return data.get("c") if data.get("k") == str(submission_key) else None


def session_unlock(request, complaint):
    """Remembers in the session which one complaint this visitor may follow."""
    if request.session.session_key is not None:
        # Against session fixation: a session that already had a key gets a new one. A visitor
        # with none gets a fresh key when the session is first saved, with one insert.
        request.session.cycle_key()
    request.session[SESSION_KEY] = complaint.pk


def session_complaint_id(request):
    return request.session.get(SESSION_KEY)


def session_lock(request):
    request.session.pop(SESSION_KEY, None)
