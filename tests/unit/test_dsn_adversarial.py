"""Hostile bounces (issue 11): each input that once took minutes, crashed or lost recipients, at a
size small enough for a unit test but large enough that super-linear work would show.

Timings are generous bounds (a linear parser takes a few milliseconds; the old one took seconds
to minutes at these sizes). benchmarks/adversarial.py runs the same kinds of input at 1 MB and more.
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import pkgutil
import re
import time

import pytest

import bouncedesk.classify
import bouncedesk.dsn
from bouncedesk.classify.rules import load_rules
from bouncedesk.dsn.budget import OverBudget, check, time_budget
from bouncedesk.dsn.textbounce import MAX_RECIPIENTS
from bouncedesk.intake import analysis, parsepool
from bouncedesk.intake.analysis import analyze_message
from bouncedesk.intake.parsepool import ParsePool
from bouncedesk.intake.rows import prepare_message
from tests.integration import mailgen

HEAD = ("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: team@sender.example\n"
        "Subject: Undelivered Mail Returned to Sender\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n"
        "Message-ID: <hostile@mx.example.net>\nMIME-Version: 1.0\n")


def dsn(blocks: list[str], charset: str = "us-ascii", head: str = HEAD, per_message: str = "") -> bytes:
    return (
        head + 'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\n\n'
        f"--b1\nContent-Type: text/plain; charset={charset}\n\nYour message could not be delivered.\n\n"
        "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n" + per_message + "\n"
        + "\n".join(blocks) + "\n--b1--\n"
    ).encode()


def block(rcpt: str, diag: str = "550 5.1.1 user unknown") -> str:
    return f"Final-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; {diag}\n"


def text_bounce(body: str, head: str = HEAD) -> bytes:
    return (head + "Content-Type: text/plain\n\nI'm afraid I wasn't able to deliver your message to the "
            "following addresses. This is a permanent error; I've given up.\n\n" + body + "\n").encode()


def timed(data: bytes, **kwargs):
    t = time.perf_counter()
    a = analyze_message(data, **kwargs)
    return a, time.perf_counter() - t


# --- every pattern is linear ---------------------------------------------------------------------

def _module_patterns() -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}

    def collect(name: str, obj: object) -> None:
        if isinstance(obj, re.Pattern):
            found[name] = obj
        elif isinstance(obj, list | tuple):
            for i, item in enumerate(obj):
                collect(f"{name}[{i}]", item)

    for pkg in (bouncedesk.dsn, bouncedesk.classify):
        names = [pkg.__name__] + [f"{pkg.__name__}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
        for modname in names:
            for attr, value in vars(importlib.import_module(modname)).items():
                collect(f"{modname}.{attr}", value)
    return found


# Runs of the characters the patterns care about: address characters, dots, at signs, quotes, brackets,
# digits, reply codes, lead-in words, blanks and newlines.
HOSTILE_UNITS = ["a", ".", "@", "<", ">", "-", "'", ":", "5", " ", "\t", "\n", "a.", "a@", "a@a.", "an'", "to:",
                 "<a", "550 ", "5.", "5.1.", "http://", "www.", "<script", "<p", "rcpt to:", "a-", "a ", "\n ",
                 ">>> ", "550-", "5.5.5 ", "=?", "=?a?q?x", "a=", '"', "a;", "550 5.1.1 ", "<a@", "final-recipient",
                 "!\n ", "{\"notificationType\":"]


def test_every_scanner_pattern_runs_in_linear_time():
    """Each regular expression of dsn/ and classify/ over 30,000 hostile characters: a linear one takes
    milliseconds, a quadratic one a second or more (a cubic one, like the old a.a.a. rule, hours)."""
    n = 30_000
    slow = {}
    for name, pattern in _module_patterns().items():
        for unit in HOSTILE_UNITS:
            text = (unit * (n // len(unit) + 1))[:n]
            for sample in {text, text.upper()}:
                data = sample.encode() if isinstance(pattern.pattern, bytes) else sample
                t = time.perf_counter()
                for _ in pattern.finditer(data):
                    pass
                took = time.perf_counter() - t
                if took > 0.2:
                    slow[name] = (unit, round(took, 2))
    assert not slow, f"super-linear patterns: {slow}"


def test_rules_run_on_re2_and_refuse_what_could_backtrack(tmp_path, caplog):
    user = tmp_path / "user_rules.json"
    user.write_text(json.dumps({"rules": [
        {"reason": "blocked", "patterns": ["(a+)+$", "(?<=x)lookbehind", r"(\w)\1 backreference"]},
        {"reason": "mailboxfull", "patterns": ["my own words"]},
    ]}))
    rules = load_rules(str(user))
    assert "2 pattern(s) skipped" in caplog.text
    assert rules.match_text("Here Are My Own Words") == ("mailboxfull", False)
    t = time.perf_counter()
    assert rules.match_text("a" * 8000 + "!") == ("", False)  # (a+)+$ runs in linear time under RE2
    assert rules.reason_for_text("550 " + "a." * 50_000) == ""
    assert time.perf_counter() - t < 0.5


def test_a_broken_user_rules_file_does_not_stop_parsing(tmp_path):
    user = tmp_path / "user_rules.json"
    user.write_text("{not json")
    assert load_rules(str(user)).match_text("user unknown")[0] == "userunknown"


# --- hostile inputs -------------------------------------------------------------------------------

def test_dotted_diagnostic():
    """8 KB of a.a.a. in a Diagnostic-Code took about 2 minutes (cubic backtracking in a text rule)."""
    a, took = timed(dsn([block("u@example.com", "550 5.1.1 " + "a." * 4096)]))
    assert took < 0.5
    assert a.parsed.outcome == "report" and [f.recipient for f, _ in a.results] == ["u@example.com"]
    assert a.results[0][1].reason == "userunknown"


def test_one_long_body_line():
    unit = "a.a.a an'an'to: <x@y rcpt to:<a.b.c 550 5.1.1 @@ --==<<>> x" * 3
    a, took = timed(text_bounce("<u@example.com>:\n550 5.1.1 user unknown " + unit * (200_000 // len(unit))))
    assert took < 1.0
    assert a.parsed.outcome == "report" and a.results[0][0].recipient == "u@example.com"
    assert len(a.results[0][0].diagnostic) <= 8 * 1024


def test_one_long_line_of_address_characters():
    a, took = timed(text_bounce("<u@example.com>:\n550 " + "x-" * 100_000))
    assert took < 1.0 and a.parsed.outcome == "report"


def test_huge_from_and_subject_headers():
    head = HEAD.replace("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>", "From: " + "a." * 25_000)
    head = head.replace("Subject: Undelivered Mail Returned to Sender", "Subject: " + "=?a?q?x" * 10_000)
    a, took = timed(text_bounce("<u@example.com>: 550 5.1.1 user unknown", head=head))
    assert took < 0.5
    assert a.parsed.outcome in ("report", "none") and a.parsed.sender is None
    assert len(a.parsed.subject) <= 16 * 1024


def test_many_folded_header_lines():
    """Each continuation line re-copied the value: 1M lines took 79 s."""
    head = HEAD.replace("Subject: Undelivered Mail Returned to Sender\n",
                        "Subject: Undelivered Mail Returned to Sender\n" + " x\n" * 200_000)
    a, took = timed(text_bounce("<u@example.com>: 550 5.1.1 user unknown", head=head))
    assert took < 1.0
    assert a.parsed.outcome == "report" and a.parsed.subject.startswith("Undelivered Mail Returned to Sender x x")


def test_text_bounce_naming_more_recipients_than_read_says_so():
    n = 3 * MAX_RECIPIENTS
    a, took = timed(text_bounce("\n".join(f"<user{i}@example.com>:\n550 5.1.1 user unknown\n" for i in range(n))))
    assert took < 2.0
    assert len(a.results) == MAX_RECIPIENTS
    assert a.results[0][0].recipient == "user0@example.com" and a.results[-1][0].recipient == "user999@example.com"
    assert a.parsed.error == f"first {MAX_RECIPIENTS} of {n} recipients read; the rest were not"


def test_dsn_with_more_recipients_than_read_says_so():
    """50,000 recipients silently gave 4,179 results (the decoding cap cut the part)."""
    n = 20_000
    a, took = timed(dsn([block(f"user{i}@example.com") for i in range(n)]))
    assert took < 2.0
    assert a.parsed.outcome == "report" and len(a.results) == MAX_RECIPIENTS
    assert a.parsed.error == f"first {MAX_RECIPIENTS} of {n} recipients read; the rest were not"
    rows = analysis.result_rows("x", a)
    assert rows[0]["note"] == a.parsed.error


def test_a_complaint_naming_more_recipients_than_read_says_so():
    n = MAX_RECIPIENTS + 500
    data = (HEAD + 'Content-Type: multipart/report; report-type=feedback-report; boundary="f"\n\n'
            "--f\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: test\n"
            + "".join(f"Original-Rcpt-To: user{i}@example.com\n" for i in range(n)) + "\n--f--\n").encode()
    a = analyze_message(data)
    assert len(a.results) == MAX_RECIPIENTS and {f.kind for f, _ in a.results} == {"complaint"}
    assert a.parsed.error == f"first {MAX_RECIPIENTS} of {n} recipients read; the rest were not"


def test_a_dsn_within_the_cap_has_no_note():
    a = analyze_message(dsn([block(f"user{i}@example.com") for i in range(3)]))
    assert len(a.results) == 3 and a.parsed.error == ""
    assert "note" not in analysis.result_rows("x", a)[0]


def test_many_mime_parts():
    data = (HEAD + 'Content-Type: multipart/mixed; boundary="p"\n\n' + "--p\n\nx\n" * 200_000 + "--p--\n").encode()
    a, took = timed(data)
    assert took < 1.0 and a.parsed.outcome in ("none", "report")


def test_deeply_nested_messages():
    for wrapper in ("Content-Type: message/rfc822\n\n",
                    'Content-Type: multipart/mixed; boundary="n"\n\n--n\n'):
        data = (HEAD + wrapper * 10_000 + "Content-Type: text/plain\n\n<u@example.com>: 550 user unknown\n").encode()
        a, took = timed(data)
        assert took < 1.0 and a.parsed.outcome in ("none", "report", "unparseable")
        if a.parsed.outcome == "unparseable":
            assert a.parsed.error


def test_unclosed_html_tags():
    data = (HEAD + "Content-Type: text/html\n\n<p>undeliverable</p>" + "<script<a " * 30_000 + "\n").encode()
    a, took = timed(data)
    assert took < 1.0 and a.parsed.outcome in ("none", "report")


def test_an_ses_notification_that_never_closes():
    data = (HEAD + 'Content-Type: text/plain\n\n{"notificationType": "Bounce", "bounce": [' + "{}" * 100_000
            + "\n").encode()
    a, took = timed(data)
    assert took < 0.5 and a.parsed.outcome in ("none", "report", "unparseable")


# --- odd charsets and dates are read ---------------------------------------------------------------

@pytest.mark.parametrize("charset", ["utf-8\x00", "\x00", "x-no-such-charset", "punycode", "zlib", "rot13"])
def test_odd_charsets_are_read_not_fatal(charset):
    head = HEAD.replace("Subject: Undelivered Mail Returned to Sender",
                        f"Subject: =?{charset}?q?Undelivered_Mail?=")
    data = dsn([block("u@example.com")], charset=charset, head=head)
    a = analyze_message(data)
    assert a.parsed.outcome == "report" and a.results[0][0].recipient == "u@example.com"
    assert "Undelivered" in a.parsed.subject


def test_a_body_in_a_quadratic_charset_is_not_decoded_with_it():
    data = (HEAD + "Content-Type: text/plain; charset=punycode\n\n<u@example.com>: 550 user unknown\n"
            + "a-" + "b" * 200_000 + "\n").encode()
    a, took = timed(data)
    assert took < 0.5 and a.parsed.outcome == "report"


@pytest.mark.parametrize("year", ["99999", "9" * 40])
def test_an_absurd_year_is_no_date(year):
    date = f"Tue, 3 Mar {year} 10:00:00 +0000"
    head = HEAD.replace("Date: Tue, 3 Mar 2026 10:00:00 +0000", f"Date: {date}")
    data = dsn([block("u@example.com")], head=head, per_message=f"Arrival-Date: {date}\n")
    a = analyze_message(data)
    assert a.parsed.outcome == "report" and a.parsed.date is None
    assert a.results[0][0].arrival_date is None
    assert prepare_message(data).message.outcome == "report"


# --- the time budget -------------------------------------------------------------------------------

def test_budget_check_raises_only_past_the_deadline():
    with time_budget(None):
        check()
    with time_budget(60):
        check()
    with time_budget(0), pytest.raises(OverBudget, match="longer than 0 s"):
        time.sleep(0.001)
        check()
    check()  # outside any budget: no limit


def test_a_message_over_its_budget_is_unparseable_with_the_reason():
    data = dsn([block(f"user{i}@example.com") for i in range(50)])
    assert analyze_message(data).parsed.outcome == "report"
    a = analyze_message(data, budget=0)
    assert a.parsed.outcome == "unparseable" and a.results == []
    assert a.parsed.error == "parsing took longer than 0 s; kept for reparse"
    prepared = prepare_message(data)
    assert prepared.message.outcome == "report"


def test_a_slow_stage_is_stopped_at_the_next_check(monkeypatch):
    real = analysis.parse_message

    def slow_parse(data: bytes):
        time.sleep(0.3)
        return real(data)

    monkeypatch.setattr(analysis, "parse_message", slow_parse)
    a = analyze_message(dsn([block("u@example.com")]), budget=0.1)
    assert a.parsed.outcome == "unparseable"
    assert a.parsed.error == "parsing took longer than 0.1 s; kept for reparse"


def test_a_classifier_crash_is_unparseable_not_fatal(monkeypatch):
    def broken(_finding):
        raise RuntimeError("bug")

    monkeypatch.setattr(analysis, "classify", broken)
    a = analyze_message(dsn([block("u@example.com")]))
    assert a.parsed.outcome == "unparseable" and "classifier error: RuntimeError: bug" in a.parsed.error


def test_an_import_stores_the_message_over_budget_as_unparseable_and_goes_on(tmp_path, monkeypatch):
    """In-process (no workers): `bouncedesk import` keeps the slow message, with the reason, for reparse."""
    from bouncedesk import store
    from bouncedesk.intake.ingest import import_paths
    from bouncedesk.store.rawcodec import decompress_raw

    real = analysis.parse_message

    def parse(data: bytes):
        if b"X-Slow: yes" in data:
            time.sleep(0.4)
        return real(data)

    monkeypatch.setattr(analysis, "parse_message", parse)
    folder = tmp_path / "in"
    folder.mkdir()
    datas = {f"m{i}.eml": mailgen.dsn(i, "budget") for i in range(4)}
    datas["m2.eml"] = datas["m2.eml"].replace(b"Subject: ", b"X-Slow: yes\r\nSubject: ", 1)
    for name, data in datas.items():
        (folder / name).write_bytes(data)
    conn = store.connect(tmp_path / "s.sqlite3")
    try:
        counts = import_paths(conn, [str(folder)], 1_800_000_000, analyze=lambda d: analyze_message(d, budget=0.2))
        rows = {r["path"].rsplit("/", 1)[-1]: r for r in conn.execute(
            "SELECT s.path, m.outcome, m.error, r.data FROM messages m JOIN message_sources s ON s.message_id = m.id"
            " JOIN raw_messages r ON r.message_id = m.id")}
    finally:
        conn.close()
    assert counts.unparseable == 1 and len(rows) == 4
    assert rows["m2.eml"]["outcome"] == "unparseable"
    assert rows["m2.eml"]["error"] == "parsing took longer than 0.2 s; kept for reparse"
    assert decompress_raw(rows["m2.eml"]["data"]) == datas["m2.eml"]
    assert {rows[n]["outcome"] for n in ("m0.eml", "m1.eml", "m3.eml")} == {"report"}


# --- in the parse workers: one poison message costs itself, not its batch ---------------------------

def _poisoned_parse(real):
    def parse(data: bytes):
        if b"POISON-SLOW" in data:
            time.sleep(0.6)  # cooperative: the next budget check stops it
        elif b"POISON-HANG" in data:
            time.sleep(600)  # a stall no check can see: the worker is stopped
        elif b"POISON-CRASH" in data:
            os._exit(70)  # the worker dies
        return real(data)
    return parse


@pytest.fixture
def poisoned_pool(monkeypatch):
    """A real pool of real worker processes, forked so that they share this test's poisoned parser."""
    if os.name != "posix":
        pytest.skip("fork")
    monkeypatch.setattr(analysis, "parse_message", _poisoned_parse(analysis.parse_message))
    monkeypatch.setattr(parsepool, "_context", lambda: multiprocessing.get_context("fork"))
    pool = ParsePool(2, timeout=3, message_timeout=2, budget=0.3)
    pool.start()
    yield pool
    pool.close()


