"""Speed of `bouncedesk check` (goal: a 100,000-address list in at most 3 s).

    python benchmarks/list_check.py [--addresses 100000] [--recipients 50000]

Generates a list of N addresses (70 % at large providers, the rest over 20,000 company domains,
1 % typos, 1 % invalid, 2 % repeats, some role accounts) and a store of recipients in every state
(written straight into the table: this measures the check, not the ingest), then times the check
through the real CLI (`check LIST -o CLEAN --report FINDINGS`) and prints the figure.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from bouncedesk import store  # noqa: E402
from bouncedesk.cli.main import main  # noqa: E402

NOW = int(time.time())  # the CLI checks "recently bounced" against the real clock
BIG = ["gmail.com", "outlook.com", "hotmail.de", "yahoo.de", "aol.com", "icloud.com", "gmx.de", "web.de",
       "t-online.de", "freenet.de", "posteo.de"]  # fmt: skip
TYPOS = ["gmial.com", "hotmial.com", "yaho.de", "gmx.dee", "t-onlin.de", "gmail.con", "web.dee", "outlok.com"]
STATES = ["suppressed", "inactive", "paused", "retrying", "active"]


def make_list(path: Path, n: int, rnd: random.Random) -> list[str]:
    companies = [f"firma{i}-{rnd.choice(['gmbh', 'ag', 'shop'])}.{rnd.choice(['de', 'com', 'at', 'ch'])}"
                 for i in range(20_000)]  # fmt: skip
    emails: list[str] = []
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Vorname;Nachname;E-Mail;Ort\r\n")
        for i in range(n):
            r = rnd.random()
            if r < 0.02 and emails:
                e = rnd.choice(emails).upper()
            elif r < 0.03:
                e = f"kunde{i}@{rnd.choice(TYPOS)}"
            elif r < 0.04:
                e = rnd.choice([f"kunde{i}@@gmail.com", f"kunde {i}@web.de", f"kunde{i}.@gmx.de", f"kunde{i}"])
            elif r < 0.05:
                e = f"{rnd.choice(['info', 'noreply', 'admin', 'postmaster'])}@{rnd.choice(companies)}"
            elif r < 0.75:
                e = f"vorname.nachname{i}@{rnd.choice(BIG)}"
            else:
                e = f"person{i}@{rnd.choice(companies)}"
            emails.append(e)
            fh.write(f"Vorname{i};Nachname{i};{e};Stadt{i % 500}\r\n")
    return emails


def make_store(data_dir: Path, emails: list[str], n: int, rnd: random.Random) -> None:
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    picked = rnd.sample([e.lower() for e in emails if "@" in e], min(n, len(emails)))
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO recipients(email, domain, state, last_failure_at, first_seen_at, updated_at)"
            " VALUES (?,?,?,?,?,?)",
            [(e, e.rpartition("@")[2], STATES[i % 5], NOW - (i % 90) * 86400, NOW - 86400 * 100, NOW)
             for i, e in enumerate(picked)],
        )  # fmt: skip
    conn.close()


def time_check(addresses: int = 100_000, recipients: int = 50_000) -> tuple[float, list[str], int]:
    """(seconds, output lines, exit code) of `bouncedesk check` on a generated list and store
    (benchmarks/gui_scale.py prints this figure too)."""
    rnd = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        emails = make_list(t / "list.csv", addresses, rnd)
        make_store(t / "data", emails, recipients, rnd)
        out = StringIO()
        start = time.perf_counter()
        with redirect_stdout(out):
            code = main(["--data-dir", str(t / "data"), "check", str(t / "list.csv"), "-o", str(t / "clean.csv"),
                         "--report", str(t / "findings.csv")])  # fmt: skip
        return time.perf_counter() - start, out.getvalue().splitlines(), code


def main_(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--addresses", type=int, default=100_000)
    ap.add_argument("--recipients", type=int, default=50_000)
    args = ap.parse_args(argv)
    took, lines, code = time_check(args.addresses, args.recipients)
    total = next(line for line in lines if line.startswith("total"))
    print(total)
    print(lines[-1])
    print(f"check of {args.addresses:,} addresses ({args.recipients:,} recipients in the store): "
          f"{took:.2f} s (goal ≤ 3 s)")  # fmt: skip
    return 0 if code == 0 and took <= 3.0 else 1


if __name__ == "__main__":
    sys.exit(main_())
