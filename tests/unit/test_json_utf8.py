"""`bouncedesk parse --json` writes valid UTF-8 for every input (issue 13).

Hostile bytes: random bytes, invalid UTF-8 in addresses and diagnostics, UTF-8-encoded surrogates,
RFC 6533 escapes naming a surrogate. Whatever the message holds, each row must survive
`json.dumps(row, ensure_ascii=False).encode("utf-8")`, and the CLI's output must decode as UTF-8.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from bouncedesk.intake.analysis import analyze_message, result_rows

HEAD = (b"From: Mail Delivery System <MAILER-DAEMON@relay.sender.example>\nTo: news@sender.example\n"
        b"Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n")


def _dsn(rcpt: bytes, diag: bytes, text: bytes = b"Delivery failed.") -> bytes:
    return (HEAD + b'Content-Type: multipart/report; report-type=delivery-status; boundary="z"\n\n'
            b"--z\nContent-Type: text/plain\n\n" + text + b"\n\n--z\nContent-Type: message/delivery-status\n\n"
            b"Reporting-MTA: dns; relay.sender.example\n\nFinal-Recipient: " + rcpt + b"\nAction: failed\n"
            b"Status: 5.1.1\nDiagnostic-Code: smtp; " + diag + b"\n\n--z--\n")


def _text_bounce(body: bytes) -> bytes:
    return HEAD + b"Content-Type: text/plain\n\nI'm sorry, your message could not be delivered.\n\n" + body + b"\n"


SURROGATE_UTF8 = "\ud800".encode("utf-8", "surrogatepass")  # b"\xed\xa0\x80": not valid UTF-8
HOSTILE = [
    _dsn(b"utf-8; j\xc3\xb6rg.m\xc3\xbcller@beispiel.example", b"550 5.1.1 unknown \xff\xfe user"),
    _dsn(b"utf-8; j\xf6rg@beispiel.example", b"550 5.1.1 latin-1 \xe9t\xe9"),
    _dsn(b"rfc822; a" + SURROGATE_UTF8 + b"b@example.com", b"550 5.1.1 " + SURROGATE_UTF8 + b" gone"),
    _dsn(b"utf-8; \\x{D800}\\x{DFFF}x@example.com", b"550 5.1.1 \\x{D800}"),
    _dsn(b"utf-8; \\x{110000}@example.com", b"550 \xc0\xaf\xe0\x80\xaf overlong"),
    _dsn(b"rfc822; <\xff\xff@example.com>", b"550 \x80\x81\x82", text=b"<\xfe@example.com>: \xed\xbf\xbf"),
    _text_bounce(b"<j\xc3\xb6rg\xff@example.de>:\n550 5.1.1 \xed\xa0\x80 no such user\n"),
    HEAD.replace(b"Subject: Undelivered", b"Subject: =?utf-8?b?7aCA?= Undelivered") + b"\nbody \xff\n",
]


def _assert_rows_encode(data: bytes) -> None:
    for row in result_rows("x.eml", analyze_message(data)):
        json.dumps(row, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate


@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_text_in_addresses_and_diagnostics_encodes(data):
    _assert_rows_encode(data)


def test_random_bytes_encode():
    rnd = random.Random(13)
    for _ in range(300):
        n = rnd.randrange(1, 3000)
        junk = bytes(rnd.randrange(256) for _ in range(n))
        for data in (junk, HEAD + b"Content-Type: text/plain\n\n" + junk,
                     _dsn(b"utf-8; " + junk[:40] + b"@example.com", junk[:200]), _text_bounce(junk)):
            _assert_rows_encode(data)


def test_an_escaped_surrogate_in_a_utf8_address_becomes_a_replacement_character():
    a = analyze_message(_dsn(b"utf-8; ab\\x{D800}c@example.com", b"550 5.1.1 no such user"))
    assert [f.recipient for f, _ in a.results] == ["ab\ufffdc@example.com"]


def test_the_cli_prints_valid_utf8_for_hostile_messages(tmp_path):
    for i, data in enumerate(HOSTILE):
        (tmp_path / f"m{i}.eml").write_bytes(data)
    p = subprocess.run([sys.executable, "-m", "bouncedesk", "parse", "--json", str(tmp_path)],
                       capture_output=True)
    assert p.returncode == 0, p.stderr
    text = p.stdout.decode("utf-8")  # raises when the CLI wrote invalid UTF-8
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) >= len(HOSTILE)
    assert "jörg.müller@beispiel.example" in {r["recipient"] for r in rows}
