"""Fill a fresh store with the demo through the real paths: ingest for every message, and the
actions API for what the simulated operator did (retries counted as re-sent by hand, pauses).

The plan is replayed in time order with an injected clock: messages are ingested with `now` =
their arrival, the operator's morning runs settle recipients and count the planned retries at
their own time, and the store is settled at the final `now`. No mail is sent: the demo has no
account, and `Actions.mark_resent` is the documented way to count a retry made outside the app.

Provenance: what the shop sent (Message-ID, recipient, subject, date) is recorded in time order,
before the reports about it are ingested, as a real sync reads the Sent folder before the bounce
folders; so the shop's own bounces are verified and act, and the few forged ones (demo.forged)
wait in Needs review. The shop's sent messages are also written as a maildir beside the store
(demo.sentfolder: those that reports name), where the demo GUI's retries find our own copy to
re-send.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bouncedesk import store
from bouncedesk.act.actions import Actions
from bouncedesk.config import store_path
from bouncedesk.demo.mailings import sent_stream
from bouncedesk.demo.model import Sent
from bouncedesk.demo.providermix import add_quiet_provider_sent, store_demo_providers
from bouncedesk.demo.recovery import DemoRecovery, add_recoveries
from bouncedesk.demo.scenario import SETTINGS, build_plan
from bouncedesk.demo.sentfolder import sent_folder_path, write_sent_folder
from bouncedesk.demo.userfiles import UserData, add_user_data
from bouncedesk.demo.world import Plan
from bouncedesk.dsn.sentmail import SOURCE_DEMO, SentHeader
from bouncedesk.errors import InputError
from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.rows import Incoming
from bouncedesk.policy import machine
from bouncedesk.policy.model import INACTIVE, PAUSED, RETRYING, SUPPRESSED
from bouncedesk.store.sent import add_sent_messages

DEMO_ACTOR = "demo"
DEMO_ACCOUNT_ID = 0  # sent counts of the demo's shop: it has no mail account
RETRY_STATES = ("scheduled", "due", "recovered", "inactive", "paused", "suppressed")


@dataclass
class Summary:
    """What build_demo_store wrote, counted from the store itself (and what the plan expected)."""

    path: str
    now: int
    seed: int
    messages: int = 0  # generated
    stored: int = 0  # messages in the store
    unparseable: int = 0
    results: dict[str, int] = field(default_factory=dict)  # stored results by kind
    recipients: int = 0
    states: dict[str, int] = field(default_factory=dict)  # recipients by state
    retry_states: dict[str, int] = field(default_factory=dict)  # see RETRY_STATES
    expected_states: dict[str, int] = field(default_factory=dict)  # by state, from the generator's own run
    retries_counted: int = 0  # planned retries the store accepted (marked re-sent)
    pauses: int = 0
    sent: int = 0  # messages the shop sent (what its Sent folder would count), stored per day
    sent_known: int = 0  # of them, the ones to simulated recipients, recorded with their headers
    sent_folder: str = ""  # the maildir of the shop's sent messages ("" when not written)
    verified: int = 0  # results tied to a message the shop sent to that recipient
    review: int = 0  # results waiting in Needs review (the forged ones)
    refused: int = 0  # planned actions the store refused: its state differs from the plan's
    user: UserData | None = None  # the correction, imported lists and files to try (demo.userfiles)
    recoveries: list[DemoRecovery] = field(default_factory=list)  # who recovered and how (demo.recovery)
    seconds: float = 0.0

    @property
    def line(self) -> str:
        rs = ", ".join(f"{k} {v}" for k, v in self.retry_states.items())
        return (f"demo store {self.path}: {self.stored} messages, {self.recipients} recipients; retries: {rs}; "
                f"{self.review} waiting for review; {self.seconds:.1f} s")  # fmt: skip


def resolve_store_path(path_or_dir: str | os.PathLike[str]) -> Path:
    """A directory (existing, or named without a suffix) gets the usual store file inside it."""
    p = Path(path_or_dir)
    if p.is_dir() or (not p.exists() and not p.suffix):
        return store_path(p)
    return p


def build_demo_store(
    path_or_dir: str | os.PathLike[str],
    now: int,
    seed: int = 7,
    *,
    progress: Callable[[int, int], None] | None = None,
    sent_folder: bool = True,
) -> Summary:
    """Generate the demo for (now, seed) and ingest it into a fresh store at `path_or_dir`.

    `progress(done, total)` is called after each ingested batch (messages), e.g. for a splash
    screen. With `sent_folder`, the shop's sent messages are written beside the store
    (`demo.sentfolder`), for the demo GUI's retries. Raises InputError when the store already
    holds messages: demo data never mixes with real data.
    """
    started = time.perf_counter()
    path = resolve_store_path(path_or_dir)
    conn = store.connect(path)
    try:
        held = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        if held:
            raise InputError(f"the demo needs a fresh store; {path} already holds {held} messages")
        plan = build_plan(now, seed)
        summary = Summary(str(path), int(now), seed, messages=len(plan.messages))
        _replay(conn, plan, summary, progress)
        summary.recoveries = add_recoveries(conn, plan.now, seed)  # a delivered report and a reply
        summary.user = add_user_data(conn, path.parent, plan.now)
        _count(conn, plan, summary)
    finally:
        conn.close()
    if sent_folder:
        folder = sent_folder_path(path)
        write_sent_folder(folder, retry_originals(plan))
        summary.sent_folder = str(folder)
    summary.seconds = time.perf_counter() - started
    return summary


def _replay(conn: sqlite3.Connection, plan: Plan, summary: Summary,
            progress: Callable[[int, int], None] | None) -> None:  # fmt: skip
    store_demo_providers(conn, plan.now)  # before the first message: its providers are named by then
    ingestor = Ingestor(conn)
    actions = Actions(conn)  # no account, no secrets, no fetcher: it cannot send
    batch: list[Incoming] = []
    batch_at = 0
    done, total = 0, len(plan.messages)
    sent = iter(sent_stream(plan))  # the plan's sends and the mailings' quiet recipients (demo.mailings)
    next_sent: tuple[int, SentHeader] | None = next(sent, None)

    def record_sent(until: int) -> None:
        """What the shop sent up to `until`, as the Sent folder shows it by then."""
        nonlocal next_sent
        heads = []
        while next_sent is not None and next_sent[0] <= until:
            heads.append(next_sent[1])
            next_sent = next(sent, None)
        if heads:
            add_sent_messages(conn, DEMO_ACCOUNT_ID, heads, source=SOURCE_DEMO)

    def flush() -> None:
        nonlocal batch, done
        if batch:
            record_sent(batch_at)
            ingestor.ingest_batch(batch, batch_at)
            done += len(batch)
            batch = []
            if progress is not None:
                progress(done, total)

    for item in plan.items:
        if item.what == "message":
            m = item.message
            batch.append(Incoming(m.data, f"demo:{plan.seed}:{m.name}"))
            batch_at = max(batch_at, item.at)
            continue
        flush()
        try:
            if item.what == "run":
                store.settle_due(conn, item.at)
            elif item.what == "retry":
                actions.mark_resent(item.email, item.at, who=DEMO_ACTOR,
                                    why="demo: attempt counted as re-sent (the demo sends no mail)")  # fmt: skip
                summary.retries_counted += 1
            elif item.what == "pause":
                actions.pause(item.email, item.at, who="user", why="demo: paused by the user")
                summary.pauses += 1
        except InputError:
            summary.refused += 1  # the parser read a message differently from what the plan meant
    flush()
    record_sent(plan.now)
    store.settle_due(conn, plan.now)
    # What the shop's Sent folder would count per day, so the dashboard can show the bounce rate.
    store.add_sent_counts(conn, DEMO_ACCOUNT_ID, plan.sent_per_day, replace=True)
    add_quiet_provider_sent(conn, plan.sent_per_day)  # ... and per provider (provider health)


def retry_originals(plan: Plan) -> list[Sent]:
    """The sent messages a retry may need: those a report about the shop's own mail names (a
    retry re-sends the message its recipient's last bounce names). About 1 in 7 of all."""
    named = {m.intended.original_id for m in plan.messages if m.intended.original_id and not m.intended.forged}
    return [s for s in plan.sent if s.message_id in named]


