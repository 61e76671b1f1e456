"""IMAP sync speed and IDLE latency against a local Dovecot, side by side with a bare fetch.

    python benchmarks/imap_sync.py [--messages 20000] [--rounds 2] [--idle-samples 10]

1. A private Dovecot (same fixture code as the tests) gets N messages, half of them bounces
   (RFC 3464 reports) and half ordinary mail of 1-20 KB, written to its maildir and indexed.
2. In the same run, alternating, `--rounds` times each (median and best reported):
   - bare:  imapclient, `UID FETCH <500 uids> BODY.PEEK[]` over all N messages, nothing else;
   - ours:  `poller.sync_accounts` into a fresh store: header prefilter, download of the
            candidates, parse + classify + store + policy, folder position per batch; its parse
            workers' fork server is stopped after each round, so every round pays its start.
   Both sides get one unmeasured warm-up first (the server indexes the maildir and caches the
   header fields each side asks for); that cold first sync of ours is printed too.
   Prints both times and the ratio of the medians (goal: ours <= 1.5x bare).
   Memory: `bouncedesk sync` as a child process over N/4 and over N messages; peak RSS of the
   child and of the child with its parse workers (sampled every 20 ms): flat memory means the
   two runs are close.
3. The Sent-folder step over `--sent-messages` sent messages (`--only-sent`: only this): dates
   only, as before provenance, against dates + header fields parsed and stored.
4. IDLE latency: a watcher thread idles on INBOX; a bounce is APPENDed; time until it is a row
   in the store (read through a separate connection). Median and max of `--idle-samples`
   (goal: <= 2 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))

from tests.integration import mailgen  # noqa: E402
from tests.integration.dovecot import Dovecot  # noqa: E402
from tests.integration.proctree import tree_rss_mb  # noqa: E402

from bouncedesk import store  # noqa: E402
from bouncedesk.accounts.registry import add_account  # noqa: E402
from bouncedesk.intake.poller import sync_accounts, watch  # noqa: E402
from bouncedesk.mail.accounts import Account  # noqa: E402
from bouncedesk.mail.secrets import SecretStore  # noqa: E402
from bouncedesk.mail.watch import WatchOptions  # noqa: E402

BATCH = 500


def messages(n: int, sizes: list[int]) -> Iterator[bytes]:
    """n messages, every other one a bounce; ordinary ones 1-20 KB (deterministic); sizes appended."""
    for i in range(n):
        if i % 2 == 0:
            m = mailgen.dsn(i, "bench")
        else:
            m = mailgen.ordinary(i, "bench", size=1000 + (i * 7919) % 19000)
        sizes.append(len(m))
        yield m


def bare_fetch(d: Dovecot) -> tuple[float, int]:
    """The peer: fetch every message whole, in batches, with nothing done to it."""
    from imapclient import IMAPClient

    t0 = time.perf_counter()
    total = 0
    c = IMAPClient("127.0.0.1", port=d.port, ssl=False)
    c.login("alice", d.users["alice"])
    c.select_folder("INBOX", readonly=True)
    uids = sorted(c.search("ALL"))
    for i in range(0, len(uids), BATCH):
        for data in c.fetch(uids[i : i + BATCH], ["BODY.PEEK[]"]).values():
            total += len(data[b"BODY[]"])
    c.logout()
    return time.perf_counter() - t0, total


def stop_parse_workers() -> None:
    """End multiprocessing's fork server (private API; benchmark only), so the next sync starts it again."""
    import multiprocessing.forkserver

    multiprocessing.forkserver._forkserver._stop()


def our_sync(d: Dovecot, workdir: Path, secrets: SecretStore, tag: str) -> tuple[float, dict]:
    conn = store.connect(workdir / f"store-{tag}.sqlite3")
    name = f"bench-{tag}"
    add_account(conn, secrets, Account(name, "127.0.0.1", "alice", port=d.port, security="plain"),
                password=d.users["alice"], now=int(time.time()))
    t0 = time.perf_counter()
    report = sync_accounts(conn, secrets, [name])[0].totals
    elapsed = time.perf_counter() - t0
    stop_parse_workers()
    counts = {"checked": report.checked, "fetched": report.fetched, "new": report.new,
              "new_bounces": report.new_bounces}
    conn.close()
    return elapsed, counts


