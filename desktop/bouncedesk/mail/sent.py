"""Find a message the user sent, by Message-ID, in the account's Sent folder (for a retry).

`SentFolderFetcher` implements `bouncedesk.act.resend.OriginalFetcher`.
"""

from __future__ import annotations

from collections.abc import Callable
from email.parser import BytesHeaderParser
from email.policy import compat32

from bouncedesk.clock import wall_clock
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.endpoint import Credentials
from bouncedesk.mail.imap import ImapSession, connect

AccountLookup = Callable[[str], tuple[Account, Credentials]]


def _normalize_id(message_id: str) -> str:
    mid = message_id.strip()
    if mid and not mid.startswith("<"):
        mid = f"<{mid}>"
    return mid


def sent_folder_of(session: ImapSession, account: Account) -> str | None:
    """The account's chosen Sent folder if it exists, else the one the server flags \\Sent."""
    if account.sent_folder and session.folder_exists(account.sent_folder):
        return account.sent_folder
    return session.find_sent_folder()


def find_sent_message(session: ImapSession, folder: str, message_id: str) -> bytes | None:
    """The newest message in `folder` whose Message-ID is exactly `message_id` (SEARCH is a substring match)."""
    mid = _normalize_id(message_id)
    if not mid:
        return None
    session.select(folder, readonly=True)
    for uid in reversed(session.search_header("Message-ID", mid)):
        data = session.fetch_bodies([uid]).get(uid)
        if data is None:
            continue
        header = BytesHeaderParser(policy=compat32).parsebytes(data.data).get("Message-ID", "")
        if str(header).strip().lower() == mid.lower():
            return data.data
    return None


class SentFolderFetcher:
    """Looks originals up on the IMAP server; one short connection per lookup."""

    def __init__(self, lookup: AccountLookup, clock: Callable[[], int] = wall_clock) -> None:
        self._lookup = lookup
        self._clock = clock

    def fetch_original(self, account_name: str, message_id: str) -> bytes | None:
        account, credentials = self._lookup(account_name)
        with connect(account.endpoint(), credentials, self._clock()) as session:
            folder = sent_folder_of(session, account)
            if folder is None:
                return None
            return find_sent_message(session, folder, message_id)
