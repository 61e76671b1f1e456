"""The IMAP poller's pure parts: prefilter, UID sets, fingerprints, backoff, account checks, FETCH parsing."""

from __future__ import annotations

import imaplib
import io
import random

import pytest

from bouncedesk.errors import InputError
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.backoff import Backoff
from bouncedesk.mail.endpoint import format_fingerprint, is_loopback, normalize_fingerprint
from bouncedesk.mail.imap import read_fetch, uid_set
from bouncedesk.mail.prefilter import may_be_bounce
from tests.integration import mailgen


def _header_block(data: bytes) -> bytes:
    for sep in (b"\r\n\r\n", b"\n\n", b"\r\r"):
        i = data.find(sep)
        if i >= 0:
            return data[: i + len(sep)]
    return data


@pytest.mark.corpus
def test_prefilter_lets_every_corpus_bounce_through(corpus):
    missed = []
    for sub in ("bsd", "dos", "mac"):
        for f in sorted((corpus / "emails" / sub).iterdir()):
            if not may_be_bounce(_header_block(f.read_bytes())):
                missed.append(f"{sub}/{f.name}")
    assert missed == []


def test_prefilter_skips_ordinary_mail_and_keeps_reports():
    for i in range(50):
        assert not may_be_bounce(_header_block(mailgen.ordinary(i, "u")))
        assert may_be_bounce(_header_block(mailgen.dsn(i, "u")))


@pytest.mark.parametrize(
    "headers",
    [
        b"From: someone@example.com\r\nSubject: hello\r\nX-Failed-Recipients: a@b.example\r\n\r\n",
        b"From: someone@example.com\r\nSubject: hello\r\nReturn-Path: <>\r\n\r\n",
        b"From: someone@example.com\r\nSubject: hello\r\nContent-Type: multipart/report;\r\n report-type=delivery-status\r\n\r\n",
        b"From: Anna <anna@example.com>\r\nSubject: =?utf-8?b?VW56dXN0ZWxsYmFy?=\r\n\r\n",  # "Unzustellbar"
        b"From: Anna <anna@example.com>\r\nSubject: =?iso-2022-jp?b?GyRCTCRDIxsoQg==?=\r\n\r\n",  # "未達" (undelivered)
        b"From: Anna <anna@example.com>\r\nSubject: Thanks\r\nAuto-Submitted: auto-replied\r\n\r\n",
        b"From: MAILER-DAEMON@mx.example.com\r\nSubject: hi\r\n\r\n",
        b"",  # no header fields at all: look at the whole message
    ],
)
def test_prefilter_is_generous(headers):
    assert may_be_bounce(headers)


def test_uid_set_compresses_runs():
    assert uid_set([1, 2, 3, 7, 9, 10]) == "1:3,7,9:10"
    assert uid_set([5]) == "5"
    assert uid_set([3, 1, 2, 2]) == "1:3"
    assert uid_set([]) == ""


def test_fingerprints_in_any_common_spelling():
    hexd = "ab" * 32
    assert normalize_fingerprint("SHA256:" + format_fingerprint(hexd)) == hexd
    assert normalize_fingerprint(hexd.upper()) == hexd
    with pytest.raises(InputError):
        normalize_fingerprint("ab:cd")


def test_loopback_names():
    assert is_loopback("localhost") and is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]")
    assert not is_loopback("mail.example.com") and not is_loopback("10.0.0.1")


def test_backoff_grows_with_jitter_up_to_the_cap_and_resets():
    b = Backoff(base=1, factor=2, cap=10, rng=random.Random(3))
    delays = [b.next_delay() for _ in range(8)]
    ceilings = [1, 2, 4, 8, 10, 10, 10, 10]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len(set(delays)) == len(delays)  # jittered, not a fixed sequence
    b.reset()
    assert b.next_delay() <= 1


def test_account_defaults_and_refusals():
    a = Account("work", "imap.example.com", "me")
    assert (a.port, a.security, a.folders) == (993, "tls", ("INBOX",))
    assert Account("w", "imap.example.com", "me", security="starttls").port == 143
    with pytest.raises(InputError, match="only allowed to this computer"):
        Account("w", "imap.example.com", "me", security="plain")
    with pytest.raises(InputError, match="processed folder"):
        Account("w", "imap.example.com", "me", folders=("INBOX", "Done"), processed_folder="Done")
    with pytest.raises(InputError):
        Account(" ", "imap.example.com", "me")


class _Wire:
    """A scripted server answer for read_fetch. Fake on purpose: Dovecot cannot be made to put an
    unsolicited flag change or a UID after the literal into one particular FETCH answer (the real
    reader is exercised against Dovecot in tests/integration)."""

    def __init__(self, answer: bytes) -> None:
        self.sent = b""
        self._answer = answer
        self._buf = io.BytesIO()

    def send(self, data: bytes) -> None:
        self.sent += data
        tag = data.split(b" ", 1)[0]
        self._buf = io.BytesIO(self._answer.replace(b"TAG", tag))

    def readline(self) -> bytes:
        return self._buf.readline()

    def read(self, size: int) -> bytes:
        return self._buf.read(size)


def test_read_fetch_keeps_asked_uids_and_drops_unsolicited_responses():
    wire = _Wire(
        b"* 1 FETCH (UID 11 RFC822.SIZE 40 BODY[] {5}\r\nhello)\r\n"
        b"* 2 FETCH (UID 12 BODY[] NIL)\r\n"  # expunged meanwhile
        b"* 3 FETCH (FLAGS (\\Seen) UID 99)\r\n"  # an unsolicited flag change of another message
        b"* 7 EXISTS\r\n"
        b"* 4 FETCH (BODY[] {3}\r\nabc UID 14)\r\n"  # UID after the literal
        b"TAG OK [EXPUNGEISSUED] done\r\n"
    )
    status, text, got = read_fetch(wire, "11:14", "(BODY.PEEK[])", {11, 12, 14})
    assert wire.sent.endswith(b" UID FETCH 11:14 (BODY.PEEK[])\r\n")
    assert status == b"OK" and b"EXPUNGEISSUED" in text
    assert got[11][1] == b"hello" and b"RFC822.SIZE 40" in got[11][0]
    assert got[12][1] is None
    assert got[14][1] == b"abc"
    assert set(got) == {11, 12, 14}


def test_read_fetch_reports_a_refusal_and_a_dropped_connection():
    status, text, got = read_fetch(_Wire(b"TAG NO [SERVERBUG] oops\r\n"), "1", "(BODY.PEEK[])", {1})
    assert (status, got) == (b"NO", {}) and text == b"[SERVERBUG] oops"
    with pytest.raises(imaplib.IMAP4.abort, match="shutting down"):
        read_fetch(_Wire(b"* 1 FETCH (UID 1 BODY[] {3}\r\nabc)\r\n* BYE shutting down\r\n"), "1", "(X)", {1})
    with pytest.raises(imaplib.IMAP4.abort, match="closed"):
        read_fetch(_Wire(b"* 1 FETCH (UID 1 BODY[] {3}\r\nabc"), "1", "(X)", {1})
