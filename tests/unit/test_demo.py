"""The demo generator and store: deterministic, varied, realistic enough for the real parser, and
ingested through the real path with retries in every state."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from email import message_from_bytes
from email.parser import HeaderParser
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.demo import build_demo_store, build_plan, demo_messages, expected_retry_states
from bouncedesk.demo.build import RETRY_STATES, resolve_store_path
from bouncedesk.demo.mailings import quiet_headers
from bouncedesk.demo.render import WRITERS
from bouncedesk.dsn.model import RESULT_KINDS
from bouncedesk.errors import InputError
from bouncedesk.intake.analysis import analyze_message

NOW = 1_740_000_000  # Wed 2025-02-19 21:20 UTC
DAY = 86400
# Reasons and codes the demo must show (the dashboard's and the segments' vocabulary).
REASONS = {"userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "suspend", "expired",
           "networkerror", "blocked", "badreputation", "authfailure", "requireptr", "rejected", "spamdetected",
           "mesgtoobig", "exceedlimit", "feedback", "vacation", "delivered"}  # fmt: skip
CODES = {"5.1.1", "4.2.2", "5.2.2", "4.2.1", "5.2.1", "5.1.10", "5.1.2", "5.4.4", "5.1.6", "5.7.1", "5.7.26",
         "5.7.25", "5.3.4", "4.4.7", "4.4.1", "2.0.0"}  # fmt: skip


@pytest.fixture(scope="module")
def plan():
    return build_plan(NOW, 7)


@pytest.fixture(scope="module")
def built(plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "store"
    done: list[tuple[int, int]] = []
    summary = build_demo_store(path, NOW, 7, progress=lambda d, t: done.append((d, t)))
    return summary, done


def _digest(pairs) -> str:
    h = hashlib.sha256()
    for name, data in pairs:
        h.update(name.encode() + b"\0" + data)
    return h.hexdigest()


def test_same_seed_same_bytes_other_seed_or_day_differs(plan):
    ours = _digest((m.name, m.data) for m in plan.messages)
    assert _digest(demo_messages(NOW, 7)) == ours
    assert _digest(demo_messages(NOW, 8)) != ours
    assert _digest(demo_messages(NOW + DAY, 7)) != ours


def test_volume_and_ninety_day_span(plan):
    msgs = plan.messages
    assert 1500 <= len(msgs) <= 3000
    assert len({m.name for m in msgs}) == len(msgs)
    assert len({m.data for m in msgs}) == len(msgs)
    times = [m.at for m in msgs]
    assert times == sorted(times)  # in arrival order
    assert NOW - 90 * DAY <= min(times) < NOW - 85 * DAY
    assert NOW - DAY < max(times) <= NOW  # something bounced today
    assert len({t // DAY for t in times}) >= 80


def test_mix_covers_every_kind_format_reason_and_code(plan):
    its = [m.intended for m in plan.messages]
    kinds = Counter(i.kind for i in its)
    assert set(kinds) == set(RESULT_KINDS)
    assert kinds.most_common(1)[0][0] == "bounce"
    assert min(kinds.values()) >= 40
    assert set(Counter(i.fmt for i in its)) == set(WRITERS)
    reasons = Counter(i.reason for i in its)
    assert set(reasons) >= REASONS, REASONS - set(reasons)
    assert reasons["userunknown"] > reasons["hasmoved"]  # a realistic mix, not a flat one
    codes = Counter(s for i in its for s in i.statuses)
    assert set(codes) >= CODES, CODES - set(codes)
    assert codes["4.2.1"] >= 30
    returns = [i for i in its if i.kind == "auto-reply"]
    assert any(i.return_date for i in returns) and any(not i.return_date for i in returns)
    bounces_per_rcpt = Counter(i.recipient for i in its if i.kind == "bounce")
    assert sum(1 for n in bounces_per_rcpt.values() if n >= 3) >= 20  # repeat bouncers


def test_every_report_but_auto_replies_returns_the_original(plan):
    full = 0
    bounces = 0
    for m in plan.messages:
        it = m.intended
        if it.kind == "auto-reply":
            assert it.original_id is None
            assert b"In-Reply-To: <" in m.data
            continue
        headers, whole = _returned_original(m.data)
        assert headers is not None, m.name
        assert headers["Message-ID"] == it.original_id, m.name
        assert headers["Subject"] and headers["From"], m.name
        if it.forged != "other-recipient":  # a forwarded copy: the shop's message to someone else
            assert it.recipient in headers["To"].lower(), m.name
        if it.kind == "bounce":
            bounces += 1
            full += whole
    assert full / bounces > 0.8  # most bounces return the whole message (big ones only headers)


def _returned_original(data: bytes):
    msg = message_from_bytes(data)
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload(0)
            return inner, bool(inner.get_payload())
        if ctype == "text/rfc822-headers":
            return HeaderParser().parsestr(part.get_payload(decode=True).decode()), False
    text = data.decode("utf-8").replace("\r\n", "\n")
    for marker in ("--- Below this line is a copy of the message.\n\n",
                   "------ This is a copy of the message, including all the headers. ------\n\n",
                   "------ This is a copy of the message's headers. ------\n\n"):  # fmt: skip
        if marker in text:
            inner = message_from_bytes(text.split(marker, 1)[1].encode())
            return inner, bool(inner.get_payload())
    return None, False


def test_the_real_parser_reads_what_the_generator_meant(plan):
    """Kind, recipient, reason and code as intended for at least 95 % (misses are listed by format)."""
    misses: dict[str, list[str]] = defaultdict(list)
    per_kind = Counter()
    for m in plan.messages:
        it = m.intended
        a = analyze_message(m.data)
        rows = [(f.kind, (f.recipient or "").lower(), v.reason, v.status) for f, v in a.results]
        got = rows[0] if rows else (a.parsed.outcome, "", "", "")
        wrong = [name for name, ok in (
            ("kind", got[0] == it.kind), ("recipient", got[1] == it.recipient), ("reason", got[2] in it.reasons),
            ("status", not it.status or got[3] in it.statuses), ("one result", len(rows) <= 1),
        ) if not ok]  # fmt: skip
        if wrong:
            misses[it.fmt].append(f"{m.name}: {'/'.join(wrong)} want {it.reason} {it.status} got {got[2]} {got[3]}")
        else:
            per_kind[it.kind] += 1
    n_wrong = sum(len(v) for v in misses.values())
    detail = "; ".join(f"{fmt}: {len(v)} e.g. {v[0]}" for fmt, v in sorted(misses.items(), key=lambda kv: -len(kv[1])))
    assert n_wrong <= 0.05 * len(plan.messages), detail
    kinds = Counter(m.intended.kind for m in plan.messages)
    for kind, n in kinds.items():
        assert per_kind[kind] >= 0.8 * n, (kind, per_kind[kind], n, detail)


def test_retry_states_come_out_whatever_the_day(plan):
    for now in (NOW, NOW + 3 * DAY + 11 * 3600, NOW + 5 * DAY):  # a Wednesday night, a Saturday, a Monday
        p = plan if now == NOW else build_plan(now, 7)
        states = expected_retry_states(p)
        assert all(states[s] > 0 for s in RETRY_STATES), (now, states)
        assert len(p.retried) >= 100


def test_built_store_matches_the_generator_and_has_every_retry_state(plan, built):
    summary, progress = built
    n = len(plan.messages)
    # Plus two recoveries written after the simulation (demo.recovery): a delivered report and a reply.
    assert sorted(r.how for r in summary.recoveries) == ["delivered", "reply"]
    assert summary.messages == n and summary.stored == n + len(summary.recoveries)
    assert summary.unparseable == 0
    assert all(summary.retry_states[s] > 0 for s in RETRY_STATES), summary.retry_states
    assert progress[-1] == (n, n) and len(progress) > 10
    planned_retries = sum(1 for it in plan.items if it.what == "retry")
    planned_pauses = sum(1 for it in plan.items if it.what == "pause")
    assert summary.retries_counted + summary.pauses + summary.refused == planned_retries + planned_pauses
    assert summary.refused <= 0.02 * (planned_retries + planned_pauses)
    # Where the parser agrees with the generator the states agree; allow the parser's known misses.
    rcpts = len(plan.states)
    for state, expected in summary.expected_states.items():
        assert abs(summary.states.get(state, 0) - expected) <= 0.05 * rcpts, (state, summary.states, summary.expected_states)
    conn = store.connect(summary.path)
    try:
        kinds = Counter(m.intended.kind for m in plan.messages)
        results = dict(conn.execute("SELECT kind, count(*) FROM results GROUP BY kind").fetchall())
        for kind, count in kinds.items():
            assert abs(results.get(kind, 0) - count) <= 0.15 * count, (kind, results, kinds)
        assert conn.execute("SELECT sum(count) FROM daily_rollup WHERE kind != 'unparseable'").fetchone()[0] == sum(
            results.values())
        sources = {r[0] for r in conn.execute("SELECT source_key FROM message_sources")}
        assert sources == {f"demo:7:{m.name}" for m in plan.messages} | {
            f"demo:7:recovery:{r.how}" for r in summary.recoveries}
        for r in summary.recoveries:
            assert store.require_recipient(conn, r.email).state == "active", r
        # Nothing was sent: every counted retry is a 'manual' attempt, and there is no account.
        statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM retry_attempts")}
        assert statuses == {"manual"}
        assert conn.execute("SELECT count(*) FROM retry_attempts").fetchone()[0] == summary.retries_counted
        assert conn.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0
        due = store.pending_retries(conn, NOW, due_only=True)
        assert len(due) == summary.retry_states["due"]
        assert {p.email for p in due} <= set(plan.states)
        assert conn.execute("SELECT count(*) FROM sender_alerts WHERE count > 0").fetchone()[0] >= 3
    finally:
        conn.close()


def test_sent_counts_cover_the_window_and_give_a_plausible_bounce_rate(plan, built):
    from bouncedesk.demo.sentvolume import sent_per_day

    summary, _ = built
    days = range((NOW - 90 * DAY) // DAY, NOW // DAY + 1)
    # The plan's mail to simulated recipients comes on top of the quiet recipients' volume.
    quiet = sent_per_day(NOW - 90 * DAY, NOW, [], 7)
    extra = {d: plan.sent_per_day.get(d, 0) - quiet.get(d, 0) for d in days}
    assert all(v >= 0 for v in extra.values()) and sum(extra.values()) > len(plan.retried)
    assert build_plan(NOW, 7).sent_per_day == plan.sent_per_day  # deterministic
    assert build_plan(NOW, 8).sent_per_day != plan.sent_per_day
    conn = store.connect(summary.path)
    try:
        stored = store.sent_counts(conn)
        assert stored == plan.sent_per_day and set(stored) == set(days) and summary.sent == sum(stored.values())
        bounces = dict(conn.execute("SELECT day, sum(count) FROM daily_totals WHERE kind = 'bounce' GROUP BY day"))
    finally:
        conn.close()
    rates = sorted(100 * bounces.get(d, 0) / stored[d] for d in days)
    assert 1.0 <= rates[len(rates) // 2] <= 4.0, rates  # a typical day: a few percent
    assert sum(r > 5 for r in rates) >= 3 and rates[-1] > 10, rates  # the episodes cross the warning lines
    assert rates[-1] < 50, rates


def test_refuses_a_store_that_holds_data(built):
    summary, _ = built
    with pytest.raises(InputError, match="fresh store"):
        build_demo_store(summary.path, NOW, 7)
    conn = store.connect(summary.path)
    try:
        assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == summary.stored
    finally:
        conn.close()


def test_store_path_for_a_directory_or_a_file(tmp_path: Path):
    assert resolve_store_path(tmp_path) == tmp_path / "bouncedesk.sqlite3"
    assert resolve_store_path(tmp_path / "new-dir") == tmp_path / "new-dir" / "bouncedesk.sqlite3"
    assert resolve_store_path(tmp_path / "demo.sqlite3") == tmp_path / "demo.sqlite3"


# --- provenance: the shop's own mail is verified, forged reports wait and move nothing ---------


def test_the_plan_knows_what_the_shop_sent_and_every_report_names_it(plan):
    sent = {s.message_id: s for s in plan.sent}
    assert len(sent) == len(plan.sent) >= 5000  # one Message-ID per message
    assert [s.at for s in plan.sent] == sorted(s.at for s in plan.sent)
    own = [m for m in plan.messages if not m.intended.forged]
    for m in own:
        it = m.intended
        if it.kind == "auto-reply":
            named = m.data.split(b"In-Reply-To: ", 1)[1].split(b"\r\n", 1)[0].decode()
        else:
            named = it.original_id
        s = sent[named]  # every report of the shop's own mail names a message it sent ...
        assert s.to_addr == it.recipient and s.at <= m.at, m.name  # ... to that recipient, before it came back
    forged = [m for m in plan.messages if m.intended.forged]
    assert sorted(m.intended.forged for m in forged) == ["none", "other-recipient", "own-domain", "own-domain",
                                                         "own-sender"]  # fmt: skip
    assert {m.intended.kind for m in forged} == {"bounce", "complaint"}
    for m in forged:
        s = sent.get(m.intended.original_id)
        assert s is None or s.to_addr != m.intended.recipient, m.name


def test_the_shops_own_reports_are_verified_and_the_forged_ones_wait_and_move_nothing(plan, built):
    summary, _ = built
    conn = store.connect(summary.path)
    try:
        stored = conn.execute("SELECT count(*) FROM sent_messages").fetchone()[0]
        assert summary.sent_known == stored == len(plan.sent) + len(quiet_headers(plan))  # + the mailings' quiet readers
        assert {r[0] for r in conn.execute("SELECT DISTINCT source FROM sent_messages")} == {"demo"}
        rows = conn.execute(
            "SELECT s.source_key, r.email, r.kind, r.trust, r.review, r.evidence, r.recipient_id, r.sent_id"
            " FROM results r JOIN message_sources s ON s.message_id = r.message_id").fetchall()  # fmt: skip
        by_name = {m.name: m for m in plan.messages}
        forged_rcpts = set()
        for key, email, kind, trust, review, evidence, rid, sent_id in rows:
            if ":recovery:" in key:  # demo.recovery's delivered report: about the shop's own mail
                assert (kind, trust, review, evidence) == ("delivered", "verified", "", "message-id"), key
                continue
            it = by_name[key.rsplit(":", 1)[1]].intended
            if not it.forged:  # the shop's own mail: tied to what it sent, acted on by itself
                assert trust == "verified" and review == "" and sent_id is not None, (key, trust, evidence)
                assert evidence == ("references" if kind == "auto-reply" else "message-id"), key
            else:  # forged or foreign: waits for review, tied to no recipient
                assert (review, evidence, rid) == ("pending", it.forged, None), (key, review, evidence)
                assert trust == ("unverified" if it.forged == "none" else "plausible"), key
                forged_rcpts.add(email)
        assert summary.review == len(forged_rcpts) == 5
        assert summary.verified == len(rows) - 5
        # They moved nothing: no recipient for the addresses only they name, no event from them,
        # and the real customer one of them names keeps the state the plan gave it.
        known = {r[0] for r in conn.execute("SELECT email FROM recipients")}
        assert forged_rcpts & known == forged_rcpts & set(plan.states)
        assert len(forged_rcpts & set(plan.states)) == 1
        for email in forged_rcpts & known:
            assert store.get_recipient(conn, email).state == plan.states[email].state == "active", email
        assert conn.execute("SELECT count(*) FROM results WHERE review = 'pending' AND recipient_id IS NOT NULL"
                            ).fetchone()[0] == 0  # fmt: skip
    finally:
        conn.close()


def test_retries_in_the_demo_find_the_shops_own_copy_in_its_sent_folder(plan, built):
    from bouncedesk.demo.sentfolder import DemoSentFolder, sent_folder_path

    summary, _ = built
    assert summary.sent_folder == str(sent_folder_path(summary.path))
    folder = DemoSentFolder(summary.sent_folder)
    sent = {s.message_id: s for s in plan.sent}
    conn = store.connect(summary.path)
    try:
        rows = conn.execute(
            "SELECT r.email, (SELECT m.orig_message_id FROM results x JOIN messages m ON m.id = x.message_id"
            "  WHERE x.recipient_id = r.id AND x.kind = 'bounce' ORDER BY x.at DESC, x.id DESC LIMIT 1)"
            " FROM recipients r WHERE r.state IN ('retrying', 'paused')").fetchall()  # fmt: skip
    finally:
        conn.close()
    assert len(rows) >= 30
    for email, mid in rows:
        data = folder.fetch_original("Demo shop", mid)
        assert data is not None, (email, mid)
        msg = message_from_bytes(data)
        assert msg["Message-ID"] == mid and email in msg["To"].lower() and msg.get_payload()
        assert "Received" not in msg and sent[mid].to_addr == email  # the sender's own copy, not a bounce's
    assert folder.fetch_original("Demo shop", "<never-sent@brightwater.example.com>") is None
    forged_ids = [m.intended.original_id for m in plan.messages if m.intended.forged == "own-domain"]
    assert all(folder.fetch_original("Demo shop", i) is None for i in forged_ids)
