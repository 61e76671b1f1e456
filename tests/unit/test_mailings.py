"""Mailings: grouping of sent mail (campaign/List-Id before subject, the time window, idempotent
re-reads, BounceDesk's own sends kept out), the counts per mailing from real ingested bounces, the
triggers that mark counts stale, the alert levels, the header fields, and the CLI."""

from __future__ import annotations

import json
from email.utils import formatdate

import pytest

from bouncedesk import store
from bouncedesk.cli.main import main
from bouncedesk.dsn.sentmail import (
    SOURCE_BOUNCEDESK,
    SOURCE_SENT_FOLDER,
    SentHeader,
    header_fields,
    mailing_key_of,
    read_sent_header,
)
from bouncedesk.errors import InputError
from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.rows import Incoming
from bouncedesk.policy.mailings import BOUNCE_HIGH, BOUNCE_WARN, MIN_ALERT_SENT, mailing_alert
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.mailings import (
    affected_recipients,
    bring_up_to_date,
    get_mailing,
    grouping_key,
    list_mailings,
    needs_update,
    refresh_counts,
)
from bouncedesk.store.schema import migrate
from bouncedesk.store.sent import add_sent_messages
from bouncedesk.store.settings import save_policy_settings
from tests.bounces import dsn

T0 = 1_767_261_600  # 2026-01-01 10:00 UTC
HOUR = 3600
SENDER = "news@shop.example"


@pytest.fixture
def conn(tmp_path):
    c = store.connect(tmp_path / "bouncedesk.sqlite3")
    yield c
    c.close()


def _head(i: int, at: int | None, subject: str = "Spring news", *, to: tuple[str, ...] | None = None,
          list_key: str = "", sender: str = SENDER) -> SentHeader:  # fmt: skip
    return SentHeader(
        f"<m{i}@shop.example>", at, subject, sender, to or (f"r{i}@example.com",), list_key=list_key
    )


def _mailing_of(conn, i: int) -> int | None:
    return conn.execute(
        "SELECT mailing_id FROM sent_messages WHERE message_id = ?", (f"<m{i}@shop.example>",)
    ).fetchone()[0]


def _send(conn, heads, source=SOURCE_SENT_FOLDER) -> int:
    return add_sent_messages(conn, 0, heads, source=source)


# --- grouping ------------------------------------------------------------------------------------


def test_a_list_id_beats_the_subject_and_a_subject_groups_only_with_its_sender(conn):
    _send(conn, [
        _head(1, T0, "Anna, your picks", list_key="list:weekly.shop.example"),
        _head(2, T0 + 60, "Ben, your picks", list_key="list:weekly.shop.example"),
        _head(3, T0 + 120, "Spring news"),
        _head(4, T0 + 180, "  SPRING   news "),  # case and whitespace do not matter
        _head(5, T0 + 240, "Spring news", sender="other@shop.example"),
        _head(6, T0 + 300, "Re: Spring news"),  # a reply is not the mailing
    ])  # fmt: skip
    m = {i: _mailing_of(conn, i) for i in range(1, 7)}
    assert m[1] == m[2] and m[3] == m[4]
    assert len({m[1], m[3], m[5], m[6]}) == 4
    listed = get_mailing(conn, m[1])
    assert (listed.subject, listed.list_id, listed.messages, listed.sent) == (
        "Anna, your picks",
        "weekly.shop.example",
        2,
        2,
    )


def test_a_mailing_spans_at_most_the_window_and_the_window_is_a_setting(conn):
    _send(conn, [_head(1, T0), _head(2, T0 + 5 * HOUR), _head(3, T0 + 23 * HOUR), _head(4, T0 + 25 * HOUR)])
    assert _mailing_of(conn, 1) == _mailing_of(conn, 2) == _mailing_of(conn, 3) != _mailing_of(conn, 4)
    m = get_mailing(conn, _mailing_of(conn, 1))
    assert (m.first_at, m.last_at, m.messages) == (T0, T0 + 23 * HOUR, 3)
    # Out of order (a copy read late): still within 24 h of the mailing's first and last message.
    _send(conn, [_head(5, T0 - HOUR)])
    assert _mailing_of(conn, 5) != _mailing_of(conn, 1)  # it would stretch the mailing to 24 h
    save_policy_settings(conn, PolicySettings(mailing_window_hours=72), T0)
    _send(conn, [_head(6, T0 + 100 * HOUR), _head(7, T0 + 160 * HOUR)])
    assert _mailing_of(conn, 6) == _mailing_of(conn, 7)


