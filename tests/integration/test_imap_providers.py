"""Provider health end to end: a real Dovecot Sent folder and bounce folder synced into a real store,
then `bouncedesk providers --json` and `providers show` count sent mail, bounces, the rate and the
named sender-side problems per receiving provider (a custom domain by its Microsoft mail server)."""

from __future__ import annotations

import io
import json
import time
from email.utils import formatdate

import pytest

from bouncedesk.cli.main import main
from tests.integration import mailgen

pytestmark = pytest.mark.imap

DAY = 86400


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def report(rcpt: str, status: str, words: str, remote: str, at: int, n: int) -> bytes:
    """A DSN about the sent message `<news-n@shop.example>` (our own wording)."""
    b = f"=_b{n}"
    return (
        f"From: Mail Delivery System <MAILER-DAEMON@out.shop.example>\r\nTo: news@shop.example\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\nDate: {formatdate(at, usegmt=True)}\r\n"
        f"Message-ID: <dsn-{n}@out.shop.example>\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{b}"\r\n\r\n'
        f"--{b}\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
        f"--{b}\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; out.shop.example\r\n\r\n"
        f"Final-Recipient: rfc822; {rcpt}\r\nAction: failed\r\nStatus: {status}\r\n"
        f"Remote-MTA: dns; {remote}\r\nDiagnostic-Code: smtp; {words}\r\n\r\n"
        f"--{b}\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: Shop <news@shop.example>\r\nTo: {rcpt}\r\n"
        f"Subject: Winter news\r\nMessage-ID: <news-{n}@shop.example>\r\n\r\n--{b}--\r\n"
    ).encode()


def test_sync_then_providers_counts_rates_and_named_problems(
    dovecot, data_dir, keyring_file, capsys, monkeypatch
):
    now = int(time.time())
    sent_at = now - 2 * DAY
    rcpts = [f"reader{i}@gmail.com" for i in range(20)] + [f"kunde{i}@outlook.de" for i in range(10)]
    rcpts += ["info@kanzlei.example", "boss@firma.example"]
    dovecot.append((mailgen.sent_with(f"<news-{n}@shop.example>", to=r, subject="Winter news",
                                      sender="Shop <news@shop.example>", date=formatdate(sent_at, usegmt=True))
                    for n, r in enumerate(rcpts)), folder="Sent")  # fmt: skip
    at = now - DAY
    dovecot.append([
        report("reader0@gmail.com", "5.1.1", "550 5.1.1 The account you tried to reach does not exist.",
               "gmail-smtp-in.l.google.com", at, 0),
        report("reader1@gmail.com", "5.1.1", "550 5.1.1 The account you tried to reach does not exist.",
               "gmail-smtp-in.l.google.com", at, 1),
        report("reader2@gmail.com", "5.7.1", "554 5.7.1 Client host [198.51.100.9] blocked using zen.spamhaus.org",
               "gmail-smtp-in.l.google.com", at, 2),
        report("kunde0@outlook.de", "5.7.1", "550 5.7.1 Messages from [198.51.100.9] weren't sent; part of their "
               "network is on our block list (S3150).", "outlook-de.olc.protection.outlook.com", at, 20),
        report("info@kanzlei.example", "5.7.606", "550 5.7.606 Access denied, banned sending IP [198.51.100.9].",
               "kanzlei-example.mail.protection.outlook.com", at, 30),
        report("boss@firma.example", "5.7.1", "550 5.7.1 Email rejected per DMARC policy for shop.example",
               "mx.firma.example", at, 31),
    ])  # fmt: skip
    rc, _, err = run(capsys, monkeypatch, "account", "add", "work", "--host", "127.0.0.1", "--port",
                     str(dovecot.port), "--security", "plain", "--user", "alice", "--password-stdin",
                     stdin="alice-secret\n")  # fmt: skip
    assert rc == 0, err
    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 0, err

    rc, out, err = run(capsys, monkeypatch, "providers", "--json", "--days", "7")
    assert rc == 0, err
    rows = {p["provider"]: p for p in json.loads(out)["providers"]}
    assert list(rows) == ["gmail", "microsoft", "others"]
    g, m, o = rows["gmail"], rows["microsoft"], rows["others"]
    assert (g["sent"], g["bounces"], g["hard"], g["sender_side"], g["problems"]) == (20, 3, 2, 1, 1)
    assert g["rate"] == pytest.approx(3 / 20)
    # the custom domain counts for Microsoft by the server that refused it; its sent mail is known by
    # its domain only, so it counts for others
    assert (m["sent"], m["bounces"], m["sender_side"], m["problems"]) == (10, 2, 2, 2)
    assert (o["sent"], o["bounces"], o["problems"]) == (2, 1, 1)

    rc, out, err = run(capsys, monkeypatch, "providers", "show", "Microsoft", "--json", "--days", "7")
    assert rc == 0, err
    shown = json.loads(out)
    names = {p["listing"]: p for p in shown["problems"]}
    assert set(names) == {"microsoft-s3150", "microsoft-banned-ip"}
    assert names["microsoft-banned-ip"]["page"] == "Office 365 Anti-Spam IP Delist Portal"
    assert "banned sending IP" in names["microsoft-banned-ip"]["examples"][0]
    assert len(shown["series"]) == 7 and sum(s["bounces"] for s in shown["series"]) == 2

    rc, out, err = run(capsys, monkeypatch, "providers", "show", "gmail", "--lang", "de", "--days", "7")
    assert rc == 0, err
    assert "Spamhaus (ZEN): 1" in out and "Spamhaus IP and Domain Reputation Checker" in out
    assert "beantragen Sie dort die Entfernung" in out

    rc, out, err = run(capsys, monkeypatch, "providers", "show", "nosuch")
    assert rc == 2 and "no provider 'nosuch'" in err
