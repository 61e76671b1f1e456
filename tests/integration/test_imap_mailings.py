"""Mailings from a real Dovecot Sent folder: a newsletter (List-Id, personal subjects) and invoices
sent one by one (same subject and sender) are read in one sync with the bounces in INBOX, and
`bouncedesk mailings` reports each with its numbers; a later sync adds to the same mailing."""

from __future__ import annotations

import json

import pytest

from bouncedesk.cli.main import main
from bouncedesk.intake.poller import sync_accounts
from tests.integration import mailgen

pytestmark = pytest.mark.imap

NOW = 1_773_000_000
# Before the bounces (mailgen dates them from 2024-03-04 09:00): a bounce older than its message is no proof.
NEWS_DATE = "Mon, 04 Mar 2024 07:00:00 +0000"
INVOICE_DATE = "Mon, 04 Mar 2024 08:00:00 +0000"


def _newsletter(i: int) -> bytes:
    name = mailgen.bounce_recipient(i, "n").split(".")[0].capitalize()
    return mailgen.sent_with(
        mailgen.original_message_id(i, "n"), to=mailgen.bounce_recipient(i, "n"), subject=f"{name}, our March news",
        sender="Shop News <news@sender.example>", date=NEWS_DATE, extra="List-Id: Shop news <news.sender.example>\r\n",
    )  # fmt: skip


def _invoice(i: int) -> bytes:
    return mailgen.sent_with(
        mailgen.original_message_id(i, "i"), to=mailgen.bounce_recipient(i, "i"), subject="Your invoice",
        sender="Billing <billing@sender.example>", date=INVOICE_DATE,
    )  # fmt: skip


def _mailings(ms, capsys) -> dict[str, dict]:
    assert main(["mailings", "--all", "--json", "--data-dir", str(ms.data_dir)]) == 0
    return {r["list_id"] or r["subject"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}


def test_two_mailings_from_the_sent_folder_with_their_bounces(dovecot, mail_store, capsys):
    dovecot.append([_newsletter(i) for i in range(30)] + [_invoice(i) for i in range(25)], folder="Sent")
    dovecot.append([mailgen.dsn(1, "n", hard=True), mailgen.dsn(6, "n", hard=True), mailgen.dsn(3, "n", hard=False),
                    mailgen.dsn(4, "i", hard=True),
                    mailgen.dsn(7, "x", hard=True)])  # names a message never sent: counts for no mailing  # fmt: skip
    mail_store.add(dovecot)
    [report] = sync_accounts(mail_store.conn, mail_store.secrets, clock=lambda: NOW)
    assert report.sent.headers == 55 and report.folder("INBOX").new_bounces == 5

    found = _mailings(mail_store, capsys)
    assert set(found) == {"news.sender.example", "Your invoice"}
    news, invoices = found["news.sender.example"], found["Your invoice"]
    assert (news["messages"], news["sent"], news["hard"], news["soft"], news["bounced"]) == (30, 30, 2, 1, 3)
    assert (news["bounce_rate"], news["alert"], news["sender"]) == (10.0, "high", "news@sender.example")
    assert news["first_sent"] == "2024-03-04T07:00:00Z" and news["subject"].endswith(", our March news")
    assert (invoices["sent"], invoices["hard"], invoices["bounce_rate"], invoices["alert"]) == (
        25,
        1,
        4.0,
        "",
    )

    assert main(["mailings", "show", str(news["id"]), "--json", "--data-dir", str(mail_store.data_dir)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(r["recipient"], r["what"]) for r in shown["recipients"]] == [
        (mailgen.bounce_recipient(1, "n"), "hard"), (mailgen.bounce_recipient(6, "n"), "hard"),
        (mailgen.bounce_recipient(3, "n"), "soft"),
    ]  # fmt: skip
    assert {r["state"] for r in shown["recipients"][:2]} == {"suppressed"}

    # A later sync: one more issue message and its bounce join the same mailing; nothing doubles.
    dovecot.append([_newsletter(30)], folder="Sent")
    dovecot.append([mailgen.dsn(30, "n", hard=True)])
    sync_accounts(mail_store.conn, mail_store.secrets, clock=lambda: NOW + 600)
    again = _mailings(mail_store, capsys)
    assert again["news.sender.example"]["id"] == news["id"]
    assert (again["news.sender.example"]["sent"], again["news.sender.example"]["hard"]) == (31, 3)
    assert again["Your invoice"] == invoices