def _count(conn: sqlite3.Connection, plan: Plan, summary: Summary) -> None:
    now = plan.now
    summary.stored = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    summary.unparseable = conn.execute("SELECT count(*) FROM messages WHERE outcome = 'unparseable'").fetchone()[0]
    summary.results = dict(conn.execute("SELECT kind, count(*) FROM results GROUP BY kind ORDER BY kind").fetchall())
    summary.recipients = conn.execute("SELECT count(*) FROM recipients").fetchone()[0]
    summary.sent = conn.execute("SELECT coalesce(sum(count), 0) FROM sent_daily").fetchone()[0]
    summary.sent_known = conn.execute("SELECT count(*) FROM sent_messages").fetchone()[0]
    summary.verified = conn.execute("SELECT count(*) FROM results WHERE trust = 'verified'").fetchone()[0]
    summary.review = conn.execute("SELECT count(*) FROM results WHERE review = 'pending'").fetchone()[0]
    summary.states = dict(conn.execute("SELECT state, count(*) FROM recipients GROUP BY state ORDER BY state"))
    summary.retry_states = retry_state_counts(conn, now)
    summary.expected_states = dict(sorted(Counter(s.state for s in plan.states.values()).items()))


def retry_state_counts(conn: sqlite3.Connection, now: int) -> dict[str, int]:
    """Recipients in each retry state: scheduled (later), due now, recovered after a retry,
    inactive (retries exhausted), paused, suppressed."""
    one = lambda sql, *a: conn.execute(sql, a).fetchone()[0]  # noqa: E731
    settings = store.load_policy_settings(conn)
    return {
        "scheduled": one("SELECT count(*) FROM recipients WHERE state = ? AND next_retry_at > ?", RETRYING, now),
        "due": len(store.pending_retries(conn, now, due_only=True, settings=settings)),
        "recovered": one(
            "SELECT count(DISTINCT r.id) FROM recipients r JOIN events e ON e.recipient_id = r.id"
            " WHERE r.state = 'active' AND e.action LIKE '%recovered%'"
            " AND EXISTS (SELECT 1 FROM retry_attempts a WHERE a.recipient_id = r.id)"
        ),
        "inactive": one("SELECT count(*) FROM recipients WHERE state = ?", INACTIVE),
        "paused": one("SELECT count(*) FROM recipients WHERE state = ?", PAUSED),
        "suppressed": one("SELECT count(*) FROM recipients WHERE state = ?", SUPPRESSED),
    }


def expected_retry_states(plan: Plan) -> dict[str, int]:
    """The same counts from the generator's own simulation (what a perfect parser would give)."""
    out = dict.fromkeys(RETRY_STATES, 0)
    for email, s in plan.states.items():
        if s.state == RETRYING:
            due = machine.is_retry_due(s, plan.now, SETTINGS)
            out["due" if due else "scheduled"] += 1 if (due or (s.next_retry_at or 0) > plan.now) else 0
        elif s.state == "active" and email in plan.retried:
            out["recovered"] += 1
        elif s.state in out:
            out[s.state] += 1
    return out

