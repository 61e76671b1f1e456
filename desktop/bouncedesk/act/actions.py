"""Acting on recipients: the one API both the CLI and the GUI call.

retry_now, mark_resent, suppress, unsuppress, pause, resume, set_contact, contact, undo and
run_due. Each takes `now` (UTC epoch seconds), writes an event row (who, what, why, when) and
returns an `Outcome` whose `message` is one line for a status bar or a terminal. Expected
faults raise our errors (InputError, MailError, AuthError, SecretStoreError) after whatever
happened has been recorded.

Sending a retry, and why it never sends twice
---------------------------------------------
An attempt is a `retry_attempts` row keyed by (recipient, attempt number, original
Message-ID); the number counts the re-sends of that original that went out. The row is
claimed in its own committed transaction before any network work ('preparing'), set to
'sending' (committed) right before SMTP, then 'sent' or 'failed' (with the error). A second
process computing the same key finds the row and does not send.

Conservative rule for interrupted sends: a 'sending' row whose process died (older than
STALE_AFTER), or a send whose connection broke after the message was handed over, becomes
'unknown' and is NEVER re-sent automatically: the user checks (e.g. the Sent folder or the
recipient) and either marks it re-sent (`mark_resent`) or sends again on purpose
(`retry_now(..., force=True)`). A 'preparing' row left behind is 'failed' (nothing was sent)
and may be claimed again. A failed send leaves the recipient due; `run_due` tries it again
after FAILED_BACKOFF, the user at any time.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes

from bouncedesk import store
from bouncedesk.act.notice import LANGUAGES, mailto_url, notice_message, render_notice
from bouncedesk.act.resend import OriginalFetcher, attempt_key, build_resent, find_original, resent_message_id
from bouncedesk.act.review import untrust_result
from bouncedesk.dsn.sentmail import SentHeader
from bouncedesk.errors import AuthError, BounceDeskError, InputError, MailError, SecretStoreError
from bouncedesk.mail.secrets import SecretStore
from bouncedesk.mail.smtp import NoAuth, PasswordAuth, SendError, SmtpAuth, SmtpSettings, send_message
from bouncedesk.policy import machine
from bouncedesk.store.sent import SOURCE_BOUNCEDESK, add_sent_messages

log = logging.getLogger(__name__)

USER = "user"
SCHEDULER = "scheduler"

# retry_attempts.status
PREPARING = "preparing"  # claimed; looking for the original, nothing sent yet
SENDING = "sending"  # handed to SMTP from here on
SENT = "sent"
MANUAL = "manual"  # the user re-sent it by hand (or confirmed an 'unknown' one went out)
FAILED = "failed"  # not sent; the error is recorded; may be claimed again
UNAVAILABLE = "unavailable"  # no original to send; may be claimed again (or marked re-sent by hand)
UNKNOWN = "unknown"  # may or may not have gone out: only the user decides what next
UNDONE = "undone"  # a sent attempt whose retry the user undid (the mail itself cannot be recalled)
COUNTED = (SENT, MANUAL)
RECLAIMABLE = (FAILED, UNAVAILABLE)

STALE_AFTER = 15 * 60  # a claim this old belongs to a process that died
FAILED_BACKOFF = 60 * 60  # run_due waits this long after a failed or unavailable attempt

# Event verbs `undo` can reverse (policy events and failures are not user actions; a recovery by a
# reply or a delivery report is, so a wrong one can be taken back).
UNDOABLE = ("suppress", "unsuppress", "pause", "resume", "retry-sent", "contact", "trust", "recovered")
CONTACT_CHANNELS = ("mailto", "smtp")

_SECURITY_FROM_STORE = {"ssl": "tls", "starttls": "starttls", "none": "plain"}
# Settings keys for a self-hosted SMTP server's trust (the accounts table has no columns for them).
SMTP_PIN_KEY = "smtp.tls_fingerprint.{id}"
SMTP_CA_KEY = "smtp.ca_file.{id}"


class OriginalUnavailableError(InputError):
    """Neither the bounce nor the Sent folder holds the original; the user may re-send by hand."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an action did, for the CLI and the GUI."""

    address: str
    action: str
    state: str  # the recipient's state afterwards
    message: str  # one line
    event_id: int | None = None
    attempt_id: int | None = None
    queue_id: str | None = None  # the SMTP server's id for a re-sent message or notice
    mailto: str | None = None  # contact via the user's mail client


