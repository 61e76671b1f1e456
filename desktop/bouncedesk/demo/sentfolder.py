"""The demo shop's Sent folder: the messages it sent, as a maildir in the demo's data folder.

The demo has no IMAP server, yet a retry re-sends only our own copy of a message, never bytes
from a bounce. So the demo build writes here the shop's sent messages that a retry may need
(those its reports name, one file each, about 1 MB), and `DemoSentFolder` finds them by
Message-ID for the demo's actions, as `mail.sent.SentFolderFetcher` does on a real server. Any
mail program can open the folder.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from bouncedesk.demo.dsnparts import original_headers
from bouncedesk.demo.mailtext import crlf
from bouncedesk.demo.model import Sent
from bouncedesk.dsn.msgid import message_id_key

SENT_FOLDER = "demo-sent"  # beside the demo store
_SUFFIX = ".bouncedesk-demo:2,S"  # maildir: seen (the user's own sent mail)


def sent_folder_path(store_path: str | os.PathLike[str]) -> Path:
    """The demo's Sent folder for the store at `store_path` (a file in the demo's data folder)."""
    return Path(store_path).parent / SENT_FOLDER


def _file_name(message_id: str) -> str | None:
    key = message_id_key(message_id)
    if key is None:
        return None
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + _SUFFIX


def sent_copy(s: Sent) -> bytes:
    """The message as the shop sent it (the first send; its Sent-folder copy). The catalogue's
    24 MB attachment is a small stand-in here: the demo keeps a few MB, not gigabytes."""
    head = _without_received(original_headers(s))  # the client's copy: no server has handled it yet
    if not s.big:
        return crlf(head + "\n" + s.body)
    part = "----=_catalogue_part"
    body = (
        f"This is a multi-part message in MIME format.\n\n--{part}\nContent-Type: text/plain; charset=utf-8\n"
        f"Content-Transfer-Encoding: 8bit\n\n{s.body}\n--{part}\nContent-Type: text/plain; charset=utf-8;"
        f' name="catalogue.txt"\nContent-Disposition: attachment; filename="catalogue.txt"\n\n'
        f"(The demo keeps this small stand-in instead of the 24 MB catalogue.)\n--{part}--\n"
    )
    return crlf(head + "\n" + body)


def _without_received(head: str) -> str:
    out: list[str] = []
    dropping = False
    for line in head.splitlines(keepends=True):
        if not line[:1].isspace():
            dropping = line.lower().startswith("received:")
        if not dropping:
            out.append(line)
    return "".join(out)


def write_sent_folder(folder: str | os.PathLike[str], sent: Iterable[Sent]) -> int:
    """Write the shop's sent messages as a maildir (cur/, new/, tmp/); returns how many."""
    root = Path(folder)
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    n = 0
    for s in sent:
        name = _file_name(s.message_id)
        if name is None:
            continue
        (root / "cur" / name).write_bytes(sent_copy(s))
        n += 1
    return n


class DemoSentFolder:
    """`resend.OriginalFetcher` over the demo's Sent folder: the shop's own copy by Message-ID."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def fetch_original(self, account_name: str, message_id: str) -> bytes | None:
        name = _file_name(message_id)
        if name is None:
            return None
        try:
            data = (self.folder / "cur" / name).read_bytes()
        except OSError:
            return None
        return data if _message_id_of(data) == message_id_key(message_id) else None


def _message_id_of(data: bytes) -> str | None:
    """The Message-ID key of a stored message (its header only)."""
    from email.parser import BytesHeaderParser
    from email.policy import compat32

    head = data.split(b"\r\n\r\n", 1)[0]
    return message_id_key(str(BytesHeaderParser(policy=compat32).parsebytes(head).get("Message-ID") or ""))
