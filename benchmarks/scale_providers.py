"""Provider health at scale: give a gui_scale store's results their providers and named listings, then
time what the Providers page reads, and the page itself.

    python benchmarks/scale_providers.py [--results 100000]

`populate(conn, now)` writes, in bulk SQL, a provider for every result (the generated store's
recipients sit at made-up domains, so they are spread over the bundled providers by recipient:
a third at Gmail, a fifth at Microsoft, ... the rest others), makes the store's 'blocked' bounces
sender-side with a named listing (Spamhaus, S3150, Barracuda, SpamCop, DMARC ...), derives
`provider_daily` from the results as the insert transaction would have kept it, and counts 30 sent
recipients per bounce per provider and day (a ~3 % bounce rate) in `provider_sent`.
`measure(db_path, now)` returns (what, milliseconds, goal milliseconds) rows: the overview and the
detail of the busiest provider as the page's worker reads them, and the real page
(ProvidersController) from reload until the selected provider's rate and problems are shown, cold
and warm. Goal: <= 200 ms.
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
from bouncedesk.store.providers import detail, overview  # noqa: E402

GOAL_MS = 200.0
DAYS = 30
SENT_PER_BOUNCE = 30
# recipient_id % 20 → provider (gmail 7/20, microsoft 4/20, yahoo 2/20, apple, gmx, tonline 1/20, others 4/20)
_PROVIDER = (
    "CASE recipient_id % 20 WHEN 0 THEN 'gmail' WHEN 1 THEN 'gmail' WHEN 2 THEN 'gmail' WHEN 3 THEN 'gmail'"
    " WHEN 4 THEN 'gmail' WHEN 5 THEN 'gmail' WHEN 6 THEN 'gmail' WHEN 7 THEN 'microsoft' WHEN 8 THEN 'microsoft'"
    " WHEN 9 THEN 'microsoft' WHEN 10 THEN 'microsoft' WHEN 11 THEN 'yahoo' WHEN 12 THEN 'yahoo' WHEN 13 THEN 'apple'"
    " WHEN 14 THEN 'gmx' WHEN 15 THEN 'tonline' ELSE 'others' END"
)
_LISTING = (
    "CASE id % 8 WHEN 0 THEN 'spamhaus-zen' WHEN 1 THEN 'spamhaus-pbl' WHEN 2 THEN 'microsoft-s3150'"
    " WHEN 3 THEN 'barracuda' WHEN 4 THEN 'spamcop' WHEN 5 THEN 'auth-dmarc' WHEN 6 THEN 'auth-spf'"
    " ELSE 'reason:blocked' END"
)


def populate(conn: sqlite3.Connection, now: int) -> None:
    """See the module docstring. Bulk statements only."""
    del now  # everything is dated from the results
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute(
        f"UPDATE results SET provider = {_PROVIDER},"
        f" listing = CASE WHEN reason = 'blocked' THEN {_LISTING} ELSE '' END,"
        " side = CASE WHEN reason = 'blocked' THEN 'sender' ELSE side END"
    )
    t1 = time.perf_counter()
    conn.execute("DELETE FROM provider_daily")
    conn.execute(
        "INSERT INTO provider_daily(day, provider, kind, reason, listing, count)"
        " SELECT at / 86400, provider, kind, reason, listing, count(*) FROM results GROUP BY 1, 2, 3, 4, 5"
    )
    conn.execute("DELETE FROM provider_sent")
    conn.execute(
        "INSERT INTO provider_sent(day, provider, count) SELECT day, provider, sum(count) * ?"
        " FROM provider_daily WHERE kind = 'bounce' GROUP BY day, provider",
        (SENT_PER_BOUNCE,),
    )
    conn.execute("DELETE FROM provider_todo")
    conn.execute("COMMIT")
    t2 = time.perf_counter()
    conn.execute("ANALYZE")
    cells = conn.execute("SELECT count(*) FROM provider_daily").fetchone()[0]
    print(f"providers: results given providers and listings in {t1 - t0:.1f} s, "
          f"{cells:,} rollup cells in {t2 - t1:.1f} s")  # fmt: skip


def _page_ms(db_path: Path, now: int) -> list[tuple[str, float, float]]:
    """The real Providers page: from reload until the selected provider's detail is shown (cold, warm)."""
    from bouncedesk.ui.views.providers import ProvidersController, ProvidersView

    return page_open_ms(db_path, now, ProvidersView, ProvidersController, "detailLoaded", "Providers page open",
                        lambda page: f"{page.model.rowCount()} providers, {page.problems.rowCount()} problems", GOAL_MS)  # fmt: skip


def measure(db_path: Path, now: int) -> list[tuple[str, float, float]]:
    """The page's reads on a read-only connection (as its worker), best of 5; then the page itself."""
    conn = connect(db_path, upgrade=False, check=False)
    conn.execute("PRAGMA query_only = 1")
    rows: list[tuple[str, float, float]] = []
    try:
        for days in (DAYS, 365):
            ms = best_ms(lambda d=days: overview(conn, now, d, fill=False))
            rows.append((f"Providers overview query ({days} days)", ms, GOAL_MS))
        busiest = max(overview(conn, now, DAYS, fill=False), key=lambda h: h.bounces, default=None)
        if busiest is not None:
            for days in (DAYS, 365):
                ms = best_ms(lambda d=days: detail(conn, busiest.key, now, d, fill=False))
                rows.append(
                    (f"{busiest.title}: rate over time and named problems ({days} days)", ms, GOAL_MS)
                )
    finally:
        conn.close()
    try:
        rows += _page_ms(db_path, now)
    except ImportError as exc:  # no Qt here: the queries above still tell
        print(f"Providers page not timed: {exc}")
    return rows


def main() -> int:
    return run_alone(measure, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
