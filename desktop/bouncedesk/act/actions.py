"""Acting on recipients: the one API both the CLI and the GUI call.

retry_now, mark_resent, suppress, unsuppress, pause, resume, set_contact, contact, undo and
run_due. Each takes `now` (UTC epoch seconds), writes an event row (who, what, why, when) and
returns an `Outcome` whose `message` is one line for a status bar or a terminal. Expected
faults raise our errors (InputError, MailError, AuthError, SecretStoreError) after whatever
happened has been recorded.

`Actions` is put together by subject: sending retries (and why one is never sent twice) is
`act.retries`, reaching a recipient another way is `act.contact`; the state actions, the mail
transport both share and undo are here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from bouncedesk import store
from bouncedesk.act.contact import Contacting
from bouncedesk.act.outcome import USER, Outcome
from bouncedesk.act.resend import OriginalFetcher
from bouncedesk.act.retries import COUNTED, SENT, UNDONE, RetrySending
from bouncedesk.act.review import untrust_result
from bouncedesk.errors import InputError
from bouncedesk.mail.secrets import SecretStore
from bouncedesk.mail.smtp import NoAuth, PasswordAuth, SmtpAuth, SmtpSettings

# Event verbs `undo` can reverse (policy events and failures are not user actions; a recovery by a
# reply or a delivery report is, so a wrong one can be taken back).
UNDOABLE = ("suppress", "unsuppress", "pause", "resume", "retry-sent", "contact", "trust", "recovered")

_SECURITY_FROM_STORE = {"ssl": "tls", "starttls": "starttls", "none": "plain"}
# Settings keys for a self-hosted SMTP server's trust (the accounts table has no columns for them).
SMTP_PIN_KEY = "smtp.tls_fingerprint.{id}"
SMTP_CA_KEY = "smtp.ca_file.{id}"


class Actions(RetrySending, Contacting):
    """The actions on one store. `secrets` is opened only when something is sent.

    `fetcher` finds originals in the Sent folder (see poller.sent_folder_fetcher); without one,
    only originals returned whole inside the bounce can be re-sent.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        secrets: SecretStore | Callable[[], SecretStore] | None = None,
        fetcher: OriginalFetcher | None = None,
        data_dir: str | None = None,
    ) -> None:
        self.conn = conn
        self.fetcher = fetcher
        self._secrets = secrets
        self._data_dir = data_dir

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Actions:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- state changes -------------------------------------------------------------------------

    def suppress(self, address: str, now: int, *, who: str = USER, why: str = "") -> Outcome:
        """Never send to this address again (creates the recipient if it never bounced)."""
        return self._user_action(address, "suppress", now, who, why, create=True)

    def unsuppress(self, address: str, now: int, *, who: str = USER, why: str = "") -> Outcome:
        return self._user_action(address, "unsuppress", now, who, why)

    def pause(self, address: str, now: int, *, who: str = USER, why: str = "") -> Outcome:
        """No retries and not sent to, until resumed; the state underneath is kept."""
        return self._user_action(address, "pause", now, who, why)

    def resume(self, address: str, now: int, *, who: str = USER, why: str = "") -> Outcome:
        return self._user_action(address, "resume", now, who, why)

    def _user_action(self, address: str, action: str, now: int, who: str, why: str, create: bool = False) -> Outcome:
        before = store.get_recipient(self.conn, address)
        rec, _t, event_id = store.apply_user_action(
            self.conn, address, action, now, actor=who, why=why or f"{action} by {who}", create=create
        )
        was = before.state if before else "new"
        return Outcome(rec.email, action, rec.state, f"{rec.email}: {was} → {rec.state}", event_id)

    # --- mail accounts -------------------------------------------------------------------------

    def smtp_settings(self, acc: store.Account) -> tuple[SmtpSettings, str]:
        security = _SECURITY_FROM_STORE.get(acc.smtp_security or "") or ("starttls" if acc.smtp_port == 587 else "tls")
        username = acc.smtp_username or acc.username or None
        sender = acc.address or (username if username and "@" in username else None)
        if not sender:
            raise InputError(f"account {acc.name!r} has no e-mail address to send from; set its address")
        settings = SmtpSettings(
            host=acc.smtp_host or "",
            port=acc.smtp_port,
            security=security,
            username=username,
            ca_file=store.get_setting(self.conn, SMTP_CA_KEY.format(id=acc.id)),
            fingerprint=store.get_setting(self.conn, SMTP_PIN_KEY.format(id=acc.id)),
        )
        return settings, sender

    def smtp_auth(self, acc: store.Account, settings: SmtpSettings) -> SmtpAuth:
        """Password from the keyring, or XOAUTH2 with the account's sign-in (Google, Microsoft)."""
        if acc.auth_method != "password":
            from bouncedesk.accounts.signin import smtp_auth_for

            return smtp_auth_for(self.conn, self.secrets(), acc.name, settings.username or acc.username)
        if not settings.username:
            return NoAuth()
        return PasswordAuth(settings.username, self.secrets().require(acc.name))

    def secrets(self) -> SecretStore:
        if isinstance(self._secrets, SecretStore):
            return self._secrets
        if callable(self._secrets):
            self._secrets = self._secrets()
            return self._secrets
        from bouncedesk.accounts.registry import open_secrets
        from bouncedesk.config import data_dir

        self._secrets = open_secrets(self.conn, data_dir(self._data_dir))
        return self._secrets

    # --- undo ----------------------------------------------------------------------------------

    def undo(self, address: str, now: int, *, who: str = USER, only: tuple[str, ...] | None = None) -> Outcome:
        """Reverse the recipient's last action (through the event log); repeat to go further back.

        Refused when the recipient changed since (a new bounce, say): putting back the old state
        would overwrite newer news. A re-sent message or a sent notice cannot be recalled; undo
        then restores the schedule or withdraws the record, and says so. `only` narrows it to these
        verbs (the detail pane's "Undo recovery" takes back a recovery, nothing else).
        """
        rec = store.require_recipient(self.conn, address)
        ev = store.last_user_event(self.conn, rec.id, actions=tuple(a for a in UNDOABLE if not only or a in only))
        if ev is None:
            raise InputError(f"nothing to undo for {rec.email}")
        if ev.before is None:
            raise InputError(f"the {ev.action} of {store.iso(ev.at)} on {rec.email} cannot be undone (no saved state)")
        if ev.after is not None and rec.policy != ev.after:
            raise InputError(
                f"{rec.email} changed since the {ev.action} of {store.iso(ev.at)} (it is now {rec.state}); "
                "undo would overwrite that — act on it directly instead"
            )
        note = ""
        with store.transaction(self.conn):
            if ev.action == "retry-sent":
                row = self.conn.execute(
                    "SELECT id, status FROM retry_attempts WHERE recipient_id = ? AND status IN (?, ?)"
                    " ORDER BY coalesce(sent_at, updated_at) DESC, id DESC LIMIT 1",
                    (rec.id, *COUNTED),
                ).fetchone()
                if row is not None:
                    # Free the key: the next retry reuses the attempt number, under a new Resent-Message-ID.
                    self.conn.execute(
                        "UPDATE retry_attempts SET status = ?, idempotency_key = idempotency_key || ':undone:' || id,"
                        " updated_at = ? WHERE id = ?",
                        (UNDONE, now, row[0]),
                    )
                    if row[1] == SENT:
                        note = " (the re-sent message itself cannot be recalled)"
            elif ev.action == "trust" and ev.result_id is not None:
                untrust_result(self.conn, ev.result_id)  # it waits for review again
            elif ev.action == "contact":
                row = self.conn.execute(
                    "SELECT id, channel FROM contact_attempts WHERE recipient_id = ? AND status != ?"
                    " ORDER BY at DESC, id DESC LIMIT 1",
                    (rec.id, UNDONE),
                ).fetchone()
                if row is not None:
                    self.conn.execute("UPDATE contact_attempts SET status = ? WHERE id = ?", (UNDONE, row[0]))
                    if row[1] == "smtp":
                        note = " (the notice itself was sent and cannot be recalled)"
            event_id = store.restore_state(
                self.conn, rec.id, ev.before, now, actor=who, undoes=ev.id,
                why=f"undo {ev.action} of {store.iso(ev.at)}{note}",
            )  # fmt: skip
        after = store.require_recipient(self.conn, rec.id)
        return Outcome(rec.email, "undo", after.state, f"{rec.email}: undid {ev.action}, {rec.state} → {after.state}{note}",
                       event_id)


def open_actions(data_dir: str | None = None, *, with_sent_folder: bool = True) -> Actions:
    """Actions on the user's store, with the keyring and (if wanted) the Sent-folder fetcher."""
    from bouncedesk.config import data_dir as resolve_data_dir

    conn = store.open_store(data_dir)
    actions = Actions(conn, data_dir=data_dir)
    if with_sent_folder:
        from bouncedesk.intake.poller import sent_folder_fetcher

        def fetch(account_name: str, message_id: str) -> bytes | None:
            return sent_folder_fetcher(resolve_data_dir(data_dir), actions.secrets()).fetch_original(
                account_name, message_id
            )

        actions.fetcher = _CallableFetcher(fetch)
    return actions


@dataclass(frozen=True, slots=True)
class _CallableFetcher:
    """Builds the IMAP fetcher only when an original is really needed (opening the keyring)."""

    fn: Callable[[str, str], bytes | None]

    def fetch_original(self, account_name: str, message_id: str) -> bytes | None:
        return self.fn(account_name, message_id)
