"""Where reading an IMAP folder stands: the mailbox's UIDVALIDITY and the last UID read.

Shared by the bounce sync (`mail.sync`) and the Sent-folder reader (`mail.sentcount`); the store
keeps its own row type for it (`store.accounts.FolderState`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    last_uid: int
