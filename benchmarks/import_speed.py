"""Import speed: `bouncedesk import` against parse-only on the same files, in the same run.

    python benchmarks/import_speed.py [--messages 100000] [--quick] [--corpus ../shared/corpus]

Replicates the corpus with distinct Message-IDs (so no copy is a duplicate) into mbox files,
then times, in this one process and on one core, file by file and alternating:
  parse-only  iter_paths + analyze_message over every message (what `parse` does, no output)
  import      ingest.import_paths into one growing store (parse + store + policy + rollups)
and prints messages per second (wall and CPU time) and the store's overhead (goal: at most
25 %). A second import of all files shows the duplicate fast path.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from bouncedesk import store  # noqa: E402
from bouncedesk.intake.analysis import analyze_message  # noqa: E402
from bouncedesk.intake.ingest import ImportCounts, import_paths  # noqa: E402
from bouncedesk.intake.sources import iter_paths  # noqa: E402

_MSGID = re.compile(rb"^Message-ID:[^\n]*\n", re.IGNORECASE | re.MULTILINE)
PER_MBOX = 2500


def corpus_messages(corpus: Path) -> list[bytes]:
    """Every corpus message with LF line ends (mbox needs them), in a stable order."""
    out = []
    for p in sorted((corpus / "emails").rglob("*")):
        if p.is_file():
            out.append(p.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n"))
    return out


def with_message_id(data: bytes, mid: bytes) -> bytes:
    """The message with its own Message-ID replaced (or added): distinct bytes per copy."""
    head, sep, body = data.partition(b"\n\n")
    header = b"Message-ID: " + mid + b"\n"
    head2, n = _MSGID.subn(header, head + b"\n", count=1)
    if n == 0:
        head2 = header + head + b"\n"
    return head2.rstrip(b"\n") + sep + body


def escape_from(data: bytes) -> bytes:
    lines = data.split(b"\n")
    return b"\n".join(b">" + ln if ln.lstrip(b">").startswith(b"From ") else ln for ln in lines)


def make_input(corpus: Path, dest: Path, total: int) -> int:
    base = corpus_messages(corpus)
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    out = None
    for i in range(total):
        if i % PER_MBOX == 0:
            if out:
                out.close()
            out = open(dest / f"bounces-{i // PER_MBOX:04d}.mbox", "wb")  # noqa: SIM115
        data = with_message_id(base[i % len(base)], f"<bench-{i}@bouncedesk.invalid>".encode())
        out.write(b"From MAILER-DAEMON Thu Mar  5 12:00:00 2026\n" + escape_from(data) + b"\n\n")
        n += 1
    if out:
        out.close()
    return n


def parse_only(paths: list[str]) -> tuple[int, float, float]:
    """(messages, wall s, CPU s) of reading and parsing, nothing stored."""
    w, c = time.perf_counter(), time.process_time()
    n = 0
    for raw in iter_paths(paths):
        analyze_message(raw.data)
        n += 1
    return n, time.perf_counter() - w, time.process_time() - c


def import_run(db: Path, paths: list[str]):
    """(counts, wall s, CPU s) of one `import` into the store at `db`."""
    conn = store.connect(db)
    try:
        w, c = time.perf_counter(), time.process_time()
        counts = import_paths(conn, paths, int(time.time()))
        return counts, time.perf_counter() - w, time.process_time() - c
    finally:
        conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--quick", action="store_true", help="5,000 messages: a smoke run")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    total = 5000 if args.quick else args.messages

    with tempfile.TemporaryDirectory(prefix="bd-import-bench-") as tmp:
        tmpd = Path(tmp)
        t0 = time.perf_counter()
        made = make_input(args.corpus, tmpd / "in", total)
        size = sum(p.stat().st_size for p in (tmpd / "in").iterdir()) / 1e6
        print(f"input: {made} messages in {len(list((tmpd / 'in').iterdir()))} mbox files, {size:.0f} MB "
              f"(made in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        # Interleaved per mbox file, so both sides meet the same machine load (it is shared here);
        # the store keeps growing, so the import pays for a store of up to N messages.
        db = tmpd / "store.sqlite3"
        p_n = p_wall = p_cpu = i_wall = i_cpu = 0.0
        total = ImportCounts()
        for f in sorted((tmpd / "in").iterdir()):
            n, w, c = parse_only([str(f)])
            p_n, p_wall, p_cpu = p_n + n, p_wall + w, p_cpu + c
            counts, w, c = import_run(db, [str(f)])
            total.add(counts)
            i_wall, i_cpu = i_wall + w, i_cpu + c
        n = int(p_n)
        print(f"parse-only : {n} messages, wall {p_wall:7.2f} s = {n / p_wall:6.0f} msg/s,"
              f" CPU {p_cpu:7.2f} s = {n / p_cpu:6.0f} msg/s")  # fmt: skip
        print(f"import     : {total.messages} messages, wall {i_wall:7.2f} s = {total.messages / i_wall:6.0f} msg/s,"
              f" CPU {i_cpu:7.2f} s = {total.messages / i_cpu:6.0f} msg/s")  # fmt: skip
        print(f"             new {total.new}, duplicates {total.duplicates}, bounces {total.bounces},"
              f" unparseable {total.unparseable}")  # fmt: skip
        over_cpu, over_wall = i_cpu / p_cpu - 1, i_wall / p_wall - 1
        print(f"store overhead: CPU {over_cpu * 100:+.1f} %, wall {over_wall * 100:+.1f} %"
              f" (goal <= 25 %: {'met' if over_cpu <= 0.25 else 'NOT met'} on CPU time;"
              f" wall time also carries the other processes on this shared machine)")  # fmt: skip
        again, w, c = import_run(db, [str(tmpd / "in")])
        print(f"re-import  : {again.messages} messages, wall {w:7.2f} s = {again.messages / w:6.0f} msg/s"
              f"  (new {again.new}, duplicates {again.duplicates})")  # fmt: skip
        db = tmpd / "store.sqlite3"
        wal = Path(str(db) + "-wal")
        conn = store.connect(db)
        c = store.store_counts(conn)
        conn.close()
        mb = (db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6
        print(f"store: {mb:.0f} MB for {c['messages']} messages, {c['results']} results, {c['recipients']} recipients")
    return 0


if __name__ == "__main__":
    sys.exit(main())
