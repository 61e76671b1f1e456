"""One self-written message per format family, parsed and classified end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from bouncedesk.intake.analysis import analyze_message

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bounces"


def analyze(name: str, newline: bytes = b"\n"):
    data = (FIXTURES / name).read_bytes()
    if newline != b"\n":
        data = data.replace(b"\n", newline)
    return analyze_message(data)


def rows(name: str, newline: bytes = b"\n"):
    a = analyze(name, newline)
    return [(f.kind, f.recipient, v.status, v.reason, v.hard) for f, v in a.results]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_postfix_dsn_user_unknown_in_every_line_ending(newline):
    a = analyze("postfix-dsn-userunknown.eml", newline)
    assert a.parsed.format == "rfc3464"
    [(f, v)] = a.results
    assert (f.kind, f.recipient, f.action) == ("bounce", "anna.berg@kunde.test", "failed")
    assert (v.status, v.status_source, v.reason, v.hard) == ("5.1.1", "dsn", "userunknown", True)
    assert f.reply_code == "550"
    assert f.original_recipient == "anna.berg@kunde.test"
    assert f.remote_mta == "mx.kunde.test"
    assert "User unknown in virtual mailbox table" in f.diagnostic
    assert v.side == "recipient" and v.action_hint == "suppress"
    assert f.arrival_date == "2026-03-03T09:15:00Z"
    # The returned original: RFC 2047 subject decoded.
    orig = a.parsed.original
    assert orig.message_id == "<inv-2026-0042@shop.test>"
    assert orig.subject == "Rechnung Nr. 42 für März"
    assert orig.to == "anna.berg@kunde.test"
    assert orig.complete


def test_exim_text_bounce_reads_each_recipient_with_its_own_words():
    got = rows("exim-text-two-recipients.eml")
    assert got == [
        ("bounce", "bob@far.test", "5.2.2", "mailboxfull", False),
        ("bounce", "carol@near.test", "5.1.1", "userunknown", True),
    ]
    a = analyze("exim-text-two-recipients.eml")
    assert a.parsed.original.message_id == "<news-march@shop.test>"
    assert all(f.command == "RCPT" for f, _ in a.results)


def test_qmail_host_unknown_with_hash_code():
    got = rows("qmail-text.eml")
    assert got == [("bounce", "dieter@ghost.test", "5.1.2", "hostunknown", True)]
    a = analyze("qmail-text.eml")
    assert a.parsed.original.subject == "Your quote"


def test_delay_notice_for_temporarily_disabled_mailbox_is_not_a_bounce():
    a = analyze("dsn-delayed-disabled.eml")
    [(f, v)] = a.results
    assert f.kind == "delay" and f.action == "delayed"
    assert v.status == "4.2.1" and v.hard is False
    assert v.action_hint == "none"
    assert a.parsed.original.message_id == "<inv-99@shop.test>"
    assert a.parsed.original.complete is False  # headers only: cannot be re-sent from here


def test_arf_complaint():
    [(f, v)] = analyze("arf-complaint.eml").results
    assert (f.kind, f.recipient, f.feedback_type) == ("complaint", "frank@mailbox.test", "abuse")
    assert v.reason == "feedback" and v.hard is False


def test_out_of_office_auto_reply_is_no_penalty():
    [(f, v)] = analyze("autoreply-ooo.eml").results
    assert (f.kind, f.recipient) == ("auto-reply", "greta@partner.test")
    assert v.reason == "vacation" and v.hard is False and v.action_hint == "none"


def test_delivered_dsn():
    [(f, v)] = analyze("delivered-dsn.eml").results
    assert (f.kind, f.action, f.recipient, v.reason) == ("delivered", "relayed", "hans@kunde.test", "delivered")


def test_global_delivery_status_quoted_printable_and_sender_side_reason():
    a = analyze("exchange-base64-global.eml")
    [(f, v)] = a.results
    assert f.recipient == "ivan@corp.test"
    assert v.status == "5.7.1"
    assert "SPAMHAUS" in f.diagnostic
    assert v.reason == "blocked" and v.side == "sender" and v.hard is False
    assert v.action_hint == "fix-sender-setup"


def test_plain_mail_is_not_a_bounce():
    msg = (b"From: Ann <ann@example.test>\nTo: bob@example.test\nSubject: lunch?\n"
           b"Message-ID: <x@example.test>\n\nShall we meet at noon?\n")
    a = analyze_message(msg)
    assert a.parsed.outcome == "none" and a.results == []


def test_huge_attachment_is_not_decoded_and_bounce_still_read():
    data = (FIXTURES / "postfix-dsn-userunknown.eml").read_bytes()
    big = b"QUFB" * (20 * 1024 * 1024 // 4)  # 20 MB of base64 in the returned original
    data = data.replace(b"Guten Tag, anbei Ihre Rechnung.", big)
    [(f, v)] = analyze_message(data).results
    assert f.recipient == "anna.berg@kunde.test" and v.reason == "userunknown"


def test_mislabelled_charset_and_8bit_text():
    msg = ("From: MAILER-DAEMON@mx.test\nTo: a@shop.test\nSubject: Unzustellbar: Angebot\n"
           "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 8bit\n\n"
           "Die Nachricht konnte nicht zugestellt werden.\n\n"
           "<jürgen.test@müller.test>: 550 5.2.2 Postfach voll – mailbox full\n").encode()
    a = analyze_message(msg)
    assert a.parsed.outcome == "report"
    [(f, v)] = a.results
    assert v.reason == "mailboxfull" and v.status == "5.2.2"


@pytest.mark.parametrize("data,why", [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02garbage", "")])
def test_unreadable_input_is_unparseable_or_none_with_reason(data, why):
    a = analyze_message(data)
    assert a.parsed.outcome in ("unparseable", "none")
    assert a.results == []
    if a.parsed.outcome == "unparseable":
        assert why in a.parsed.error
