"""Retries: re-send our own copy of a bounced message, once, and run the due ones.

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
from dataclasses import dataclass, field

from bouncedesk import store
from bouncedesk.act.outcome import SCHEDULER, USER, OriginalUnavailableError, Outcome
from bouncedesk.act.resend import attempt_key, build_resent, find_original, resent_message_id
from bouncedesk.dsn.sentmail import SOURCE_BOUNCEDESK, SentHeader
from bouncedesk.errors import AuthError, BounceDeskError, InputError, MailError, SecretStoreError
from bouncedesk.mail.smtp import SendError, send_message
from bouncedesk.policy import machine
from bouncedesk.store.sent import add_sent_messages

log = logging.getLogger(__name__)


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


class _Blocked(MailError):
    """run_due skips an account that already failed to connect or log in during this run."""


class RetrySending:
    """Retries: send our own copy again, once, and run the due ones. Mixed into `Actions`, which holds the
    store connection, the settings and the mail transport."""

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
