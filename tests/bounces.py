"""Self-written bounce messages for store, ingest and CLI tests (RFC 3464 DSNs, ARF, auto-replies).

Small and plain on purpose: these tests check what the store does with results, not the parser.
"""

from __future__ import annotations

from email.utils import formatdate

_N = iter(range(1, 10**9))


def _date(at: int) -> str:
    return formatdate(at, usegmt=True)


def dsn(
    recipient: str,
    status: str = "5.1.1",
    *,
    at: int = 1_700_000_000,
    action: str = "failed",
    diagnostic: str | None = None,
    original_id: str | None = None,
    serial: int | None = None,
) -> bytes:
    """A multipart/report delivery status notification for one recipient."""
    n = serial if serial is not None else next(_N)
    code = {"2": "250", "4": "452", "5": "550"}[status[0]]
    diagnostic = diagnostic or {
        "5.1.1": "550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table",
        "4.2.1": "452 4.2.1 Mailbox temporarily disabled",
        "4.2.2": "452 4.2.2 Mailbox full: quota exceeded",
        "5.7.1": "550 5.7.1 Service unavailable; client host [192.0.2.7] blocked using a block list",
        "4.4.7": "451 4.4.7 delivery time expired, still trying",
        "2.0.0": "250 2.0.0 Ok: delivered to mailbox",
    }.get(status, f"{code} {status} Delivery problem").format(r=recipient)
    original_id = original_id or f"<orig-{n}@sender.example.org>"
    boundary = f"b-{n}"
    return (
        f"From: Mail Delivery System <MAILER-DAEMON@mx.sender.example.org>\n"
        f"To: news@sender.example.org\n"
        f"Subject: Undelivered Mail Returned to Sender\n"
        f"Date: {_date(at)}\n"
        f"Message-ID: <dsn-{n}@mx.sender.example.org>\n"
        f"Auto-Submitted: auto-replied\n"
        f"MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\n'
        f"\n"
        f"--{boundary}\n"
        f"Content-Type: text/plain; charset=us-ascii\n"
        f"\n"
        f"This is the mail system at host mx.sender.example.org.\n"
        f"I'm sorry to have to inform you that your message could not be delivered.\n"
        f"\n"
        f"<{recipient}>: {diagnostic}\n"
        f"\n"
        f"--{boundary}\n"
        f"Content-Type: message/delivery-status\n"
        f"\n"
        f"Reporting-MTA: dns; mx.sender.example.org\n"
        f"Arrival-Date: {_date(at - 60)}\n"
        f"\n"
        f"Final-Recipient: rfc822; {recipient}\n"
        f"Original-Recipient: rfc822; {recipient}\n"
        f"Action: {action}\n"
        f"Status: {status}\n"
        f"Remote-MTA: dns; mx.{recipient.rpartition('@')[2]}\n"
        f"Diagnostic-Code: smtp; {diagnostic}\n"
        f"\n"
        f"--{boundary}\n"
        f"Content-Type: message/rfc822\n"
        f"\n"
        f"From: News <news@sender.example.org>\n"
        f"To: {recipient}\n"
        f"Subject: Our news, issue {n}\n"
        f"Date: {_date(at - 120)}\n"
        f"Message-ID: {original_id}\n"
        f"\n"
        f"Hello, this is issue {n} of our news.\n"
        f"\n"
        f"--{boundary}--\n"
    ).encode()


def complaint(recipient: str, *, at: int = 1_700_000_000, serial: int | None = None) -> bytes:
    """An ARF abuse report about mail sent to `recipient`."""
    n = serial if serial is not None else next(_N)
    boundary = f"arf-{n}"
    return (
        f"From: Feedback Loop <fbl@isp.example.net>\n"
        f"To: fbl-reports@sender.example.org\n"
        f"Subject: Abuse report\n"
        f"Date: {_date(at)}\n"
        f"Message-ID: <arf-{n}@isp.example.net>\n"
        f"MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=feedback-report; boundary="{boundary}"\n'
        f"\n"
        f"--{boundary}\n"
        f"Content-Type: text/plain\n"
        f"\n"
        f"This is an e-mail abuse report.\n"
        f"\n"
        f"--{boundary}\n"
        f"Content-Type: message/feedback-report\n"
        f"\n"
        f"Feedback-Type: abuse\n"
        f"User-Agent: ExampleFBL/1.0\n"
        f"Version: 1\n"
        f"Original-Rcpt-To: {recipient}\n"
        f"Arrival-Date: {_date(at - 60)}\n"
        f"\n"
        f"--{boundary}\n"
        f"Content-Type: message/rfc822\n"
        f"\n"
        f"From: News <news@sender.example.org>\n"
        f"To: {recipient}\n"
        f"Subject: Our news\n"
        f"Message-ID: <orig-arf-{n}@sender.example.org>\n"
        f"\n"
        f"Hello.\n"
        f"\n"
        f"--{boundary}--\n"
    ).encode()


def not_a_bounce(serial: int | None = None) -> bytes:
    n = serial if serial is not None else next(_N)
    return (
        f"From: Alice <alice@friends.example.com>\n"
        f"To: news@sender.example.org\n"
        f"Subject: Lunch on Friday?\n"
        f"Date: {_date(1_700_000_000)}\n"
        f"Message-ID: <lunch-{n}@friends.example.com>\n"
        f"\n"
        f"Shall we meet at noon?\n"
    ).encode()


def garbage(serial: int = 0) -> bytes:
    """Bytes that are no mail at all."""
    return bytes([0, 1, 2, 255, 254]) * 40 + str(serial).encode()
