"""Query speed over a big store: chart rollups and pending retries (goal: each under 50 ms).

    python benchmarks/query_speed.py [--results 1000000] [--quick] [--keep FILE]

Builds a store of N results (one per message) for N/5 recipients over a year, with the
rollups the ingest keeps (derived here in bulk from the results, then checked), and times the
queries the GUI and CLI run: first call on a fresh connection, then the median of repeats.
The data is synthetic (no parsing), so building 1,000,000 results takes about a minute.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from bouncedesk import store  # noqa: E402
from bouncedesk.store import queries  # noqa: E402

DAY = 86400
NOW = 1_767_225_600  # 2026-01-01, fixed so runs are comparable
REASONS = ["userunknown", "mailboxfull", "suspend", "hostunknown", "blocked", "spamdetected", "expired",
           "filtered", "policyviolation", "systemerror", "networkerror", "badreputation", "authfailure",
           "rejected", "onhold", "undefined", "exceedlimit", "toomanyconn", "securityerror", "contenterror"]  # fmt: skip
STATUS = {"userunknown": "5.1.1", "mailboxfull": "4.2.2", "suspend": "4.2.1", "hostunknown": "5.1.2",
          "blocked": "5.7.1", "spamdetected": "5.7.1", "expired": "4.4.7"}  # fmt: skip
KINDS = ["bounce"] * 80 + ["delay"] * 8 + ["auto-reply"] * 6 + ["delivered"] * 4 + ["complaint"] * 2


def build(path: Path, n_results: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    conn = store.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    n_rcpt = max(1, n_results // 5)
    n_domains = max(10, n_results // 50)
    # Zipf-like: a few big providers, a long tail of small domains.
    domains = [f"d{i}.example" for i in range(n_domains)]
    weights = [1 / (i + 1) for i in range(n_domains)]
    rcpt_domain = rnd.choices(domains, weights, k=n_rcpt)
    states = ["active"] * 70 + ["retrying"] * 12 + ["suppressed"] * 8 + ["inactive"] * 5 + ["paused"] * 5
    t0 = time.perf_counter()
    with store.transaction(conn):
        rows = []
        for i in range(n_rcpt):
            st = rnd.choice(states)
            reason = rnd.choice(REASONS)
            attempts = rnd.randint(0, 3) if st == "retrying" else 0
            nxt = NOW + rnd.randint(-10 * DAY, 10 * DAY) if st == "retrying" else None
            last_retry = (nxt - 2 * DAY) if attempts else None
            last_bounce = (last_retry + rnd.choice([-3600, 3600])) if attempts else NOW - rnd.randint(DAY, 30 * DAY)
            freq = NOW + rnd.randint(-20 * DAY, 20 * DAY) if rnd.random() < 0.1 else None
            rows.append((i + 1, f"user{i}@{rcpt_domain[i]}", rcpt_domain[i], st, attempts, nxt, last_bounce, last_retry,
                         freq, STATUS.get(reason, "5.0.0"), reason, NOW - 400 * DAY, NOW))  # fmt: skip
        conn.executemany(
            "INSERT INTO recipients(id, email, domain, state, attempts, next_retry_at, last_bounce_at, last_retry_at,"
            " frequent_until, last_status, last_reason, first_seen_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        step = 50_000
        for start in range(0, n_results, step):
            msgs, res = [], []
            for j in range(start, min(n_results, start + step)):
                r = rnd.randrange(n_rcpt)
                at = NOW - rnd.randint(0, 365 * DAY)
                kind = rnd.choice(KINDS)
                reason = rnd.choice(REASONS) if kind == "bounce" else {"delay": "expired", "auto-reply": "vacation",
                                                                       "delivered": "delivered"}.get(kind, "feedback")  # fmt: skip
                msgs.append((j + 1, j.to_bytes(8, "big") + b"\0" * 24, f"file:/bench/{j}", at, "report", 4000, at))
                res.append((j + 1, j + 1, 1, kind, r + 1, f"user{r}@{rcpt_domain[r]}", rcpt_domain[r],
                            STATUS.get(reason, ""), reason, at))  # fmt: skip
            conn.executemany(
                "INSERT INTO messages(id, content_hash, source_key, received_at, outcome, raw_size, parsed_at)"
                " VALUES (?,?,?,?,?,?,?)",
                msgs,
            )
            conn.executemany(
                "INSERT INTO results(id, message_id, idx, kind, recipient_id, email, domain, status, reason, at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                res,
            )
        conn.execute(
            "INSERT INTO daily_rollup(day, kind, reason, domain, count)"
            " SELECT at / 86400, kind, reason, domain, count(*) FROM results GROUP BY 1, 2, 3, 4"
        )
        conn.execute(
            "INSERT INTO daily_totals(day, kind, reason, count)"
            " SELECT day, kind, reason, sum(count) FROM daily_rollup GROUP BY 1, 2, 3"
        )
    c = store.store_counts(conn)
    cells = conn.execute("SELECT count(*) FROM daily_totals").fetchone()[0]
    print(f"built {c['results']} results, {c['recipients']} recipients, {n_domains} domains;"
          f" rollup cells {c['daily_rollup']} (with domain), {cells} (totals) in {time.perf_counter() - t0:.0f} s")  # fmt: skip
    conn.close()


def timed(fn, repeats: int = 15) -> tuple[float, float, object]:
    """(first call ms, median ms of repeats, result)."""
    t = time.perf_counter()
    out = fn()
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return first, statistics.median(times), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--results", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true", help="100,000 results: a smoke run")
    ap.add_argument("--keep", type=Path, help="build (or reuse) the store at this path instead of a temp file")
    args = ap.parse_args()
    n = 100_000 if args.quick else args.results

    with tempfile.TemporaryDirectory(prefix="bd-query-bench-") as tmp:
        path = args.keep or Path(tmp) / "store.sqlite3"
        if not path.exists():
            build(path, n)
        conn = store.connect(path)
        settings = store.load_policy_settings(conn)
        year, quarter = NOW - 365 * DAY, NOW - 90 * DAY
        big_domain = conn.execute("SELECT domain FROM recipients GROUP BY domain ORDER BY count(*) DESC").fetchone()[0]

        def pending_page():
            return (queries.pending_retries(conn, NOW, limit=500, settings=settings),
                    queries.count_pending_retries(conn, NOW, settings=settings))  # fmt: skip

        def due_page():
            return (queries.pending_retries(conn, NOW, due_only=True, limit=500, settings=settings),
                    queries.count_pending_retries(conn, NOW, due_only=True, settings=settings))  # fmt: skip

        cases = [
            ("rollup: daily bars by kind, 1 year", True, lambda: queries.rollup_by_day(conn, year, NOW)),
            ("rollup: daily bounces, 90 days", True, lambda: queries.rollup_by_day(conn, quarter, NOW, kinds=("bounce",))),
            (f"rollup: daily by kind, 1 year, domain {big_domain}", True,
             lambda: queries.rollup_by_day(conn, year, NOW, domain=big_domain)),
            ("rollup: bounce reasons, 1 year", True, lambda: queries.rollup_totals(conn, year, NOW, by="reason")),
            ("rollup: top 20 domains, 90 days", False, lambda: queries.rollup_totals(conn, quarter, NOW, by="domain")),
            ("pending retries: first 500 + count", True, pending_page),
            ("pending retries due now: first 500 + count", True, due_page),
            ("segment counts (sidebar)", False, lambda: queries.segment_counts(conn, NOW, settings)),
            ("segment temporarily-disabled: first 500", False,
             lambda: queries.list_recipients(conn, NOW, segment="temporarily-disabled", limit=500, settings=settings)),
            ("recipient timeline", False, lambda: queries.recipient_timeline(conn, 1)),
        ]  # fmt: skip
        total = store.store_counts(conn)["results"]
        print(f"store: {total} results; times in ms (first call / median of 15)")
        worst = 0.0
        for name, goal, fn in cases:
            first, med, out = timed(fn)
            size = len(out[0]) if isinstance(out, tuple) else len(out)
            flag = ("ok" if max(first, med) < 50 else "SLOW") if goal else ""
            if goal:
                worst = max(worst, first, med)
            print(f"  {name:52} {first:8.1f} {med:8.1f}  rows {size:>6}  {flag}")
        print(f"goal (<50 ms for rollup and pending-retries queries): {'met' if worst < 50 else 'NOT met'}"
              f" (worst {worst:.1f} ms)")  # fmt: skip
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
