"""Fuzzing the parser with mutated real bounces (issue 11): nothing a stranger writes makes
`analyze_message` raise, hang or lose the message.

Seeds are real bounces: a sample of the shared corpus when it is there (found as tests/conftest.py
finds it) and the project's own fixtures, so the test also runs without the corpus. Hypothesis
picks a seed and a few mutations: bytes inserted, removed or flipped, hostile fragments, a slice
repeated thousands of times, a header made huge, the message cut short. Bounded to about a minute.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouncedesk.intake.analysis import analyze_message, result_rows
from tests.conftest import CORPUS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bounces"
KINDS = {"bounce", "delay", "complaint", "auto-reply", "delivered"}


def _seeds() -> list[bytes]:
    files = sorted(FIXTURES.glob("*.eml"))
    corpus = CORPUS / "emails"
    if corpus.is_dir():
        found = sorted(p for p in corpus.rglob("*") if p.is_file())
        files += random.Random(11).sample(found, min(80, len(found)))
    return [p.read_bytes() for p in files]


SEEDS = _seeds()
FRAGMENTS = [
    b"\x00", b"\r", b"\n\n", b"\n ", b"--", b"=?", b"?=", b"=?utf-8\x00?q?x?=", b"=?punycode?b?YWJj?=", b"<@>",
    b"@", b"a.", b"an'", b"<script", b"</", b"Content-Type: multipart/report; boundary=\"b\"\n",
    b"Content-Type: message/rfc822\n\n", b"Content-Type: text/plain; charset=\"utf-8\x00\"\n",
    b"Content-Transfer-Encoding: base64\n", b"Content-Transfer-Encoding: quoted-printable\n",
    b"\nFinal-Recipient: rfc822; x@example.com\nAction: failed\nStatus: 5.1.1\n", b"Diagnostic-Code: smtp; 550 ",
    b"Date: Tue, 3 Mar 99999999 10:00:00 +0000\n", b"Arrival-Date: Mon, 1 Jan 10000 00:00:00 +0000\n",
    b"\nStatus: 5.", b"550 5.1.1 ", "ユーザー不明 Empfänger unbekannt".encode(), b"\xff\xfe\xc3",
]


@st.composite
def mutated(draw) -> bytes:
    buf = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "fragment", "delete", "flip", "repeat", "cut", "huge-header"]))
        pos = draw(st.integers(0, len(buf)))
        if op == "insert":
            buf[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "fragment":
            buf[pos:pos] = draw(st.sampled_from(FRAGMENTS))
        elif op == "delete":
            del buf[pos:pos + draw(st.integers(1, 400))]
        elif op == "flip" and buf:
            buf[min(pos, len(buf) - 1)] = draw(st.integers(0, 255))
        elif op == "repeat":  # a slice (or a hostile fragment) repeated into a long run
            piece = bytes(buf[pos:pos + draw(st.integers(1, 12))]) or draw(st.sampled_from(FRAGMENTS))
            buf[pos:pos] = piece * draw(st.integers(100, 20_000))
        elif op == "cut":
            del buf[pos:]
        elif op == "huge-header":
            buf[0:0] = draw(st.sampled_from([b"From: ", b"Subject: ", b"To: ", b"X-Failed-Recipients: "])) \
                + draw(st.sampled_from(FRAGMENTS)) * draw(st.integers(1000, 20_000)) + b"\n"
    return bytes(buf)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_bounces_are_read_or_kept_as_unparseable(data):
    t = time.perf_counter()
    a = analyze_message(data)
    took = time.perf_counter() - t
    p = a.parsed
    assert p.outcome in ("report", "none", "unparseable")
    if p.outcome == "report":
        assert a.results and all(f.kind in KINDS and v.reason for f, v in a.results)
    elif p.outcome == "unparseable":
        assert p.error and not a.results
    else:
        assert not a.results
    assert result_rows("fuzz", a)  # every message gives at least one row
    assert took < max(2.0, 2.0 * len(data) / 2**20), f"{took:.2f} s for {len(data)} bytes"
