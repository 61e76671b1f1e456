"""Hostile bounces: parse time and peak memory of inputs made to hurt the parser.

    python benchmarks/adversarial.py [--only NAME ...] [--scale 1.0]

Every byte of a bounce is written by a stranger. This builds the inputs such a stranger could
send (a diagnostic of a.a.a.…, a 1 MB line, a 1 MB header, 10,000 recipients, a million folded
header lines or MIME parts, message/rfc822 nested thousands deep) and parses each in a fresh
child process (`analyze_message`, the path `parse` and ingest take), printing its size, parse
time, peak RSS and outcome. Goal per input: at most 1 s per MB of input (0.1 s at least for the
small ones) and 300 MB, and parsed, not given up on the time budget.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
GOAL_S_PER_MB = 1.0
GOAL_MIN_S = 0.1  # below 100 KB an input still gets 0.1 s: timer and cache noise, not the parser
GOAL_RSS_MB = 300

_HEAD = ("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: team@sender.example\n"
         "Subject: Undelivered Mail Returned to Sender\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n"
         "Message-ID: <adversarial@mx.example.net>\nMIME-Version: 1.0\n")


def _dsn_block(rcpt: str, diag: str = "550 5.1.1 user unknown") -> str:
    return f"Final-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; {diag}\n"


def dsn(blocks: list[str], text: str = "Your message could not be delivered to some recipients.") -> bytes:
    """A multipart/report DSN with the given per-recipient blocks."""
    return (
        _HEAD + 'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\n\n'
        "--b1\nContent-Type: text/plain\n\n" + text + "\n\n"
        "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
        + "\n".join(blocks)
        + "\n--b1\nContent-Type: text/rfc822-headers\n\nFrom: team@sender.example\nTo: u@example.com\n"
        "Subject: hello\nMessage-ID: <orig@sender.example>\n\n--b1--\n"
    ).encode()


def text_bounce(body: str, head: str = _HEAD) -> bytes:
    """A plain-text bounce (qmail/Exim style) with the given body."""
    return (head + "Content-Type: text/plain; charset=us-ascii\n\n"
            "Hi. This is the mail delivery system. I'm afraid I wasn't able to deliver your message "
            "to the following addresses. This is a permanent error; I've given up.\n\n" + body + "\n").encode()


def dotted_diagnostic(size: int) -> bytes:
    return dsn([_dsn_block("u@example.com", "550 5.1.1 " + "a." * (size // 2))])


def long_line(size: int) -> bytes:
    """One body line: dots, at signs, quotes, angle brackets and words, the shapes the scanners look for."""
    unit = "a.a.a an'an'to: <x@y rcpt to:<a.b.c 550 5.1.1 @@ --==<<>> "
    return text_bounce("<u@example.com>:\n" + (unit * (size // len(unit) + 1))[:size])


def long_line_local(size: int) -> bytes:
    """One body line of address characters without an at sign (what an address pattern scans)."""
    return text_bounce("<u@example.com>:\n550 " + "x" * size)


def big_header(size: int) -> bytes:
    """A 1 MB From: and Subject: (a person or a spammer can write any header)."""
    value = ("a." * (size // 4))
    return text_bounce("<u@example.com>: 550 5.1.1 user unknown",
                       head=_HEAD.replace("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
                                          "From: " + value).replace("Subject: Undelivered Mail Returned to Sender",
                                                                    "Subject: undeliverable " + value))


def text_recipients(n: int) -> bytes:
    return text_bounce("\n".join(f"<user{i}@example.com>:\n550 5.1.1 user unknown\n" for i in range(n)))


def dsn_recipients(n: int) -> bytes:
    return dsn([_dsn_block(f"user{i}@example.com") for i in range(n)])


def folded_header(lines: int) -> bytes:
    return (_HEAD.replace("Subject: Undelivered Mail Returned to Sender\n",
                          "Subject: Undelivered Mail Returned to Sender\n" + " x\n" * lines)
            + "Content-Type: text/plain\n\n<u@example.com>: 550 5.1.1 user unknown\n").encode()


def mime_parts(n: int) -> bytes:
    return (_HEAD + 'Content-Type: multipart/mixed; boundary="p"\n\n' + "--p\n\nx\n" * n + "--p--\n").encode()


def nested_messages(depth: int) -> bytes:
    head = "Content-Type: message/rfc822\n\n"
    return (_HEAD + head * depth + "From: a@example.com\nSubject: inner\n\nx\n").encode()


def nested_multiparts(depth: int) -> bytes:
    parts = "".join(f'Content-Type: multipart/mixed; boundary="n{i}"\n\n--n{i}\n' for i in range(depth))
    return (_HEAD + parts + "Content-Type: text/plain\n\n<u@example.com>: 550 user unknown\n").encode()


def html_tags(size: int) -> bytes:
    return (_HEAD + "Content-Type: text/html\n\n<p>undeliverable<br>" + "<script<a " * (size // 10) + "\n").encode()


def encoded_words(size: int) -> bytes:
    """A Subject of RFC 2047 look-alikes that never close (quadratic for email.header)."""
    return text_bounce("<u@example.com>: 550 5.1.1 user unknown",
                       head=_HEAD.replace("Subject: Undelivered Mail Returned to Sender",
                                          "Subject: " + "=?a?q?x" * (size // 7)))


def slow_charset(size: int) -> bytes:
    """A body in a charset whose codec is quadratic (punycode)."""
    return (_HEAD + "Content-Type: text/plain; charset=punycode\n\n<u@example.com>: 550 user unknown\n"
            + "a-" + "b" * size + "\n").encode()


def ses_json(size: int) -> bytes:
    """An Amazon SES notification that never closes (each "}" was once a retry of the whole document)."""
    return (_HEAD + 'Content-Type: text/plain\n\n{"notificationType": "Bounce", "bounce": [' + "{}" * (size // 2)
            + "\n").encode()


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "dotted-diagnostic-8k": ("Diagnostic-Code: 550 a.a.a.… (8 KB)", lambda: dotted_diagnostic(8 * 1024)),
    "dotted-diagnostic-1m": ("Diagnostic-Code: 550 a.a.a.… (1 MB)", lambda: dotted_diagnostic(MB)),
    "long-line-1m": ("one 1 MB body line of mixed shapes", lambda: long_line(MB)),
    "long-line-local-1m": ("one 1 MB line of address characters", lambda: long_line_local(MB)),
    "header-1m": ("1 MB From: and Subject: headers", lambda: big_header(MB)),
    "text-recipients-10k": ("text bounce naming 10,000 recipients", lambda: text_recipients(10_000)),
    "dsn-recipients-50k": ("DSN with 50,000 recipient blocks", lambda: dsn_recipients(50_000)),
    "folded-header-1m": ("one header folded over 1M lines", lambda: folded_header(1_000_000)),
    "mime-parts-1m": ("multipart with 1M parts", lambda: mime_parts(1_000_000)),
    "nested-rfc822-10k": ("message/rfc822 nested 10,000 deep", lambda: nested_messages(10_000)),
    "nested-multipart-10k": ("multipart nested 10,000 deep", lambda: nested_multiparts(10_000)),
    "html-tags-1m": ("1 MB of unclosed HTML tags", lambda: html_tags(MB)),
    "encoded-words-1m": ("1 MB Subject of unclosed =?a?q?x words", lambda: encoded_words(MB)),
    "punycode-body-1m": ("1 MB body declared charset=punycode", lambda: slow_charset(MB)),
    "ses-json-1m": ("1 MB SES JSON notification that never closes", lambda: ses_json(MB)),
}


def child(path: str) -> int:
    """Runs in the measured process: parse one message, print what happened as JSON."""
    sys.path.insert(0, str(ROOT / "desktop"))
    from bouncedesk.intake.analysis import analyze_message

    analyze_message(dsn([_dsn_block("warm@example.com")]))  # rules compiled, caches warm: not the input's cost
    data = Path(path).read_bytes()
    t0 = time.perf_counter()
    a = analyze_message(data)
    elapsed = time.perf_counter() - t0
    print(json.dumps({"seconds": elapsed, "outcome": a.parsed.outcome, "results": len(a.results),
                      "note": a.parsed.error}))
    return 0


def measure(data: bytes) -> tuple[dict, float]:
    """(the child's report, its peak RSS in MB)."""
    with tempfile.NamedTemporaryFile(suffix=".eml") as fh:
        fh.write(data)
        fh.flush()
        proc = subprocess.Popen([sys.executable, __file__, "--child", fh.name], stdout=subprocess.PIPE)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        return {"seconds": float("nan"), "outcome": "crashed", "results": 0, "note": ""}, usage.ru_maxrss / 1024
    return json.loads(out), usage.ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", choices=sorted(CASES), help="run just these inputs")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        return child(a.child)
    print(f"{'input':<22} {'size':>9} {'parse':>8} {'goal':>7} {'peak RSS':>9}  {'outcome':<12} {'results':>7}  ok  note")
    failed = 0
    for name in a.only or CASES:
        _, build = CASES[name]
        data = build()
        size_mb = len(data) / MB
        report, rss = measure(data)
        goal = max(GOAL_MIN_S, GOAL_S_PER_MB * size_mb)
        ok = report["seconds"] <= goal and rss <= GOAL_RSS_MB and report["outcome"] != "crashed" \
            and "longer than" not in report["note"]
        failed += not ok
        print(f"{name:<22} {size_mb:7.2f}MB {report['seconds']:7.3f}s {goal:6.2f}s {rss:7.1f}MB  "
              f"{report['outcome']:<12} {report['results']:>7}  {'yes' if ok else 'NO '} {report['note'][:60]}",
              flush=True)
    print(f"goal: each input at most {GOAL_S_PER_MB:.0f} s per MB (>= {GOAL_MIN_S} s) and {GOAL_RSS_MB} MB; "
          f"{'all met' if not failed else f'{failed} not met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