def test_a_campaign_is_one_mailing_whenever_its_messages_went_out(conn):
    key = mailing_key_of(
        header_fields(b"List-Id: Weekly <weekly.shop.example>\r\nX-Campaign-ID: Spring-2026\r\n")
    )
    assert key == "campaign:spring-2026"
    _send(conn, [_head(1, T0, "A", list_key=key), _head(2, T0 + 72 * HOUR, "B", list_key=key)])
    assert _mailing_of(conn, 1) == _mailing_of(conn, 2)


def test_reading_the_same_sent_mail_again_changes_nothing_but_new_recipients_count(conn):
    heads = [_head(i, T0 + i, to=(f"a{i}@example.com", f"b{i}@example.com")) for i in range(10)]
    assert _send(conn, heads) == 10
    mid = _mailing_of(conn, 0)
    before = get_mailing(conn, mid)
    assert (before.messages, before.sent) == (10, 20)
    assert _send(conn, heads) == 0
    assert get_mailing(conn, mid) == before
    assert conn.execute("SELECT count(*) FROM mailings").fetchone()[0] == 1
    _send(
        conn, [_head(3, T0 + 3, to=("a3@example.com", "b3@example.com", "c3@example.com"))]
    )  # a fuller copy
    assert (get_mailing(conn, mid).messages, get_mailing(conn, mid).sent) == (10, 21)


def test_bouncedesks_own_sends_are_no_mailing(conn):
    _send(conn, [_head(1, T0), _head(2, T0 + 1)], source=SOURCE_BOUNCEDESK)
    assert _mailing_of(conn, 1) == _mailing_of(conn, 2) == 0
    assert conn.execute("SELECT count(*) FROM mailings").fetchone()[0] == 0


def test_sent_mail_stored_before_mailings_existed_is_grouped_on_first_use(tmp_path):
    c = store.connect(tmp_path / "old.sqlite3", upgrade=False)
    try:
        migrate(c, 6)
        c.executemany(
            "INSERT INTO sent_messages(id, account_id, message_id, sent_at, subject, sender, source)"
            " VALUES (?, 0, ?, ?, 'Old news', ?, 'sent-folder')",
            [(i, f"<old{i}@shop.example>", T0 + i, SENDER) for i in range(1, 6)],
        )
        c.executemany("INSERT INTO sent_recipients(sent_id, email) VALUES (?, ?)",
                      [(i, f"p{i}@example.com") for i in range(1, 6)])  # fmt: skip
        c.commit()
        migrate(c)
        assert needs_update(c)
        bring_up_to_date(c, 24)
        assert not needs_update(c)
        [m] = list_mailings(c)
        assert (m.subject, m.messages, m.sent) == ("Old news", 5, 5)
    finally:
        c.close()


def test_the_grouping_key_is_bounded_and_keeps_list_and_subject_apart():
    assert grouping_key("list:x.example", "Hi", SENDER) == "list:x.example"
    key = grouping_key("", "x" * 10_000, " News@Shop.Example ")
    assert key.startswith("subject:") and key.endswith("\nnews@shop.example") and len(key) < 400
    long_id = mailing_key_of(header_fields(b"List-Id: <" + b"a" * 50_000 + b">\r\n"))
    assert long_id.startswith("list:a") and len(long_id) <= 205


def test_a_sent_file_carries_its_list_id_into_the_store(conn):
    raw = (b"From: News <news@shop.example>\r\nTo: x@example.com\r\nSubject: Hi\r\n"
           b"List-Id: \"Shop weekly\" <Weekly.Shop.Example>\r\nMessage-ID: <f1@shop.example>\r\n\r\nbody\r\n")  # fmt: skip
    h = read_sent_header(raw)
    assert h.list_key == "list:weekly.shop.example"
    _send(conn, [h])
    assert conn.execute("SELECT list_key FROM sent_messages").fetchone()[0] == "list:weekly.shop.example"


