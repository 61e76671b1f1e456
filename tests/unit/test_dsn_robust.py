"""The parser never raises: arbitrary bytes and mutated real bounces come back as data."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouncedesk.dsn import parse_message
from bouncedesk.intake.analysis import analyze_message, result_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bounces"
KINDS = {"bounce", "delay", "complaint", "auto-reply", "delivered"}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise_and_give_no_bounce(data):
    parsed = parse_message(data)
    assert parsed.outcome in ("none", "unparseable")
    if parsed.outcome == "unparseable":
        assert parsed.error
    [row] = result_rows("x", analyze_message(data))
    assert row["kind"] in ("none", "unparseable") and row["index"] == 0


def _mutations(data: bytes, rnd: random.Random) -> bytes:
    ops = rnd.randint(1, 8)
    buf = bytearray(data)
    for _ in range(ops):
        choice = rnd.random()
        pos = rnd.randrange(len(buf) + 1)
        if choice < 0.3 and buf:
            del buf[pos:pos + rnd.randint(1, 200)]
        elif choice < 0.6:
            buf[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 40)))
        elif choice < 0.8 and buf:
            cut = rnd.randrange(len(buf))
            buf = buf[:cut]
        else:
            buf[pos:pos] = rnd.choice([b"\n--", b"\r", b"=?utf-8?B?", b"Content-Type: multipart/report; boundary=",
                                       b"\nStatus: 5.", b"<@>", b"\x00", b"Content-Transfer-Encoding: base64\n"])
    return bytes(buf)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_mutated_fixture_bounces_never_raise(seed):
    rnd = random.Random(seed)
    files = sorted(FIXTURES.glob("*.eml"))
    data = _mutations(rnd.choice(files).read_bytes(), rnd)
    a = analyze_message(data)
    assert a.parsed.outcome in ("none", "unparseable", "report")
    for f, v in a.results:
        assert f.kind in KINDS
        assert v.reason


def test_mutated_corpus_messages_never_raise(corpus):
    rnd = random.Random(20261128)
    files = sorted((corpus / "emails" / "bsd").glob("*.eml"))
    for path in rnd.sample(files, 120):
        data = _mutations(path.read_bytes(), rnd)
        a = analyze_message(data)
        assert a.parsed.outcome in ("none", "unparseable", "report"), path
        assert all(f.kind in KINDS for f, _ in a.results)