def _batch(poison: bytes) -> list[bytes]:
    datas = [mailgen.dsn(i, "poison") if i % 2 else mailgen.ordinary(i, "poison") for i in range(12)]
    datas[7] = datas[7].replace(b"Subject: ", b"X-Test: " + poison + b"\r\nSubject: ", 1)
    return datas


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("poison", "reason"), [
    (b"POISON-SLOW", "parsing took longer than 0.3 s; kept for reparse"),
    (b"POISON-HANG", "the parser did not finish it (no answer within 2 s); kept for reparse"),
    (b"POISON-CRASH", "the parser did not finish it (the worker ended"),
])
def test_a_poison_message_is_stored_unparseable_and_its_batch_mates_normally(poisoned_pool, poison, reason):
    datas = _batch(poison)
    t = time.monotonic()
    pending = poisoned_pool.submit(datas)
    got = pending.result()
    assert time.monotonic() - t < 30
    assert len(got) == len(datas)
    for i, (data, prepared) in enumerate(zip(datas, got, strict=True)):
        if i == 7:
            assert prepared.message.outcome == "unparseable" and prepared.message.error.startswith(reason)
            assert prepared.results == [] and prepared.blob  # the raw message is kept for reparse
        else:
            assert prepared == prepare_message(data), i
    assert pending.inline == 0  # nothing was parsed in this process without a worker
    if poison != b"POISON-SLOW":
        assert pending.given_up == 1 and pending.rerun == 5  # the rest of the poisoned part, one by one
    after = poisoned_pool.submit(datas[:4])  # the pool goes on, with fresh workers where needed
    assert after.result() == [prepare_message(d) for d in datas[:4]]
    assert len(poisoned_pool.workers) == 2