@dataclass(frozen=True, slots=True)
class Attempt:
    """One row of retry_attempts."""

    id: int
    recipient_id: int
    attempt: int
    key: str
    status: str
    error: str
    smtp_reply: str
    orig_message_id: str | None
    account_id: int | None
    created_at: int
    updated_at: int
    sent_at: int | None


@dataclass(frozen=True, slots=True)
class DueItem:
    """One due retry as the user previews it: who, which message, since when."""

    email: str
    subject: str
    bounce_at: int | None
    attempt: int
    max_attempts: int
    status: str
    reason: str


@dataclass
class RunDueReport:
    due: int = 0
    sent: int = 0
    failed: int = 0
    unavailable: int = 0
    skipped: int = 0  # waiting after a failure, undecided ('unknown'), or its account failed this run
    settled: int = 0  # retried recipients with no new bounce, back to active
    interrupted: int = 0  # stale claims resolved (see the module docstring)
    deferred: int = 0  # left for a later run by --max
    dry_run: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "address: why", one per line
    planned: list[DueItem] = field(default_factory=list)  # dry run: what would be sent

    @property
    def summary(self) -> str:
        if self.dry_run:
            return f"due {self.due}: would send {len(self.planned)}, skip {self.skipped}, leave {self.deferred} for later"
        text = (
            f"due {self.due}, sent {self.sent}, failed {self.failed}, original unavailable {self.unavailable}, "
            f"skipped {self.skipped}, back to active {self.settled}"
        )
        return text + (f", left for later {self.deferred}" if self.deferred else "")

    def grouped_problems(self) -> list[str]:
        """The problems with the same cause on one line each ("3 recipients: no account ..."), so a
        missing SMTP account is said once, not once per recipient."""
        by_why: dict[str, list[str]] = {}
        for p in self.problems:
            address, sep, why = p.partition(": ")
            key = why.removeprefix(f"{address}: ") if sep else p
            by_why.setdefault(key, []).append(address if sep else "")
        lines = []
        for why, addresses in by_why.items():
            if len(addresses) == 1:
                lines.append(f"{addresses[0]}: {why}" if addresses[0] else why)
            else:
                shown = ", ".join(addresses[:3]) + (f" and {len(addresses) - 3} more" if len(addresses) > 3 else "")
                lines.append(f"{len(addresses)} recipients ({shown}): {why}")
        return lines


@dataclass(frozen=True, slots=True)
class _Source:
    """The bounce a retry answers, and the message we sent that it is about (None: not known)."""

    result_id: int
    message_pk: int
    orig_message_id: str | None  # our sent message's Message-ID key when known, else what the bounce named
    account_id: int | None
    sent_id: int | None = None  # sent_messages row of our own copy, when it went to this recipient
    subject: str = ""
    bounce_at: int | None = None


_ATTEMPT_SQL = (
    "SELECT id, recipient_id, attempt, idempotency_key, status, error, smtp_reply, orig_message_id, account_id,"
    " created_at, updated_at, sent_at FROM retry_attempts"
)


def _attempt(row: sqlite3.Row | tuple) -> Attempt:
    return Attempt(*row)