def cli_sync_rss(d: Dovecot, workdir: Path, secrets: SecretStore, folder: str, tag: str) -> tuple[float, float, float]:
    """`bouncedesk sync` in a child process over one folder: (wall seconds incl. start-up, peak RSS
    of the child in MB, peak RSS of the child and its parse workers together in MB)."""
    data_dir = workdir / f"cli-{tag}"
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    add_account(conn, secrets, Account(tag, "127.0.0.1", "alice", port=d.port, security="plain", folders=(folder,)),
                password=d.users["alice"], now=int(time.time()))
    conn.close()
    # The peak RSS is read inside the child (VmHWM): a forked child's ru_maxrss would also count
    # this parent's pages from before the exec.
    cmd = [sys.executable, "-c", _CHILD, "--data-dir", str(data_dir), "sync", "--account", tag]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT / "desktop")})
    tree_peak = 0.0
    while proc.poll() is None:
        tree_peak = max(tree_peak, tree_rss_mb(proc.pid))
        time.sleep(0.02)
    _out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"bouncedesk sync failed: {err}")
    peak = next((ln.split()[1] for ln in err.splitlines() if ln.startswith("VmHWM")), "0")
    return time.perf_counter() - t0, int(peak) / 1024, tree_peak


_CHILD = """import atexit, runpy, sys
def peak():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM'):
            sys.stderr.write(line)
atexit.register(peak)
sys.argv[0] = 'bouncedesk'
runpy.run_module('bouncedesk', run_name='__main__', alter_sys=True)
"""


def idle_latency(d: Dovecot, workdir: Path, secrets: SecretStore, samples: int) -> list[float]:
    path = workdir / "store-idle.sqlite3"
    conn = store.connect(path)
    add_account(conn, secrets, Account("idle", "127.0.0.1", "alice", port=d.port, security="plain",
                                       folders=("Idle",)), password=d.users["alice"], now=int(time.time()))
    d.create_folder("Idle")
    conn.close()
    cancel, ready = threading.Event(), threading.Event()

    def run() -> None:
        wconn = store.connect(path)
        try:
            watch(wconn, secrets, "idle", cancel, watch_options=WatchOptions(poll_interval=3600, tick=0.5),
                  on_report=lambda r: ready.set())
        finally:
            wconn.close()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    ready.wait(30)
    reader = store.connect(path)
    out = []
    with d.client() as sender:
        for k in range(samples):
            time.sleep(0.3)  # let the watcher get back into IDLE
            t0 = time.perf_counter()
            sender.append("Idle", mailgen.dsn(100_000 + k, "idle"))
            while reader.execute("SELECT count(*) FROM messages").fetchone()[0] < k + 1:
                if time.perf_counter() - t0 > 30:
                    raise SystemExit("IDLE: a bounce did not arrive within 30 s")
                time.sleep(0.005)
            out.append(time.perf_counter() - t0)
    reader.close()
    cancel.set()
    t.join(10)
    return out


