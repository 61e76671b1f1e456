"""The GUI at scale: a generated store of 1,000,000 results / 200,000 recipients.

    python benchmarks/gui_scale.py [--quick] [--messages 10000] [--keep]

1. Generates the store (once; cached in the temp folder, keyed by size): rows written
   straight into the real schema — messages with their compressed raw bounce, results,
   recipients in every state, the daily rollup derived from the results. (Generated, not
   parsed: a million parses would take an hour and measure the parser, not the GUI.)
2. Start to interactive dashboard: a fresh process (interpreter, imports, Qt, window, store)
   until the dashboard's numbers are painted and the event loop runs.       goal <= 2 s
3. View switch: from the click until the page's rows are painted, first visit (cold: ids
   loaded in a worker) and again (warm).                                      goal <= 200 ms
4. Scroll to the last row of the biggest table (Bounces, every result): scrollToBottom and
   paint, cold page cache.                                                     goal <= 200 ms
5. Longest event-loop stall during a sync of `--messages` messages from a private Dovecot
   on loopback into that store, measured with a 5 ms timer heartbeat.          goal <= 100 ms
6. The features' own figures (issue 14): each of benchmarks/scale_mailings.py, scale_providers.py
   and scale_search.py that exists adds its rows to the cached store once (`populate(conn, now)`)
   and measures on the copy (`measure(db_path, now)` → (what, ms, goal ms) rows): the mailings and
   provider views open in <= 200 ms, search answers in <= 100 ms.
7. `bouncedesk check` of a 100,000-address list (benchmarks/list_check.py).  goal <= 3 s
Prints every figure; --quick uses 100,000 results / 20,000 recipients and 2,000 messages.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))

DAY = 86400
NOW = 1_767_225_600  # the generated store's "today" (2026-01-01)
CACHE = Path(tempfile.gettempdir()) / "bouncedesk-bench"
FEATURES = ("scale_mailings", "scale_providers", "scale_search")  # benchmarks/<name>.py, written per feature
CHECK_ADDRESSES = 100_000
CHECK_GOAL_S = 3.0

REASONS = [  # (weight, kind, status, reason, hard, diagnostic)
    (30, "bounce", "5.1.1", "userunknown", 1, "550 5.1.1 <{r}>: Recipient address rejected: User unknown"),
    (20, "bounce", "4.2.2", "mailboxfull", 0, "452 4.2.2 Mailbox full"),
    (10, "bounce", "4.2.1", "suspend", 0, "450 4.2.1 Mailbox temporarily disabled"),
    (8, "bounce", "5.1.2", "hostunknown", 1, "550 5.1.2 Host or domain name not found"),
    (8, "bounce", "5.7.1", "blocked", 0, "554 5.7.1 Client host rejected: listed at a DNS blocklist"),
    (6, "bounce", "5.7.1", "spamdetected", 0, "550 5.7.1 Message rejected as spam"),
    (10, "delay", "4.4.1", "expired", 0, "421 4.4.1 Connection timed out, will keep trying"),
    (3, "complaint", "", "feedback", 0, ""),
    (5, "auto-reply", "", "vacation", 0, ""),
]
STATES = [("active", 45), ("retrying", 15), ("suppressed", 30), ("inactive", 7), ("paused", 3)]


def raw_bounce(rcpt: str, status: str, diag: str, at: int) -> bytes:
    return (
        f"From: MAILER-DAEMON@mx.example.net\r\nTo: shop@example.com\r\nSubject: Undelivered Mail\r\n"
        f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime(at))}\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\n'
        f"Content-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n--b\r\n"
        f"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
        f"Final-Recipient: rfc822; {rcpt}\r\nAction: failed\r\nStatus: {status or '5.0.0'}\r\n"
        f"Diagnostic-Code: smtp; {diag}\r\n--b--\r\n"
    ).encode()


def generate(path: Path, n_results: int, n_recipients: int) -> None:
    """Write a store of that size through the real schema (see the module docstring)."""
    import numpy as np

    from bouncedesk.store.db import connect

    rng = np.random.default_rng(42)
    conn = connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    weights = np.array([w for w, *_ in REASONS], dtype=float)
    kinds = rng.choice(len(REASONS), size=n_results, p=weights / weights.sum())
    rec_of = rng.integers(1, n_recipients + 1, size=n_results)
    at = NOW - rng.integers(0, 365 * DAY, size=n_results)
    at.sort()  # results arrive roughly in time order: ids grow with time
    per_msg = 4
    n_msgs = -(-n_results // per_msg)
    domains = [f"mail{i}.example" for i in range(500)]
    emails = [f"user{i:06d}@{domains[i % 500]}" for i in range(n_recipients + 1)]

    t0 = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO messages(id, content_hash, source_key, received_at, bounce_at, message_id, subject, sender,"
        " outcome, format, raw_size, parsed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (m, m.to_bytes(8, "big") + b"bench", f"bench:{m}", int(at[(m - 1) * per_msg]), int(at[(m - 1) * per_msg]),
             f"<dsn{m}@mx.example.net>", "Undelivered Mail", "MAILER-DAEMON@mx.example.net", "report", "rfc3464",
             900, NOW)
            for m in range(1, n_msgs + 1)
        ),
    )  # fmt: skip
    template = zlib.compress(raw_bounce("someone@example.org", "5.1.1", "550 5.1.1 User unknown", NOW), 1)
    conn.executemany(
        "INSERT INTO raw_messages(message_id, data) VALUES (?, ?)",
        ((m, template) for m in range(1, n_msgs + 1)),
    )
    st_names = [s for s, _ in STATES]
    st_w = np.array([w for _, w in STATES], dtype=float)
    states = rng.choice(len(STATES), size=n_recipients, p=st_w / st_w.sum())
    conn.executemany(
        "INSERT INTO recipients(id, email, domain, state, state_reason, attempts, next_retry_at, last_bounce_at,"
        " last_status, last_reason, bounces, last_seen_at, last_failure_at, first_seen_at, updated_at, last_kind)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (r, emails[r], domains[r % 500], st_names[s], "mailboxfull" if s == 1 else "userunknown", r % 3,
             NOW + (r % 96 - 24) * 3600 if s == 1 else None, NOW - (r % 300) * DAY,
             "4.2.2" if s == 1 else "5.1.1", "mailboxfull" if s == 1 else "userunknown", 1 + r % 9,
             NOW - (r % 300) * DAY, NOW - (r % 300) * DAY, NOW - 400 * DAY, NOW, "bounce")
            for r, s in zip(range(1, n_recipients + 1), states.tolist(), strict=True)
        ),
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO results(id, message_id, idx, kind, recipient_id, email, domain, action, status, reason, hard,"
        " side, diagnostic, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (i + 1, i // per_msg + 1, i % per_msg + 1, REASONS[k][1], int(r), emails[r], domains[r % 500], "failed",
             REASONS[k][2], REASONS[k][3], REASONS[k][4], "recipient", REASONS[k][5].format(r=emails[r]), int(a))
            for i, (k, r, a) in enumerate(zip(kinds.tolist(), rec_of.tolist(), at.tolist(), strict=True))
        ),
    )  # fmt: skip
    conn.execute(
        "INSERT INTO daily_rollup(day, kind, reason, domain, count)"
        " SELECT at / 86400, kind, reason, domain, count(*) FROM results GROUP BY 1, 2, 3, 4"
    )
    conn.execute(
        "INSERT INTO daily_totals(day, kind, reason, count)"
        " SELECT day, kind, reason, sum(count) FROM daily_rollup GROUP BY 1, 2, 3"
    )
    conn.execute(
        "INSERT INTO sender_alerts(account_id, reason, count, first_at, last_at)"
        " SELECT 0, reason, count(*), min(at), max(at) FROM results WHERE reason IN ('blocked') GROUP BY reason"
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    print(
        f"generated {n_results:,} results / {n_recipients:,} recipients in {time.perf_counter() - t0:.1f} s"
    )


def store_for(n_results: int, n_recipients: int) -> Path:
    from bouncedesk.store.schema import SCHEMA_VERSION

    folder = CACHE / f"gui-{n_results}-{n_recipients}-v{SCHEMA_VERSION}"
    db = folder / "bouncedesk.sqlite3"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        generate(db, n_results, n_recipients)
        (folder / "done").write_text("ok")
    populate_features(folder)
    return folder


def feature_module(name: str):
    """benchmarks/<name>.py loaded, or None while that feature's benchmark is not built."""
    path = Path(__file__).with_name(f"{name}.py")
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def populate_features(folder: Path) -> None:
    """Let each built feature add its rows to the cached store, once (a marker file per feature)."""
    from bouncedesk.store.db import connect

    for name in FEATURES:
        marker = folder / f"populated-{name}"
        module = feature_module(name)
        if module is None or marker.exists():
            continue
        t0 = time.perf_counter()
        conn = connect(folder / "bouncedesk.sqlite3")
        try:
            module.populate(conn, NOW)
            conn.commit()
        finally:
            conn.close()
        marker.write_text("ok")
        print(f"{name}: populated the store in {time.perf_counter() - t0:.1f} s")


