"""Mailings at scale: tie a gui_scale store's bounces to sent mail grouped into mailings, then time
what the Mailings page and the dashboard's panel read, and the page itself.

    python benchmarks/scale_mailings.py [--results 100000]

`populate(conn, now)` writes, in bulk SQL, one sent message per bounce or complaint of the store
(sent up to an hour before it, to its recipient, `results.sent_id` set), groups them into one
newsletter mailing per day (the List-Id of a daily newsletter; ~365 mailings at 1M results) and
takes the counts with the app's own code (store.mailings.refresh_counts), printing how long each
part took. A mailing's `sent` is its bounced messages times 30 (a ~3 % bounce rate): the quiet
recipients are counted, not written, since the pages read only the counts.
`measure(db_path, now)` returns (what, milliseconds, goal milliseconds) rows: the page's and the
panel's query as their worker runs it, the affected recipients of the biggest mailing, and the
real page (MailingsController) from reload to painted rows, cold and warm. Goal: <= 200 ms.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))

from benchmarks.scalebench import best_ms, page_open_ms, run_alone  # noqa: E402

from bouncedesk.store.db import connect  # noqa: E402
from bouncedesk.store.mailings import MIN_LISTED, affected_recipients, list_mailings, refresh_counts  # noqa: E402

GOAL_MS = 200.0
DAY = 86400
LIST_KEY = "list:news.bench.example"
QUIET_PER_BOUNCE = 30


def populate(conn: sqlite3.Connection, now: int) -> None:
    """See the module docstring. Bulk statements only; the counts by the app's own code."""
    del now  # the sent mail is dated from the results
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    # One message per bounce/complaint, sent 10 to 70 minutes before it; its mailing: its UTC day.
    conn.execute(
        "INSERT INTO sent_messages(id, account_id, message_id, sent_at, subject, sender, source, list_key, mailing_id)"
        " SELECT id, 0, '<bench-' || id || '@news.bench.example>', at - 600 - (id % 3600),"
        " 'Daily news of ' || date((at - 600 - (id % 3600)), 'unixepoch'), 'news@bench.example', 'sent-folder', ?,"
        " (at - 600 - (id % 3600)) / 86400"
        " FROM results WHERE kind IN ('bounce', 'complaint') AND email IS NOT NULL",
        (LIST_KEY,),
    )
    conn.execute(
        "INSERT OR IGNORE INTO sent_recipients(sent_id, email)"
        " SELECT id, email FROM results WHERE kind IN ('bounce', 'complaint') AND email IS NOT NULL"
    )
    t1 = time.perf_counter()
    conn.execute(
        "UPDATE results SET sent_id = id, trust = 'verified', review = '', evidence = 'message-id'"
        " WHERE kind IN ('bounce', 'complaint') AND email IS NOT NULL"
    )
    t2 = time.perf_counter()
    conn.execute(
        "INSERT INTO mailings(id, account_id, key, subject, sender, list_key, first_at, last_at, messages, sent, stale)"
        " SELECT mailing_id, 0, ?, min(subject), 'news@bench.example', ?, min(sent_at), max(sent_at), count(*),"
        " count(*) * ?, 1"
        " FROM sent_messages s WHERE mailing_id IS NOT NULL GROUP BY mailing_id",
        (LIST_KEY, LIST_KEY, QUIET_PER_BOUNCE),
    )
    conn.execute("COMMIT")
    t3 = time.perf_counter()
    counted = refresh_counts(conn)
    t4 = time.perf_counter()
    conn.execute("ANALYZE")
    sent = conn.execute("SELECT count(*) FROM sent_messages").fetchone()[0]
    print(f"mailings: {sent:,} sent messages in {t1 - t0:.1f} s, results tied in {t2 - t1:.1f} s, "
          f"{counted} mailings grouped in {t3 - t2:.1f} s and counted in {t4 - t3:.1f} s")  # fmt: skip


def _page_ms(db_path: Path, now: int) -> list[tuple[str, float, float]]:
    """The real Mailings page: from reload until its rows are painted (cold, then warm)."""
    from bouncedesk.ui.views.mailings import MailingsController, MailingsView

    return page_open_ms(db_path, now, MailingsView, MailingsController, "loaded", "Mailings page open",
                        lambda page: f"{page.model.rowCount()} mailings listed", GOAL_MS)  # fmt: skip


def measure(db_path: Path, now: int) -> list[tuple[str, float, float]]:
    """The page's and the panel's reads on a read-only connection (as their worker), best of 5; the page."""
    from bouncedesk.ui.views.mailings import PAGE_LIMIT, PANEL_LIMIT, read_mailings

    conn = connect(db_path, upgrade=False, check=False)
    conn.execute("PRAGMA query_only = 1")
    rows: list[tuple[str, float, float]] = []
    try:
        ms = best_ms(lambda: read_mailings(conn, MIN_LISTED, PAGE_LIMIT, update=False))
        rows.append((f"Mailings page query ({PAGE_LIMIT} newest)", ms, GOAL_MS))
        ms = best_ms(lambda: read_mailings(conn, MIN_LISTED, PANEL_LIMIT, update=False))
        rows.append(("Dashboard 'Last mailings' query", ms, GOAL_MS))
        biggest = max(list_mailings(conn, limit=PAGE_LIMIT), key=lambda m: m.bounced, default=None)
        if biggest is not None:
            ms = best_ms(lambda: affected_recipients(conn, biggest.id))
            rows.append((f"who bounced in the biggest mailing ({biggest.bounced:,} recipients)", ms, GOAL_MS))
    finally:
        conn.close()
    try:
        rows += _page_ms(db_path, now)
    except ImportError as exc:  # no Qt here: the queries above still tell
        print(f"Mailings page not timed: {exc}")
    return rows


def main() -> int:
    return run_alone(measure, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