def sent_step(d: Dovecot, workdir: Path, secrets: SecretStore, n: int, rounds: int) -> None:
    """The Sent-folder step of a sync over n sent messages: dates only (what it read before
    provenance: UID FETCH INTERNALDATE, batches of 5000) against dates + capped header fields,
    parsed and stored (sent_messages, sent_recipients, counts), each into a fresh store."""
    from bouncedesk.accounts.registry import credentials_for, load_account
    from bouncedesk.intake.poller import StoreSyncTarget
    from bouncedesk.mail.imap import connect
    from bouncedesk.mail.sentcount import count_sent_folder

    d.write_maildir((mailgen.sent_message(i, "sent") for i in range(n)), folder="Sent")
    conn = store.connect(workdir / "store-sent-setup.sqlite3")
    add_account(conn, secrets, Account("sent", "127.0.0.1", "alice", port=d.port, security="plain"),
                password=d.users["alice"], now=int(time.time()))
    account = load_account(conn, "sent")
    creds = credentials_for(account, secrets)
    conn.close()

    def dates_only() -> float:
        t0 = time.perf_counter()
        with connect(account.endpoint(), creds, 0) as s:
            s.select("Sent", readonly=True)
            uids = s.uids_from(1)
            got = 0
            for i in range(0, len(uids), 5000):
                got += len(s.fetch_internal_dates(uids[i : i + 5000]))
        assert got == n, got
        return time.perf_counter() - t0

    def with_headers(tag: str) -> float:
        c = store.connect(workdir / f"store-sent-{tag}.sqlite3")
        add_account(c, secrets, Account("sent", "127.0.0.1", "alice", port=d.port, security="plain"),
                    password=d.users["alice"], now=int(time.time()))
        t0 = time.perf_counter()
        with connect(account.endpoint(), creds, 0) as s:
            report = count_sent_folder(s, account, StoreSyncTarget(c))
        elapsed = time.perf_counter() - t0
        assert report.counted == n and report.headers == n, report
        assert c.execute("SELECT count(*) FROM sent_recipients").fetchone()[0] == n
        c.close()
        return elapsed

    cold_dates = dates_only()
    cold_headers = with_headers("cold")  # Dovecot parses each message's header once and caches the fields
    print(f"Sent folder of {n}: first look (server caches cold): dates only {cold_dates:.2f} s, "
          f"dates + headers {cold_headers:.2f} s")
    before, after = [], []
    for r in range(rounds):
        before.append(dates_only())
        after.append(with_headers(str(r)))
    b, a = statistics.median(before), statistics.median(after)
    print(f"Sent step over {n} messages (median of {rounds}): before (dates only) {b:.2f} s, "
          f"now (dates + headers, parsed and stored) {a:.2f} s ({n / a:,.0f} msg/s)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=20_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--idle-samples", type=int, default=10)
    ap.add_argument("--sent-messages", type=int, default=20_000)
    ap.add_argument("--only-sent", action="store_true", help="only the Sent-folder step")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bd-bench-") as tmp:
        workdir = Path(tmp)
        # A real file keyring in the temp dir, found the same way by this process and the CLI child.
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
        os.environ["XDG_DATA_HOME"] = str(workdir / "xdg")
        secrets = SecretStore.open()
        d = Dovecot()
        try:
            d.start()
            if args.only_sent:
                sent_step(d, workdir, secrets, args.sent_messages, args.rounds)
                return 0
            t0 = time.perf_counter()
            sizes: list[int] = []
            d.write_maildir(messages(args.messages, sizes))
            d.write_maildir(messages(args.messages // 4, []), folder="Quarter")
            nbytes = sum(sizes)
            print(f"mailbox: {args.messages} messages ({args.messages // 2} bounces), {nbytes / 1e6:.1f} MB, "
                  f"prepared in {time.perf_counter() - t0:.1f} s")
            # Warm-up, one of each: Dovecot indexes the maildir and caches the header fields asked for.
            cold_bare, _ = bare_fetch(d)
            cold_ours, _ = our_sync(d, workdir, secrets, "warm-up")
            print(f"  warm-up (cold server caches): bare {cold_bare:.2f} s   ours {cold_ours:.2f} s")
            bare_times, our_times, counts = [], [], {}
            for r in range(args.rounds):
                bt, fetched = bare_fetch(d)
                bare_times.append(bt)
                ot, counts = our_sync(d, workdir, secrets, str(r))
                our_times.append(ot)
                print(f"  round {r + 1}: bare {bt:.2f} s ({fetched / 1e6:.1f} MB)   ours {ot:.2f} s  {counts}")
            bare, ours = statistics.median(bare_times), statistics.median(our_times)
            print(f"first sync of {args.messages} (median of {args.rounds}): ours {ours:.2f} s "
                  f"({args.messages / ours:,.0f} msg/s), bare UID FETCH BODY.PEEK[] {bare:.2f} s  ->  "
                  f"ratio {ours / bare:.2f}x (best times: {min(our_times) / min(bare_times):.2f}x; goal <= 1.5x)")
            tq, rq, wq = cli_sync_rss(d, workdir, secrets, "Quarter", "quarter")
            tf, rf, wf = cli_sync_rss(d, workdir, secrets, "INBOX", "full")
            print(f"`bouncedesk sync` child process: {args.messages // 4} messages {tq:.1f} s, peak RSS {rq:.0f} MB "
                  f"({wq:.0f} MB with its parse workers); {args.messages} messages {tf:.1f} s, peak RSS {rf:.0f} MB "
                  f"({wf:.0f} MB with its parse workers)")
            sent_step(d, workdir, secrets, args.sent_messages, args.rounds)
            lat = idle_latency(d, workdir, secrets, args.idle_samples)
            print(f"IDLE: append -> in store, {len(lat)} samples: median {statistics.median(lat):.3f} s, "
                  f"max {max(lat):.3f} s (goal <= 2 s)")
        finally:
            d.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