def feature_rows(data: Path) -> list[str]:
    """Each feature's measured rows beside its goal, or that it is not built yet."""
    out = []
    for name in FEATURES:
        module = feature_module(name)
        if module is None:
            out.append(f"{name}: not built")
            continue
        for what, ms, goal in module.measure(data / "bouncedesk.sqlite3", NOW):
            out.append(f"{what}: {ms:.1f} ms (goal <= {goal:.0f} ms) {'pass' if ms <= goal else 'FAIL'}")
    return out


def check_row(addresses: int = CHECK_ADDRESSES) -> str:
    """`bouncedesk check` of a generated list, timed by benchmarks/list_check.py's own code."""
    took, _lines, code = feature_module("list_check").time_check(addresses)
    ok = code == 0 and took <= CHECK_GOAL_S
    return (f"check of a {addresses:,}-address list: {took:.2f} s (goal <= {CHECK_GOAL_S:.0f} s) "
            f"{'pass' if ok else 'FAIL'}")  # fmt: skip


def fresh_copy(src: Path, dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for name in ("bouncedesk.sqlite3", "bouncedesk.sqlite3-wal", "bouncedesk.sqlite3-shm"):
        if (src / name).exists():
            shutil.copy2(src / name, dst / name)
    return dst


# --- 2. start to interactive (child process) -----------------------------------------------------


def child_start(data_dir: str) -> int:
    """Runs in a fresh interpreter: build the app as `bouncedesk` does; say when it is interactive
    (tiles, chart, reasons and domains painted) and when the status codes are in as well."""
    t_imports = time.perf_counter()
    from PySide6.QtCore import QTimer

    from bouncedesk.ui import theme
    from bouncedesk.ui.app import GuiApp, configure_pyqtgraph, make_qapp, setup_logging
    from bouncedesk.ui.context import AppContext
    from bouncedesk.ui.i18n import install_language
    from bouncedesk.ui.prefs import Prefs

    app = make_qapp()
    install_language("en")
    configure_pyqtgraph(theme.apply_theme(app, "light"))
    ctx = AppContext.open(Path(data_dir), clock=lambda: NOW)
    gui = GuiApp(ctx, Prefs(Path(data_dir) / "bench-prefs.ini"), setup_logging(None))
    gui.window.resize(1280, 820)
    gui.window.show()
    d = gui.controller.dashboard

    def painted(what: str) -> None:
        gui.window.repaint()
        print(f"{what} {time.perf_counter() - t_imports:.3f}", flush=True)
        if d.data is not None and d.data.codes is not None:
            QTimer.singleShot(0, app.quit)

    d.loaded.connect(lambda: painted("INTERACTIVE"))
    d.codesLoaded.connect(lambda: painted("CODES"))
    app.exec()
    gui.shutdown()
    ctx.close()
    return 0


def measure_start(data_dir: Path, runs: int = 3) -> list[tuple[float, float]]:
    """Wall time from starting the process until it reports the dashboard painted (not its exit),
    and until the status-code breakdown (the one part read from results) is in too."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child-start", str(data_dir)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
        marks: dict[str, float] = {}
        for line in proc.stdout:
            marks.setdefault(line.split()[0], time.perf_counter() - t0)
        proc.wait(timeout=120)
        if "INTERACTIVE" not in marks or "CODES" not in marks:
            raise SystemExit("the child did not reach the dashboard")
        times.append((marks["INTERACTIVE"], max(marks["CODES"], marks["INTERACTIVE"])))
    return times


# --- 3.-5. in-process measurements ----------------------------------------------------------------


class Gui:
    def __init__(self, data_dir: Path) -> None:
        from bouncedesk.ui import theme
        from bouncedesk.ui.app import GuiApp, configure_pyqtgraph, make_qapp, setup_logging
        from bouncedesk.ui.context import AppContext
        from bouncedesk.ui.i18n import install_language
        from bouncedesk.ui.prefs import Prefs

        self.app = make_qapp()
        install_language("en")
        configure_pyqtgraph(theme.apply_theme(self.app, "light"))
        self.ctx = AppContext.open(data_dir, clock=lambda: NOW)
        self.gui = GuiApp(self.ctx, Prefs(data_dir / "bench-prefs.ini"), setup_logging(None))
        self.c = self.gui.controller
        self.w = self.gui.window
        self.w.resize(1280, 820)
        self.w.show()
        self.wait(lambda: self.c.dashboard.data is not None)

    def wait(self, cond, timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            self.app.processEvents()
            time.sleep(0.0005)

    def switch(self, page: str) -> tuple[float, float]:
        """Click in the sidebar: ms until the first rows are painted, and until the whole list is in."""
        t0 = time.perf_counter()
        self.w.nav.setCurrentRow(self.c.PAGES_INDEX[page])
        ctrl = self.c.pages[page]
        model = getattr(ctrl, "model", None)
        if model is None:
            self.wait(lambda: getattr(ctrl, "data", True) is not None)
            self.w.stack.currentWidget().repaint()
            ms = (time.perf_counter() - t0) * 1000
            return ms, ms
        self.wait(lambda: model.rowCount() > 0 or not model.is_loading)
        ctrl.view.table.viewport().repaint()
        first = (time.perf_counter() - t0) * 1000
        self.wait(lambda: not model.is_loading)
        ctrl.view.table.viewport().repaint()
        return first, (time.perf_counter() - t0) * 1000

    def scroll_to_last(self, page: str) -> tuple[float, int]:
        ctrl = self.c.pages[page]
        ctrl.model._pages.clear()  # cold page cache: the last page is read from the store
        t0 = time.perf_counter()
        ctrl.view.table.scrollToBottom()
        ctrl.view.table.viewport().repaint()
        ms = (time.perf_counter() - t0) * 1000
        last = ctrl.view.table.rowAt(ctrl.view.table.viewport().height() - 2)
        return ms, last

    def close(self) -> None:
        self.gui.shutdown()
        self.ctx.close()


def sync_stall(gui: Gui, messages: int, workdir: Path) -> dict:
    from PySide6.QtCore import QTimer
    from tests.integration import mailgen
    from tests.integration.dovecot import Dovecot

    from bouncedesk import store
    from bouncedesk.accounts.registry import add_account
    from bouncedesk.mail.accounts import Account
    from bouncedesk.mail.secrets import SecretStore

    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    secrets = SecretStore.open()
    secrets.backend.file_path = str(workdir / "keyring.cfg")
    d = Dovecot()
    try:
        d.start()
        d.write_maildir(m for _, m in mailgen.mixed(messages, bounce_every=2, tag="gs"))
        d.uids()  # let Dovecot index the maildir before the clock starts
        acc = Account("bench", "127.0.0.1", "alice", port=d.port, security="plain")
        add_account(gui.ctx.conn, secrets, acc, password=d.users["alice"], now=NOW)
        gui.c.sync.secrets_factory = lambda _conn: secrets
        gaps: list[float] = []
        last = [time.perf_counter()]

        big: list[tuple[float, float]] = []  # (when, gap) of the longest stalls, for the report

        def beat() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            if now - last[0] > 0.04:
                big.append((now - t0, now - last[0]))
            last[0] = now

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(beat)
        gui.c.show_page("dashboard")
        done: list = []
        gui.c.sync.finished.connect(done.append)
        timer.start()
        last[0] = time.perf_counter()
        t0 = time.perf_counter()
        gui.c.start_sync()
        gui.wait(lambda: bool(done), timeout=900)
        elapsed = time.perf_counter() - t0
        # the views reload after the sync: keep beating until that settled too
        end = time.perf_counter() + 1.0
        gui.wait(lambda: time.perf_counter() > end)
        timer.stop()
        summary = done[0]
        if summary.error:
            raise SystemExit(f"sync failed: {summary.error}")
        stored = store.store_counts(gui.ctx.conn)["messages"]
        if os.environ.get("BENCH_VERBOSE"):
            print("stalls > 40 ms (s after start, ms):", [(round(w, 2), round(g * 1000)) for w, g in big])
        return {"seconds": elapsed, "max_gap_ms": max(gaps) * 1000, "beats": len(gaps),
                "p99_gap_ms": sorted(gaps)[int(len(gaps) * 0.99)] * 1000, "checked": summary.checked,
                "new": summary.new, "messages_in_store": stored}  # fmt: skip
    finally:
        d.cleanup()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--quick", action="store_true", help="100,000 results / 20,000 recipients, 2,000 messages"
    )
    ap.add_argument("--results", type=int)
    ap.add_argument("--recipients", type=int)
    ap.add_argument("--messages", type=int)
    ap.add_argument("--no-sync", action="store_true", help="skip the Dovecot sync measurement")
    ap.add_argument("--no-check", action="store_true", help="skip the 100,000-address list check")
    ap.add_argument("--child-start", metavar="DIR", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_start:
        return child_start(args.child_start)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    n_res = args.results or (100_000 if args.quick else 1_000_000)
    n_rec = args.recipients or (20_000 if args.quick else 200_000)
    n_msg = args.messages or (2_000 if args.quick else 10_000)
    src = store_for(n_res, n_rec)
    work = Path(tempfile.mkdtemp(prefix="bd-gui-bench-"))
    try:
        data = fresh_copy(src, work / "store")
        print(f"store: {n_res:,} results, {n_rec:,} recipients, "
              f"{(data / 'bouncedesk.sqlite3').stat().st_size / 1e6:.0f} MB")  # fmt: skip

        starts = measure_start(data)
        firsts = [a for a, _ in starts]
        print(f"start to interactive dashboard: {min(firsts):.2f} s best, {max(firsts):.2f} s worst of "
              f"{len(starts)} (goal <= 2 s); status codes in at {min(b for _, b in starts):.2f} s best")  # fmt: skip

        from bouncedesk.ui.mainwindow import PAGES

        g = Gui(data)
        g.c.PAGES_INDEX = {p: i for i, p in enumerate(PAGES)}
        pages = ("retries", "recipients", "bounces", "suppressions", "accounts", "log")
        cold = {p: g.switch(p) for p in pages}
        g.switch("dashboard")
        warm = {p: g.switch(p) for p in (*pages[:4], "dashboard")}
        rows = {p: g.c.pages[p].model.rowCount() for p in pages[:4]}
        print("view switch, first visit, ms to rows on screen (whole list in): "
              + ", ".join(f"{p} {a:.0f} ({b:.0f})" for p, (a, b) in cold.items())
              + f"; worst {max(a for a, _ in cold.values()):.0f} (goal <= 200)")  # fmt: skip
        print("view switch, again, ms: " + ", ".join(f"{p} {b:.0f}" for p, (_, b) in warm.items())
              + f"; worst {max(b for _, b in warm.values()):.0f} (goal <= 200)")  # fmt: skip
        print("rows: " + ", ".join(f"{p} {n:,}" for p, n in rows.items()))
        g.switch("bounces")
        ms, last = g.scroll_to_last("bounces")
        print(f"scroll to the last row of Bounces ({rows['bounces']:,} rows): {ms:.1f} ms, last visible row "
              f"{last + 1:,} (goal <= 200 ms)")  # fmt: skip
        if not args.no_sync:
            r = sync_stall(g, n_msg, work)
            print(f"sync of {r['checked']:,} messages from Dovecot into this store: {r['seconds']:.1f} s, "
                  f"{r['new']:,} new; event loop: longest stall {r['max_gap_ms']:.0f} ms, p99 {r['p99_gap_ms']:.0f} ms "
                  f"over {r['beats']:,} heartbeats of 5 ms (goal <= 100 ms)")  # fmt: skip
        g.close()
        for line in feature_rows(data):
            print(line)
        if not args.no_check:
            print(check_row())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
