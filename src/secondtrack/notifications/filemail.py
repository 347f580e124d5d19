"""The embedded default's mail "server": each e-mail a file in the data folder's outbox/,
readable by the platform's own user only (0600, in a 0700 folder), with the single-use
secrets of links (invitations, Track One recipient links, calendar feeds) withheld, so
that a copy of the data folder or another account on the machine cannot use them. Send
real invitations through SMTP (EMAIL_HOST, docs/operators.md)."""

from __future__ import annotations

import os
import re

from django.core.mail.backends.filebased import EmailBackend as FileBackend

WITHHELD = "[link withheld from the outbox file: set EMAIL_HOST to send it]"
_SECRET_LINK = re.compile(
    r"https?://[^\s\"'<>]*/(?:invitation|t1|calendar)/[A-Za-z0-9_\-]{8,}[^\s\"'<>]*"
)


def withhold_links(text: str) -> str:
    return _SECRET_LINK.sub(WITHHELD, text)


class EmailBackend(FileBackend):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        os.makedirs(self.file_path, mode=0o700, exist_ok=True)
        os.chmod(self.file_path, 0o700)

    def open(self) -> bool:
        if self.stream is None:
            fd = os.open(self._get_filename(), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.fchmod(fd, 0o600)
            self.stream = os.fdopen(fd, "ab")
            return True
        return False

    def write_message(self, message) -> None:
        message.body = withhold_links(message.body or "")
        for i, (content, mimetype) in enumerate(getattr(message, "alternatives", []) or []):
            if isinstance(content, str):
                message.alternatives[i] = type(message.alternatives[i])(
                    withhold_links(content), mimetype
                )
        super().write_message(message)