# --- counts --------------------------------------------------------------------------------------


def _complaint(recipient: str, original_id: str, at: int, n: int) -> bytes:
    """An ARF report about the message `original_id` we sent to `recipient`."""
    return (
        f"From: Feedback Loop <fbl@isp.example.net>\nTo: fbl@shop.example\nSubject: Abuse report\n"
        f"Date: {formatdate(at, usegmt=True)}\nMessage-ID: <arf-{n}@isp.example.net>\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=feedback-report; boundary="a{n}"\n\n'
        f"--a{n}\nContent-Type: text/plain\n\nThis is an abuse report.\n\n"
        f"--a{n}\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: FBL/1.0\n"
        f"Version: 1\nOriginal-Rcpt-To: {recipient}\n\n"
        f"--a{n}\nContent-Type: message/rfc822\n\nFrom: {SENDER}\nTo: {recipient}\nSubject: Spring news\n"
        f"Message-ID: {original_id}\n\nHello.\n\n--a{n}--\n"
    ).encode()


def _newsletter(conn, n: int = 40) -> int:
    """A mailing of n messages, one recipient each; returns its id."""
    _send(conn, [_head(i, T0 + i) for i in range(n)])
    return _mailing_of(conn, 0)


def _ingest(conn, *messages: bytes, at: int = T0 + HOUR) -> None:
    Ingestor(conn).ingest_batch([Incoming(m, f"test:{i}:{hash(m)}") for i, m in enumerate(messages)], at)


def test_counts_take_each_recipient_once_and_only_bounces_about_the_mailing(conn):
    mid = _newsletter(conn)
    oid = lambda i: f"<m{i}@shop.example>"  # noqa: E731
    _ingest(conn,
        dsn("r0@example.com", "5.1.1", original_id=oid(0), at=T0 + 100),
        dsn("r0@example.com", "4.2.2", original_id=oid(0), at=T0 + 200),  # hard wins for r0
        dsn("r1@example.com", "4.2.2", original_id=oid(1), at=T0 + 100),
        dsn("r1@example.com", "4.2.2", original_id=oid(1), at=T0 + 900),  # twice soft: once
        dsn("r2@example.com", "5.7.1", original_id=oid(2), at=T0 + 100),  # blocked: sender-side
        dsn("r3@example.com", "4.4.7", action="delayed", original_id=oid(3), at=T0 + 100),  # a delay is no bounce
        dsn("r4@example.com", "5.1.1", original_id="<never-sent@shop.example>", at=T0 + 100),  # not ours
        _complaint("r5@example.com", oid(5), T0 + 300, 1),
    )  # fmt: skip
    assert needs_update(conn)
    refresh_counts(conn)
    m = get_mailing(conn, mid)
    assert (m.sent, m.hard, m.soft, m.sender_side, m.complaints, m.bounced) == (40, 1, 1, 1, 1, 3)
    people = {a.email: a for a in affected_recipients(conn, mid)}
    assert {e: a.what for e, a in people.items()} == {
        "r0@example.com": "hard", "r1@example.com": "soft", "r2@example.com": "sender-side",
        "r5@example.com": "complaint",
    }  # fmt: skip
    assert people["r0@example.com"].state == "suppressed" and people["r0@example.com"].status in (
        "5.1.1",
        "4.2.2",
    )
    assert [a.email for a in affected_recipients(conn, mid)][0] == "r0@example.com"  # hard ones first


def test_a_changed_or_removed_result_marks_its_mailing_stale_and_it_is_counted_again(conn):
    mid = _newsletter(conn)
    _ingest(conn, dsn("r7@example.com", "5.1.1", original_id="<m7@shop.example>", at=T0 + 100))
    refresh_counts(conn)
    assert get_mailing(conn, mid).hard == 1 and not needs_update(conn)
    conn.execute("UPDATE results SET review = 'dismissed' WHERE email = 'r7@example.com'")
    assert needs_update(conn)
    refresh_counts(conn)
    assert get_mailing(conn, mid).hard == 0
    conn.execute("UPDATE results SET review = '' WHERE email = 'r7@example.com'")
    refresh_counts(conn)
    assert get_mailing(conn, mid).hard == 1
    conn.execute("DELETE FROM results WHERE email = 'r7@example.com'")
    assert needs_update(conn)
    refresh_counts(conn)
    assert get_mailing(conn, mid).hard == 0


