"""Watch mode: sync, then wait for new mail (IDLE, else polling), sync again — until cancelled.

IDLE is re-issued at least every 29 minutes (RFC 2177 asks clients to, servers drop idle
clients after 30). With several watched folders, IDLE watches the first and the others are
synced on every wake-up and at least every `poll_interval`. A lost connection is retried with
exponential backoff and jitter; a refused login or a wrong setting ends the watch with the error.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from bouncedesk.errors import AuthError, MailError
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.backoff import Backoff
from bouncedesk.mail.endpoint import CertificateError, Credentials, ImapNetworkError
from bouncedesk.mail.imap import ImapSession, connect
from bouncedesk.mail.sentcount import SentCountTarget
from bouncedesk.mail.sync import (
    AccountReport,
    FolderReport,
    ProgressCallback,
    SyncOptions,
    SyncTarget,
    count_sent_step,
    sync_folder,
    wall_clock,
)

log = logging.getLogger(__name__)

MAX_IDLE_SECONDS = 29 * 60


@dataclass
class WatchOptions:
    idle: bool = True  # use IDLE when the server offers it
    idle_refresh: float = 25 * 60  # re-issue IDLE after this long (capped at 29 min)
    poll_interval: float = 300.0  # without IDLE (or for the other folders): sync this often
    tick: float = 1.0  # how often a wait looks at the cancel flag


def watch_account(
    account: Account,
    credentials: Credentials,
    target: SyncTarget,
    cancel: threading.Event,
    *,
    options: SyncOptions | None = None,
    watch: WatchOptions | None = None,
    clock: Callable[[], int] = wall_clock,
    progress: ProgressCallback | None = None,
    on_report: Callable[[AccountReport], None] | None = None,
    on_retry: Callable[[Exception, float], None] | None = None,
    backoff: Backoff | None = None,
    sent_target: SentCountTarget | None = None,
) -> None:
    """Run until `cancel` is set. Raises AuthError / MailError for faults a retry cannot fix.

    With a `sent_target`, every pass also counts the Sent folder's new messages per day.
    """
    w = watch or WatchOptions()
    backoff = backoff or Backoff()
    session: ImapSession | None = None
    try:
        while not cancel.is_set():
            try:
                if session is None:
                    session = connect(account.endpoint(), credentials, clock())
                report = AccountReport(account.name)
                # The Sent folder first, as in sync_account: a new bounce of a message sent since
                # the last pass is then verified at once.
                if sent_target is not None:
                    count_sent_step(session, account, sent_target, report, clock, cancel)
                    if report.cancelled:
                        return
                for folder in account.folders:
                    part = FolderReport(account.name, folder)
                    report.folders.append(part)
                    try:
                        sync_folder(
                            session, account, folder, target,
                            options=options, clock=clock, progress=progress, cancel=cancel, report=part,
                        )
                    except (ImapNetworkError, AuthError, CertificateError):
                        raise
                    except MailError as exc:  # this folder only (e.g. it was deleted); the others go on
                        part.error = str(exc)
                        log.info("%s/%s: %s", account.name, folder, exc)  # the report carries it
                    if part.cancelled:
                        return
                backoff.reset()
                if on_report is not None:
                    on_report(report)
                _wait(session, account, w, cancel)
            except ImapNetworkError as exc:
                if session is not None:
                    session.close()
                    session = None
                delay = backoff.next_delay()
                log.warning("%s: %s; reconnecting in %.1f s", account.name, exc, delay)
                if on_retry is not None:
                    on_retry(exc, delay)
                cancel.wait(delay)
    finally:
        if session is not None:
            session.close()


def _wait(session: ImapSession, account: Account, w: WatchOptions, cancel: threading.Event) -> None:
    """Block until there may be new mail, the refresh/poll time is up, or cancel."""
    if w.idle and session.has("IDLE"):
        limit = min(w.idle_refresh, MAX_IDLE_SECONDS)
        if len(account.folders) > 1:
            limit = min(limit, w.poll_interval)
        session.select(account.folders[0], readonly=True)
        got = session.wait_for_mail(limit, cancel, tick=w.tick)
        log.debug("%s: IDLE ended (%s)", account.name, "new mail" if got else "time up or cancelled")
        return
    # Polling: keep the connection alive and notice a dead one early with NOOP.
    waited = 0.0
    while waited < w.poll_interval and not cancel.is_set():
        step = min(w.poll_interval - waited, 60.0)
        if cancel.wait(step):
            return
        waited += step
        session.noop()
