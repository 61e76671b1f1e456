"""Headers of our sent mail: parsed by hand, bounded, as clients write them (no server needed)."""

from __future__ import annotations

from bouncedesk.dsn.sentmail import MAX_HEADER_BYTES, MAX_RECIPIENTS, read_sent_header

SENT_AT = 1_772_445_600  # Mon, 02 Mar 2026 10:00:00 UTC


def test_header_parsing_is_bounded_and_reads_what_clients_write():
    """No server needed: the parser alone, on what real and hostile Sent copies hold."""
    from bouncedesk.dsn.sentmail import decode_subject, sent_header

    raw = ('Message-ID: <A.b@C>\r\nFrom: "Team, Shop" <Team@Shop.example>\r\nTo: x@example.com,\r\n'
           ' "Doe (Sales)" <Jane@Example.com>\r\nCc: grp: a@example.org, b@example.org;\r\nBcc: (note) c@example.net\r\n'
           "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= =?UTF-8?B?IGF1cw==?= K\u00f6ln\r\n"
           "Date: Mon, 02 Mar 2026 11:00:00 +0100\r\n\r\n").encode()  # fmt: skip
    m = sent_header(raw, truncated=False, internal_date=SENT_AT + 60, uid=9)
    assert m is not None and (m.message_id, m.sent_at, m.uid) == ("<A.b@C>", SENT_AT, 9)
    assert m.subject == "Grüße aus Köln" and m.sender == "team@shop.example"
    assert m.recipients == ("x@example.com", "jane@example.com", "a@example.org", "b@example.org", "c@example.net")
    assert sent_header(b"To: a@b.example\r\n\r\n", truncated=False, internal_date=None, uid=1) is None  # no Message-ID
    assert decode_subject("=?bogus-charset?q?x?= plain") == "=?bogus-charset?q?x?= plain"

    hostile = [
        b"Message-ID: <h@x>\r\nTo: " + b"(" * 60_000 + b"\r\n\r\n",  # the stdlib parser recurses on this
        b"Message-ID: <h@x>\r\nCc: " + b"a:" * 30_000 + b"\r\n\r\n",
        b"Message-ID: <h@x>\r\nSubject: " + b"=?" * 30_000 + b"\r\n\r\n",
        b"Message-ID: <h@x>\r\nTo: " + b", ".join(b"p%d@l.example" % i for i in range(9000)) + b"\r\n\r\n",
    ]
    for data in hostile:
        m = sent_header(data[:MAX_HEADER_BYTES], truncated=len(data) > MAX_HEADER_BYTES)
        assert m is not None and m.message_id == "<h@x>"
        assert len(m.recipients) <= MAX_RECIPIENTS and len(m.subject) <= 2000
    # Cut off at the cap inside an address list: the addresses before the cut stay, the cut one goes.
    cut = hostile[-1][:MAX_HEADER_BYTES]
    m = sent_header(cut, truncated=True, internal_date=None, uid=1)
    assert 3000 < len(m.recipients) < 9000 and all(a.endswith("@l.example") for a in m.recipients)
    assert set(m.recipients) <= {f"p{i}@l.example" for i in range(9000)}


def test_a_whole_sent_message_from_a_file_gives_its_header() -> None:
    data = (b"From: Shop <mailer@shop.example>\nTo: Ann <ann@example.org>\nSubject: Invoice 1042\n"
            b"Date: Mon, 02 Mar 2026 10:00:00 +0000\nMessage-ID: <inv-1042@shop.example>\n\n"
            b"To: not-a-header@example.org\n")
    m = read_sent_header(data)
    assert m is not None and (m.message_id, m.subject, m.sender) == ("<inv-1042@shop.example>", "Invoice 1042",
                                                                     "mailer@shop.example")
    assert m.recipients == ("ann@example.org",) and m.sent_at == SENT_AT  # the body's "To:" is not a header
    assert read_sent_header(b"Subject: no id\n\nbody") is None
