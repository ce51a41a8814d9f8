"""The outside world for the fault tests: a mail server that keeps every message it accepts as a
file, and that can hang once, before or after accepting a message, so a test can kill the worker
mid-send. Configured by the environment of the worker process:

FAULT_MAIL_DIR            where accepted messages are written (one .eml file each)
FAULT_MAIL_HANG_TO        hang on the first message to this address ...
FAULT_MAIL_HANG_WHEN      ... "before" accepting it or "after" (the worst case: sent, not yet marked)
"""

import os
import threading
import uuid
from email import message_from_bytes
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

HUNG_MARKER = "hung"  # written by the worker just before it hangs, with the message's Message-ID


class FaultMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["FAULT_MAIL_DIR"])
        for message in email_messages:
            hang = self._hangs_on(folder, message)
            if hang == "before":
                _hang_forever(folder, message)
            data = message.message().as_bytes()
            name = uuid.uuid4().hex
            (folder / f"{name}.tmp").write_bytes(data)
            (folder / f"{name}.tmp").rename(folder / f"{name}.eml")  # whole or not at all
            if hang == "after":
                _hang_forever(folder, message)
        return len(email_messages)

    @staticmethod
    def _hangs_on(folder, message):
        if os.environ.get("FAULT_MAIL_HANG_TO") not in message.to:
            return None
        try:  # only once, whichever worker gets there first
            os.close(os.open(folder / "hang-chosen", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return None
        return os.environ.get("FAULT_MAIL_HANG_WHEN", "after")


def _hang_forever(folder, message):
    # A mail server that stopped answering; the test kills this worker while it waits here.
    (folder / "hung.tmp").write_text(message.extra_headers.get("Message-ID", ""))
    (folder / "hung.tmp").rename(folder / HUNG_MARKER)
    threading.Event().wait()


def accepted_message_ids(folder):
    """Message-ID of every message the fake server accepted, one entry per copy."""
    return [message_from_bytes(path.read_bytes())["Message-ID"] for path in sorted(Path(folder).glob("*.eml"))]