def test_the_list_shows_the_newest_mailings_and_leaves_single_messages_out_unless_asked(conn):
    _newsletter(conn, 6)
    _send(conn, [_head(100, T0 + 50 * HOUR, "Your invoice 17")])
    assert [m.subject for m in list_mailings(conn)] == ["Spring news"]
    assert [m.subject for m in list_mailings(conn, min_sent=1)] == ["Your invoice 17", "Spring news"]
    assert list_mailings(conn, since=T0 + 10 * HOUR, min_sent=1)[0].subject == "Your invoice 17"


# --- alerts --------------------------------------------------------------------------------------


def test_alert_levels_follow_the_settings():
    s = PolicySettings()
    assert (s.mailing_warn_percent, s.mailing_high_percent, s.mailing_complaint_percent) == (5.0, 10.0, 0.3)
    assert not mailing_alert(1000, 49, 2, s)
    assert mailing_alert(1000, 50, 0, s).bounce == BOUNCE_WARN
    assert mailing_alert(1000, 100, 0, s).bounce == BOUNCE_HIGH
    a = mailing_alert(1000, 0, 3, s)
    assert a.complaints and a.level == BOUNCE_HIGH and not a.bounce
    assert not mailing_alert(MIN_ALERT_SENT - 1, MIN_ALERT_SENT - 1, 5, s)  # too few to judge
    strict = PolicySettings(mailing_warn_percent=2, mailing_high_percent=3, mailing_complaint_percent=0.1)
    assert (
        mailing_alert(1000, 25, 1, strict).bounce == BOUNCE_WARN
        and mailing_alert(1000, 25, 1, strict).complaints
    )
    assert PolicySettings.from_json(strict.to_json()) == strict


@pytest.mark.parametrize("bad", [
    {"mailing_warn_percent": 0}, {"mailing_high_percent": 101}, {"mailing_warn_percent": 8, "mailing_high_percent": 6},
    {"mailing_window_hours": 0}, {"mailing_complaint_percent": "x"},
])  # fmt: skip
def test_bad_alert_levels_are_refused(bad):
    with pytest.raises(InputError):
        PolicySettings(**bad)


# --- CLI -----------------------------------------------------------------------------------------


def test_the_cli_lists_mailings_with_rates_and_alerts_and_shows_who_bounced(tmp_path, capsys):
    data = tmp_path / "data"
    c = store.connect(data / "bouncedesk.sqlite3")
    try:
        _newsletter(c, 20)
        _ingest(c, dsn("r3@example.com", "5.1.1", original_id="<m3@shop.example>", at=T0 + 100),
                dsn("r4@example.com", "4.2.2", original_id="<m4@shop.example>", at=T0 + 100))  # fmt: skip
        mid = _mailing_of(c, 0)
    finally:
        c.close()
    assert main(["mailings", "--data-dir", str(data), "--json"]) == 0
    [row] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (row["id"], row["sent"], row["hard"], row["soft"], row["bounced"]) == (mid, 20, 1, 1, 2)
    assert (row["bounce_rate"], row["alert"], row["alert_text"]) == (10.0, "high", "bounces >= 10 %")
    assert main(["mailings", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0].split()[:3] == ["id", "date", "(UTC)"] and "10.0 %" in out[1] and "bounces >= 10 %" in out[1]
    )
    assert main(["mailings", "show", str(mid), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert (
        "2 bounced (10.0 %)" in out and "r3@example.com" in out and "hard" in out and "r4@example.com" in out
    )
    assert main(["mailings", "show", "999", "--data-dir", str(data)]) == 2
    assert main(["mailings", "--since", "yesterday", "--data-dir", str(data)]) == 2