class Actions:
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

    # --- retries -------------------------------------------------------------------------------

    def retry_now(self, address: str, now: int, *, who: str = USER, force: bool = False) -> Outcome:
        """Re-send the bounced original to the recipient now, with Resent-* fields.

        `force` also re-sends an attempt whose outcome is unknown (it may have gone out).
        Raises OriginalUnavailableError, MailError/AuthError, SecretStoreError or InputError,
        each after recording the attempt; the recipient then stays due.
        """
        self.expire_stale(now)
        return self._retry(address, now, who, force, blocked=None)

    def mark_resent(self, address: str, now: int, *, who: str = USER, why: str = "") -> Outcome:
        """The user re-sent the message by hand (or confirms an 'unknown' attempt went out)."""
        self.expire_stale(now)
        rec = store.require_recipient(self.conn, address)
        settings = store.load_policy_settings(self.conn)
        machine.apply_retry_sent(rec.policy, now, settings)  # InputError for paused/suppressed, before any write
        src = self._source(rec.id)
        orig_mid = src.orig_message_id if src else None
        with store.transaction(self.conn):
            number = self._next_number(rec.id, orig_mid)
            key = attempt_key(rec.email, number, orig_mid)
            row = self._by_key(key)
            if row is not None and row.status in (PREPARING, SENDING):
                raise InputError(f"a retry to {rec.email} is being sent right now; wait for it to finish")
            attempt_id = self._insert_attempt(rec, number, key, src, MANUAL, now) if row is None else row.id
            self.conn.execute(
                "UPDATE retry_attempts SET status = ?, sent_at = ?, updated_at = ?, error = ? WHERE id = ?",
                (MANUAL, now, now, "", attempt_id),
            )
            after, _t, event_id = store.record_retry_sent(
                self.conn, rec.id, now, actor=who, settings=settings,
                why=why or f"attempt {number} marked as re-sent by hand",
            )  # fmt: skip
        return Outcome(rec.email, "retry-sent", after.state, f"{rec.email}: attempt {number} counted as re-sent by hand",
                       event_id, attempt_id)

    def due_preview(self, now: int) -> list[DueItem]:
        """The retries that are due now, with the message each re-sends: what the user sees before
        any of them go out (the GUI asks; `run-due --dry-run` prints it)."""
        return [self._due_item(p) for p in store.pending_retries(self.conn, now, due_only=True)]

    def _due_item(self, p) -> DueItem:
        src = self._source(p.recipient_id)
        return DueItem(p.email, src.subject if src else "", src.bounce_at if src else None, p.attempt,
                       p.max_attempts, p.status, p.reason)  # fmt: skip

    def run_due(self, now: int, *, who: str = SCHEDULER, dry_run: bool = False,
                max_sends: int | None = None) -> RunDueReport:  # fmt: skip
        """Every due retry, once: for a scheduler or the GUI. Never raises for one recipient.

        `dry_run` writes nothing and lists what would be sent; `max_sends` stops after that many
        send attempts and leaves the rest for a later run.
        """
        if max_sends is not None and max_sends < 0:
            raise InputError("--max must be 0 or more")
        report = RunDueReport(dry_run=dry_run)
        if not dry_run:
            report.interrupted = self.expire_stale(now)
            report.settled = store.settle_due(self.conn, now)
        blocked: dict[int, str] = {}  # account id → why it failed this run (no point hammering it)
        tried = 0
        for p in store.pending_retries(self.conn, now, due_only=True):
            report.due += 1
            last = self._latest_attempt(p.recipient_id)
            if last is not None and last.status == UNKNOWN:
                report.skipped += 1
                report.problems.append(f"{p.email}: {last.error} (decide: retry --force or mark-resent)")
                continue
            if last is not None and last.status in RECLAIMABLE and now - last.updated_at < FAILED_BACKOFF:
                report.skipped += 1
                continue
            if max_sends is not None and tried >= max_sends:
                report.deferred += 1
                continue
            tried += 1
            if dry_run:
                report.planned.append(self._due_item(p))
                continue
            try:
                report.outcomes.append(self._retry(p.email, now, who, False, blocked))
                report.sent += 1
            except _Blocked as exc:
                report.skipped += 1
                report.problems.append(f"{p.email}: not tried, {exc}")
            except OriginalUnavailableError as exc:
                report.unavailable += 1
                report.problems.append(f"{p.email}: {exc}")
            except BounceDeskError as exc:
                report.failed += 1
                report.problems.append(f"{p.email}: {exc}")
        if not dry_run:
            log.info("run-due: %s", report.summary)
        return report

    def attempts(self, address: str) -> list[Attempt]:
        """A recipient's retry attempts, newest first."""
        rec = store.require_recipient(self.conn, address)
        rows = self.conn.execute(_ATTEMPT_SQL + " WHERE recipient_id = ? ORDER BY id DESC", (rec.id,))
        return [_attempt(r) for r in rows]

    def expire_stale(self, now: int) -> int:
        """Resolve claims left by a process that died (see the module docstring); returns how many."""
        rows = self.conn.execute(
            _ATTEMPT_SQL + " WHERE status IN (?, ?) AND updated_at <= ?", (PREPARING, SENDING, now - STALE_AFTER)
        ).fetchall()
        for a in map(_attempt, rows):
            if a.status == PREPARING:
                self._finish(a.id, FAILED, now, "interrupted before sending (nothing was sent)", who=SCHEDULER,
                             action="retry-failed", only_if=PREPARING)
            else:
                self._finish(a.id, UNKNOWN, now, "interrupted while sending: it may or may not have gone out",
                             who=SCHEDULER, action="retry-unknown", only_if=SENDING)
        return len(rows)

    def _retry(self, address: str, now: int, who: str, force: bool, blocked: dict[int, str] | None) -> Outcome:
        rec = store.require_recipient(self.conn, address)
        settings = store.load_policy_settings(self.conn)
        machine.apply_retry_sent(rec.policy, now, settings)  # InputError for paused/suppressed, before any write
        src = self._source(rec.id)
        if src is None:
            raise InputError(f"{rec.email} has no bounced message to re-send")
        account = self._account_for(src, rec)
        if blocked is not None and account.id in blocked:
            raise _Blocked(blocked[account.id])
        smtp_settings, sender = self.smtp_settings(account)

        attempt_id, number, key = self._claim(rec, src, now, force)
        try:
            # Only our own copy is ever sent: the message we sent to this recipient, from our Sent
            # folder. Bytes inside a bounce are a stranger's and go nowhere.
            original = None
            if src.sent_id is not None:
                original = find_original(account.name, src.orig_message_id, self.fetcher)
            if original is None:
                if src.sent_id is None:
                    why = (f"original unavailable: no message you sent to {rec.email} is known for this bounce "
                           "(BounceDesk re-sends only your own copy from your Sent folder)")
                else:
                    why = ("original unavailable: " + ("the Sent folder no longer has it" if self.fetcher
                                                       else "no Sent folder to fetch it from"))  # fmt: skip
                why += "; send it yourself, then mark it re-sent"
                self._finish(attempt_id, UNAVAILABLE, now, why, who=who, action="retry-unavailable")
                raise OriginalUnavailableError(f"{rec.email}: {why}")
            resent_id = resent_message_id(key, sender, attempt_id)
            data = build_resent(original.data, resent_from=sender, resent_to=rec.email, now=now, message_id=resent_id)
            auth = self.smtp_auth(account, smtp_settings)
        except OriginalUnavailableError:
            raise
        except BounceDeskError as exc:
            self._finish(attempt_id, FAILED, now, str(exc), who=who, action="retry-failed")
            if blocked is not None and isinstance(exc, AuthError | SecretStoreError):
                blocked[account.id] = str(exc)
            raise
        except BaseException:
            self._finish(attempt_id, FAILED, now, "interrupted before sending (nothing was sent)", who=who,
                         action="retry-failed")
            raise

        with store.transaction(self.conn):
            self.conn.execute("UPDATE retry_attempts SET status = ?, updated_at = ? WHERE id = ?",
                              (SENDING, now, attempt_id))
        try:
            result = send_message(smtp_settings, auth, sender, [rec.email], data)
        except SendError as exc:
            if exc.maybe_delivered:
                self._finish(attempt_id, UNKNOWN, now, f"{exc} (it may have been delivered)", who=who,
                             action="retry-unknown")
            else:
                self._finish(attempt_id, FAILED, now, str(exc), who=who, action="retry-failed")
                if blocked is not None and exc.code is None:
                    blocked[account.id] = str(exc)
            raise
        except BounceDeskError as exc:  # AuthError, settings errors: raised before anything was sent
            self._finish(attempt_id, FAILED, now, str(exc), who=who, action="retry-failed")
            if blocked is not None:
                blocked[account.id] = str(exc)
            raise
        except BaseException as exc:  # unexpected: we cannot tell whether it went out
            self._finish(attempt_id, UNKNOWN, now, f"unexpected error while sending: {exc!r}", who=who,
                         action="retry-unknown")
            raise

        reply = f"{result.code} {result.reply}".strip()
        with store.transaction(self.conn):
            self.conn.execute(
                "UPDATE retry_attempts SET status = ?, smtp_reply = ?, error = '', sent_at = ?, updated_at = ?"
                " WHERE id = ?",
                (SENT, reply[:500], now, now, attempt_id),
            )
            self._record_sent(account.id, resent_id, now, src.subject, sender, rec.email)
            after, t, event_id = store.record_retry_sent(
                self.conn, rec.id, now, actor=who, settings=settings,
                why=f"attempt {number} re-sent (your copy from the Sent folder); server: {result.queue_id or reply[:80]}",
            )  # fmt: skip
        return Outcome(
            rec.email, "retry-sent", after.state,
            f"{rec.email}: re-sent (attempt {after.policy.attempts}/{settings.max_attempts}), "
            f"server queue id {result.queue_id or '-'}",
            event_id, attempt_id, result.queue_id,
        )  # fmt: skip

    def _claim(self, rec: store.Recipient, src: _Source, now: int, force: bool) -> tuple[int, int, str]:
        """Record the attempt as ours in a committed transaction, or refuse (never two senders)."""
        with store.transaction(self.conn):
            number = self._next_number(rec.id, src.orig_message_id)
            key = attempt_key(rec.email, number, src.orig_message_id)
            row = self._by_key(key)
            if row is None:
                return self._insert_attempt(rec, number, key, src, PREPARING, now), number, key
            if row.status in (PREPARING, SENDING):
                raise InputError(f"a retry to {rec.email} is being sent right now (since {store.iso(row.updated_at)})")
            if row.status == UNKNOWN and not force:
                raise InputError(
                    f"the last retry to {rec.email} may have gone out ({row.error}); check, then retry with "
                    "--force or mark it re-sent"
                )
            if row.status not in (*RECLAIMABLE, UNKNOWN):  # sent meanwhile by another process
                raise InputError(f"attempt {number} to {rec.email} was sent already")
            self.conn.execute(
                "UPDATE retry_attempts SET status = ?, error = '', updated_at = ?, result_id = ?, message_id = ?,"
                " account_id = ? WHERE id = ?",
                (PREPARING, now, src.result_id, src.message_pk, src.account_id, row.id),
            )
            return row.id, number, key

    def _insert_attempt(
        self, rec: store.Recipient, number: int, key: str, src: _Source | None, status: str, now: int
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO retry_attempts(recipient_id, attempt, idempotency_key, result_id, message_id,"
            " orig_message_id, account_id, status, due_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rec.id, number, key, src.result_id if src else None, src.message_pk if src else None,
             src.orig_message_id if src else None, src.account_id if src else None, status,
             rec.policy.next_retry_at, now, now),
        )  # fmt: skip
        return cur.lastrowid  # type: ignore[return-value]

    def _finish(
        self, attempt_id: int, status: str, now: int, error: str, *, who: str, action: str, only_if: str | None = None
    ) -> None:
        """Record how an attempt ended and log it; the recipient's state does not change."""
        with store.transaction(self.conn):
            sql = "UPDATE retry_attempts SET status = ?, error = ?, updated_at = ? WHERE id = ?"
            params: tuple = (status, error[:1000], now, attempt_id)
            if only_if:
                sql += " AND status = ?"
                params += (only_if,)
            if self.conn.execute(sql, params).rowcount == 0:
                return
            rid = self.conn.execute("SELECT recipient_id FROM retry_attempts WHERE id = ?", (attempt_id,)).fetchone()[0]
            rec = store.require_recipient(self.conn, rid)
            state = rec.policy
            store.log_event(self.conn, at=now, recipient_id=rid, actor=who, action=action, why=error[:1000],
                            before=state, after=state)
        log.info("Retry to %s not sent (%s): %s", rec.email, status, error[:200] or "no reason given")

    def _next_number(self, recipient_id: int, orig_mid: str | None) -> int:
        n = self.conn.execute(
            "SELECT count(*) FROM retry_attempts WHERE recipient_id = ? AND coalesce(orig_message_id, '') = ?"
            f" AND status IN ({','.join('?' * len(COUNTED))})",
            (recipient_id, orig_mid or "", *COUNTED),
        ).fetchone()[0]
        return n + 1

    def _by_key(self, key: str) -> Attempt | None:
        row = self.conn.execute(_ATTEMPT_SQL + " WHERE idempotency_key = ?", (key,)).fetchone()
        return _attempt(row) if row else None

    def _latest_attempt(self, recipient_id: int) -> Attempt | None:
        row = self.conn.execute(
            _ATTEMPT_SQL + " WHERE recipient_id = ? AND status != ? ORDER BY updated_at DESC, id DESC LIMIT 1",
            (recipient_id, UNDONE),
        ).fetchone()
        return _attempt(row) if row else None

    def _source(self, recipient_id: int) -> _Source | None:
        """The recipient's newest bounce that acted (results tied to a recipient are trusted ones), and
        our own sent message it names, if that message went to this recipient."""
        row = self.conn.execute(
            "SELECT r.id, r.message_id, m.orig_message_id, m.account_id, s.id, s.message_id, s.account_id, s.subject,"
            " r.at, m.orig_subject FROM results r JOIN messages m ON m.id = r.message_id"
            " JOIN recipients p ON p.id = r.recipient_id"
            " LEFT JOIN sent_messages s ON s.id = r.sent_id"
            " AND EXISTS (SELECT 1 FROM sent_recipients x WHERE x.sent_id = s.id AND x.email = p.email)"
            " WHERE r.recipient_id = ? AND r.kind = 'bounce' ORDER BY r.at DESC, r.id DESC LIMIT 1",
            (recipient_id,),
        ).fetchone()
        if row is None:
            return None
        rid, mpk, named, account, sent_id, sent_mid, sent_account, sent_subject, at, orig_subject = tuple(row)
        if sent_id is None:
            return _Source(rid, mpk, named, account, None, orig_subject or "", at)
        acc = account if account is not None else (sent_account or None)
        return _Source(rid, mpk, sent_mid, acc, sent_id, sent_subject or orig_subject or "", at)

    def _record_sent(self, account_id: int | None, message_id: str, now: int, subject: str, sender: str,
                     to: str) -> None:  # fmt: skip
        """What BounceDesk sends is our mail too: its bounces are verified like the Sent folder's."""
        header = SentHeader(message_id, now, subject, sender, (to,))
        add_sent_messages(self.conn, account_id or 0, [header], source=SOURCE_BOUNCEDESK)

    # --- mail accounts -------------------------------------------------------------------------

    def _account_for(self, src: _Source | None, rec: store.Recipient) -> store.Account:
        """The bounce's account, else the recipient's last one, else the only account that can send."""
        for acc_id in (src.account_id if src else None, rec.last_account_id):
            if acc_id is not None:
                acc = store.get_account(self.conn, acc_id)
                if acc is not None:
                    if not acc.smtp_host:
                        raise InputError(f"account {acc.name!r} has no SMTP server set; add one to send from it")
                    return acc
        senders = [a for a in store.list_accounts(self.conn) if a.smtp_host]
        if len(senders) == 1:
            return senders[0]
        if not senders:
            raise InputError("no account with an SMTP server to send from; add one first")
        names = ", ".join(a.name for a in senders)
        raise InputError(f"cannot tell which account to send from for {rec.email} (the bounce came from a file): {names}")

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

    # --- contact -------------------------------------------------------------------------------

    def set_contact(
        self,
        address: str,
        now: int,
        *,
        alt_email: str | None = None,
        phone: str | None = None,
        note: str | None = None,
        who: str = USER,
    ) -> Outcome:
        """Store other ways to reach a recipient; None leaves a field as it was, "" clears it."""
        rec = store.require_recipient(self.conn, address)
        if alt_email:
            alt_email = store.normalize_email(alt_email)
            if alt_email == rec.email:
                raise InputError("the alternative address must differ from the bounced one")
        with store.transaction(self.conn):
            self.conn.execute(
                "INSERT INTO contacts(recipient_id, alt_email, phone, note, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(recipient_id) DO UPDATE SET alt_email = coalesce(excluded.alt_email, alt_email),"
                " phone = coalesce(excluded.phone, phone), note = coalesce(excluded.note, note),"
                " updated_at = excluded.updated_at",
                (rec.id, alt_email, phone, note, now),
            )
            changed = ", ".join(k for k, v in (("e-mail", alt_email), ("phone", phone), ("note", note)) if v is not None)
            event_id = store.log_event(self.conn, at=now, recipient_id=rec.id, actor=who, action="contact-info",
                                       why=f"updated {changed or 'nothing'}", before=rec.policy, after=rec.policy)
        return Outcome(rec.email, "contact-info", rec.state, f"{rec.email}: contact details saved", event_id)

    def contact_info(self, address: str) -> dict[str, str | None]:
        rec = store.require_recipient(self.conn, address)
        row = self.conn.execute("SELECT alt_email, phone, note FROM contacts WHERE recipient_id = ?", (rec.id,)).fetchone()
        return {"alt_email": row[0], "phone": row[1], "note": row[2]} if row else {"alt_email": None, "phone": None,
                                                                                    "note": None}

    def contact(
        self,
        address: str,
        now: int,
        *,
        lang: str = "en",
        via: str = "mailto",
        who: str = USER,
        sender_name: str | None = None,
    ) -> Outcome:
        """Tell the recipient, at their alternative address, that our mail bounces.

        via='mailto': returns a mailto: link for the user's mail client; via='smtp': sends the
        notice through the account's SMTP server. Either way a contact attempt is recorded.
        """
        if via not in CONTACT_CHANNELS:
            raise InputError(f"contact via {via!r}? Use one of {', '.join(CONTACT_CHANNELS)}")
        if lang not in LANGUAGES:
            raise InputError(f"no contact template for language {lang!r} (available: {', '.join(LANGUAGES)})")
        rec = store.require_recipient(self.conn, address)
        alt = self.contact_info(rec.email)["alt_email"]
        if not alt:
            raise InputError(f"no alternative address for {rec.email}; add one first (contact details)")
        account = sender = None
        if via == "smtp" or sender_name is None:
            try:
                account = self._account_for(self._source(rec.id), rec)
                smtp_settings, sender = self.smtp_settings(account)
            except InputError:
                if via == "smtp":
                    raise
        notice = render_notice(lang, address=rec.email, reason=rec.last_reason or "",
                               sender_name=sender_name if sender_name is not None else (sender or ""))
        if via == "mailto":
            url = mailto_url(alt, notice)
            event_id = self._record_contact(rec, now, "mailto", alt, lang, "handed to mail client", "", who)
            return Outcome(rec.email, "contact", rec.state, f"{rec.email}: notice ready for your mail client ({alt})",
                           event_id, mailto=url)
        assert account is not None and sender is not None
        data = notice_message(notice, sender=sender, to=alt, now=now)
        try:
            result = send_message(smtp_settings, self.smtp_auth(account, smtp_settings), sender, [alt], data)
        except (MailError, SecretStoreError) as exc:
            self._record_contact(rec, now, "smtp", alt, lang, FAILED, str(exc), who)
            raise
        event_id = self._record_contact(rec, now, "smtp", alt, lang, SENT, "", who,
                                        note=f"{result.code} {result.reply}"[:500])
        mid = message_from_bytes(data).get("Message-ID", "")
        self._record_sent(account.id, str(mid), now, notice.subject, sender, alt)  # its own transaction
        return Outcome(rec.email, "contact", rec.state, f"{rec.email}: notice sent to {alt}", event_id,
                       queue_id=result.queue_id)

    def _record_contact(
        self, rec: store.Recipient, now: int, channel: str, to: str, lang: str, status: str, error: str, who: str,
        note: str = "",
    ) -> int:
        with store.transaction(self.conn):
            self.conn.execute(
                "INSERT INTO contact_attempts(recipient_id, at, channel, to_address, language, status, error, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rec.id, now, channel, to, lang, status, error[:1000], note),
            )
            action = "contact" if status != FAILED else "contact-failed"
            why = f"notice ({lang}) to {to} via {channel}: {status}" + (f" ({error})" if error else "")
            return store.log_event(self.conn, at=now, recipient_id=rec.id, actor=who, action=action, why=why[:1000],
                                   before=rec.policy, after=rec.policy)

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


class _Blocked(MailError):
    """run_due skips an account that already failed to connect or log in during this run."""


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
