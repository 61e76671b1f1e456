"""A sync of a real Dovecot INBOX in which hostile messages sit among ordinary bounces: the sync
finishes, every ordinary bounce is stored with its result, and each hostile one is stored too (read,
or unparseable with the reason), never dropped. The sizes are those that took minutes before
the parser was made linear (see benchmarks/adversarial.py for the timings at 1 MB and more)."""

from __future__ import annotations

import pytest

from bouncedesk.intake.poller import sync_accounts
from tests.integration import mailgen

pytestmark = pytest.mark.imap

HEAD = ("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\nTo: news@sender.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n")  # fmt: skip


def _dsn(diagnostic: str, recipients: list[str]) -> bytes:
    blocks = "".join(f"Final-Recipient: rfc822; {r}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                     f"Diagnostic-Code: smtp; {diagnostic}\r\n\r\n" for r in recipients)  # fmt: skip
    return (HEAD + 'MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"'
            "\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
            + blocks + "--B--\r\n").encode()  # fmt: skip


HOSTILE = {
    "dotted diagnostic": _dsn("550 5.1.1 " + "a." * 200_000, ["dots@example.org"]),
    "one 300 KB line": (HEAD + "\r\n" + "x" * 300_000 + " user unknown <line@example.org>\r\n").encode(),
    "50 KB From": (HEAD.replace("From: Mail", "From: " + "M" * 50_000 + " Mail") + "\r\n"
                   "<from@example.org>: 550 5.1.1 user unknown\r\n").encode(),  # fmt: skip
    "10,000-recipient text bounce": (HEAD + "\r\nI could not deliver to these recipients:\r\n\r\n"
                                     + "".join(f"<r{i}@example.org>: 550 5.1.1 user unknown\r\n" for i in range(10_000))
                                     ).encode(),  # fmt: skip
    "100,000 folded header lines": (HEAD + "X-Junk: a\r\n" + " b\r\n" * 100_000 + "\r\n"
                                    "<fold@example.org>: 550 5.1.1 user unknown\r\n").encode(),  # fmt: skip
    "5,000-recipient DSN": _dsn("550 5.1.1 user unknown", [f"d{i}@example.org" for i in range(5000)]),
}


def test_hostile_messages_among_ordinary_bounces_do_not_stop_a_sync(dovecot, mail_store) -> None:
    ordinary = [mailgen.dsn(i, "calm") for i in range(6)]
    mixed = ordinary[:3] + list(HOSTILE.values()) + ordinary[3:]
    dovecot.append(mixed)
    mail_store.add(dovecot)
    [report] = sync_accounts(mail_store.conn, mail_store.secrets, clock=lambda: 1_773_000_000)
    part = report.folder("INBOX")
    assert not part.error and part.complete and part.new == len(mixed)
    conn = mail_store.conn
    assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == len(mixed)
    for i in range(6):  # every ordinary bounce is there with its recipient
        email = mailgen.bounce_recipient(i, "calm")
        assert conn.execute("SELECT count(*) FROM results WHERE email = ?", (email,)).fetchone()[0] == 1, email
    rows = conn.execute("SELECT outcome, error, subject, sender FROM messages").fetchall()
    assert all(o in ("report", "none") or (o == "unparseable" and e) for o, e, _s, _f in rows)
    # Recipient lists beyond the cap are read in part and say so, never silently.
    notes = [e for o, e, *_ in rows if "recipients read" in (e or "")]
    assert any("of 10000 recipients" in n for n in notes) and any("of 5000 recipients" in n for n in notes)
