"""Parse speed and memory, side by side with the Sisimai peer, in one run.

    python benchmarks/parse_speed.py [--copies 10] [--corpus ../shared/corpus]

Times the whole process (start-up included) of `bouncedesk parse --json` and of
`perl ../shared/bench/sisimai_peer.pl` over the same N copies of the corpus, prints both
times and the ratio, and the peak RSS of our parser at 1× and N× (and over one big mbox),
to show memory stays flat whatever the number of messages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one child process."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.PIPE, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.stderr.close()
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def make_copies(corpus: Path, dest: Path, copies: int) -> int:
    n = 0
    for i in range(copies):
        shutil.copytree(corpus / "emails", dest / f"copy{i:02d}")
        n += sum(1 for p in (dest / f"copy{i:02d}").rglob("*") if p.is_file())
    return n


def make_mbox(corpus: Path, dest: Path, copies: int) -> int:
    n = 0
    with open(dest, "wb") as out:
        for _ in range(copies):
            for p in sorted((corpus / "emails" / "bsd").glob("*.eml")):
                data = p.read_bytes().replace(b"\r\n", b"\n")
                lines = [b">" + ln if ln.lstrip(b">").startswith(b"From ") else ln for ln in data.split(b"\n")]
                out.write(b"From MAILER-DAEMON Thu Mar  5 12:00:00 2026\n" + b"\n".join(lines) + b"\n\n")
                n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--peer", type=Path, default=ROOT.parent / "shared" / "bench" / "sisimai_peer.pl")
    a = ap.parse_args()
    ours = [sys.executable, "-m", "bouncedesk", "parse", "--json"]
    have_peer = subprocess.run(["perl", "-MSisimai", "-e1"], capture_output=True).returncode == 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one, many = tmp / "one", tmp / "many"
        n1 = make_copies(a.corpus, one, 1)
        nn = make_copies(a.corpus, many, a.copies)
        mbox = tmp / "big.mbox"
        nm = make_mbox(a.corpus, mbox, a.copies * 3)

        t_ours, rss_many, rc = run_measured(ours + [str(many)])
        assert rc == 0, "bouncedesk parse failed"
        t_single, _, _ = run_measured(ours + ["--jobs", "1", str(many)])
        _, rss_one, _ = run_measured(ours + [str(one)])
        t_mbox, rss_mbox, _ = run_measured(ours + [str(mbox)])
        print(f"messages: {nn} files ({a.copies} copies of the corpus)")
        print(f"bouncedesk parse --json : {t_ours:7.2f} s  {nn / t_ours:7.0f} msg/s  peak RSS {rss_many:6.1f} MB")
        print(f"  the same on one core    : {t_single:7.2f} s  {nn / t_single:7.0f} msg/s  (--jobs 1)")
        if have_peer:
            t_peer, rss_peer, _ = run_measured(["perl", str(a.peer), str(many)])
            print(f"sisimai_peer.pl         : {t_peer:7.2f} s  {nn / t_peer:7.0f} msg/s  peak RSS {rss_peer:6.1f} MB")
            print(f"speed ratio (peer/ours) : {t_peer / t_ours:7.2f}x   (goal >= 2x); one core: {t_peer / t_single:.2f}x")
        else:
            print("sisimai_peer.pl         : skipped (apt-get install libsisimai-perl)")
        print(f"peak RSS at 1x ({n1} msgs): {rss_one:6.1f} MB; at {a.copies}x ({nn} msgs): {rss_many:6.1f} MB; "
              f"one mbox of {nm} msgs: {rss_mbox:6.1f} MB in {t_mbox:.2f} s   (goal < 150 MB, flat)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
