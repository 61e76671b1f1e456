"""Re-send building: our own copy found via a fetcher (never the bounce's), under a Resent-* block."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest

from bouncedesk.act.resend import (
    FROM_SENT_FOLDER,
    OriginalFetcher,
    attempt_key,
    build_resent,
    find_original,
    resent_message_id,
)
from bouncedesk.errors import InputError

ORIGINAL = (
    b"Return-Path: <mailer@shop.example>\n"
    b"From: Shop <mailer@shop.example>\n"
    b"To: ann@example.org\n"
    b"Bcc: boss@shop.example\n"
    b"Date: Mon, 03 Jun 2024 10:00:00 +0000\n"
    b"Subject: Your order\n"
    b"Message-ID: <order-77@shop.example>\n"
    b"DKIM-Signature: v=1; a=rsa-sha256; d=shop.example;\n"
    b"  b=abc\n"
    b"\n"
    b"Thank you for your order.\n"
    b"\n"
    b"Second paragraph.\n"
)


class DictFetcher:
    """A stand-in Sent folder holding messages by Message-ID (the IMAP one is tested with Dovecot)."""

    def __init__(self, messages: dict[str, bytes]) -> None:
        self.messages = messages
        self.asked: list[tuple[str, str]] = []

    def fetch_original(self, account_name: str, message_id: str) -> bytes | None:
        self.asked.append((account_name, message_id))
        return self.messages.get(message_id)


def test_find_original_asks_only_the_fetcher() -> None:
    fetcher = DictFetcher({"<order-77@shop.example>": ORIGINAL})
    assert isinstance(fetcher, OriginalFetcher)
    got = find_original("shop", "<order-77@shop.example>", fetcher)
    assert got is not None and got.origin == FROM_SENT_FOLDER and got.data == ORIGINAL
    assert fetcher.asked == [("shop", "<order-77@shop.example>")]
    assert find_original("shop", "<other@shop.example>", fetcher) is None
    assert find_original("shop", None, fetcher) is None
    assert find_original("shop", "<order-77@shop.example>", None) is None


def test_resent_block_is_prepended_and_original_kept() -> None:
    key = attempt_key("Ann@Example.org", 2, "<order-77@shop.example>")
    mid = resent_message_id(key, "mailer@shop.example")
    out = build_resent(ORIGINAL, resent_from="Shop <mailer@shop.example>", resent_to="ann@example.org",
                       now=1717412400, message_id=mid)
    lines = out.split(b"\n")
    assert [ln.split(b":")[0] for ln in lines[:4]] == [b"Resent-Date", b"Resent-From", b"Resent-To",
                                                        b"Resent-Message-ID"]
    msg = message_from_bytes(out, policy=default)
    assert msg["Resent-Date"] == "Mon, 03 Jun 2024 11:00:00 +0000"
    assert msg["Resent-To"] == "ann@example.org"
    assert msg["Resent-Message-ID"] == mid and mid.endswith("@shop.example>")
    assert msg["Bcc"] is None and msg["Return-Path"] is None
    assert msg["Message-ID"] == "<order-77@shop.example>"
    # The original's headers (folded DKIM signature included) and body are unchanged.
    assert b"DKIM-Signature: v=1; a=rsa-sha256; d=shop.example;\n  b=abc\n" in out
    assert out.endswith(b"\n\nThank you for your order.\n\nSecond paragraph.\n")


def test_attempt_keys_are_stable_and_distinct() -> None:
    k = attempt_key("ann@example.org", 1, "<m@x>")
    assert k == attempt_key(" ANN@example.org", 1, "<m@x>")
    assert len({k, attempt_key("ann@example.org", 2, "<m@x>"), attempt_key("ann@example.org", 1, "<n@x>"),
                attempt_key("bob@example.org", 1, "<m@x>")}) == 4
    assert resent_message_id(k, "a@b.example", 7) == resent_message_id(k, "a@b.example", 7)
    assert resent_message_id(k, "a@b.example", 7) != resent_message_id(k, "a@b.example", 8)
    assert resent_message_id(k, "Shop <a@B.example>", 7).endswith("@b.example>")


def test_mbox_from_line_is_dropped_and_bad_addresses_refused() -> None:
    out = build_resent(b"From mailer@shop.example Mon Jun  3 10:00:00 2024\n" + ORIGINAL,
                       resent_from="mailer@shop.example", resent_to="ann@example.org", now=0, message_id="<x@y>")
    assert b"\nFrom mailer@shop.example Mon" not in out and b"From: Shop" in out
    with pytest.raises(InputError):
        build_resent(ORIGINAL, resent_from="nobody", resent_to="ann@example.org", now=0, message_id="<x@y>")
