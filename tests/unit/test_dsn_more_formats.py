"""Self-written messages for the rarer shapes: list managers, forwarded reports, sendmail transcripts,
vendor error references, relay wrappers and local delivery programs."""

from __future__ import annotations

from bouncedesk.classify import classify
from bouncedesk.dsn.model import BOUNCE, Finding
from bouncedesk.intake.analysis import analyze_message


def results(raw: str):
    a = analyze_message(raw.encode())
    return a, [(f.recipient, v.reason, v.status, f.reply_code) for f, v in a.results]


def test_fml_list_refusal_names_the_list_and_refuses_the_poster():
    a, got = results(
        "From: tee-club-admin@verein.test\nTo: uwe@home.test\nSubject: You uwe@home.test are not member (tee-club ML)\n"
        "X-MLServer: fml [fml 4.0.3 release]\nMessage-ID: <2026.FML1@verein.test>\n\n"
        "You are not a member of this mailing list <tee-club@verein.test>.\n\n"
        "To get the guide, send mail to\n\n\ttee-club-ctl@verein.test\n")
    assert a.parsed.format == "fml"
    assert got == [("tee-club@verein.test", "rejected", "5.1.8", "")]
    assert a.results[0][1].side == "sender"


def test_fml_without_its_header_is_left_to_the_other_readers():
    a, got = results("From: someone@verein.test\nTo: uwe@home.test\nSubject: hello\n\n"
                     "You are not a member of this mailing list <tee-club@verein.test>.\n")
    assert a.parsed.format != "fml"
    assert got == []


_FORWARDED = """From: gateway@relay.test
To: ina@shop.test
Subject: Fwd: Returned mail
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="OUT"

--OUT
Content-Type: text/plain

The following addresses had permanent delivery errors.

--OUT
Content-Type: message/rfc822

From: Mail Delivery Subsystem <MAILER-DAEMON@mx.relay.test>
To: ina@shop.test
Subject: Returned mail: User unknown
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="IN"

--IN
Content-Type: text/plain

   ----- The following addresses had permanent fatal errors -----
<ole@kunde.test>

--IN
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.relay.test

Final-Recipient: rfc822; ole@kunde.test
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <ole@kunde.test>... User unknown

--IN--

--OUT--
"""


def test_a_report_forwarded_as_an_attachment_is_read_from_the_attachment():
    a, got = results(_FORWARDED)
    assert got == [("ole@kunde.test", "userunknown", "5.1.1", "550")]
    assert a.parsed.subject == "Fwd: Returned mail"  # the outer message stays the one we got


_TRANSCRIPT = """From: Mail Delivery Subsystem <MAILER-DAEMON@mx.shop.test>
To: ina@shop.test
Subject: Returned mail: see transcript for details

   ----- Transcript of session follows -----
While talking to mx.first.test:
>>> MAIL From:<ina@shop.test>
<<< 550 Insecure Mail Relay
554 <jan@first.test>... Remote protocol error
While talking to mx.second.test:
>>> RCPT To:<kim@second.test>
<<< 550 Requested mailbox not found
550 <kim@second.test>... User unknown

   ----- Unsent message follows -----
From: ina@shop.test
To: jan@first.test, kim@second.test
Subject: Angebot

Hallo
"""


def test_sendmail_transcript_entries_take_the_exchange_above_them_not_the_next_recipient():
    _, got = results(_TRANSCRIPT)
    assert [(r, reason) for r, reason, _, _ in got] == [("jan@first.test", "norelaying"),
                                                        ("kim@second.test", "userunknown")]


_POSTMASTER_COPY = """From: MAILER-DAEMON@mx.shop.test (Mail Delivery System)
To: postmaster@shop.test
Subject: Undelivered Mail Returned to Sender

Transcript of session follows.

 Out: 220 mx.shop.test ESMTP
 In:  MAIL FROM:<ina@shop.test>
 Out: 250 2.1.0 Ok
 In:  RCPT TO:<lea@shop.test> ORCPT=rfc822;lea@shop.test
 Out: 250 2.1.5 Ok
 In:  DATA
 Out: 354 End data with <CR><LF>.<CR><LF>
 Out: 451 4.3.0 Error: queue file write error
"""


def test_a_transcript_reply_is_its_first_failure_not_the_250_before_it():
    _, got = results(_POSTMASTER_COPY)
    assert got == [("lea@shop.test", "systemerror", "4.3.0", "451")]


def _verdict(diagnostic: str, status: str = "", reply: str = "", **extra: str):
    return classify(Finding(kind=BOUNCE, recipient="pia@kunde.test", action="failed", status=status,
                            status_source="dsn" if status else "", reply_code=reply, diagnostic=diagnostic,
                            extra=dict(extra)))


def test_vendor_references_name_the_cause():
    assert _verdict("550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]", "5.2.0", "550").reason == "spamdetected"
    assert _verdict("550 5.5.0 Boite du destinataire archivee. LPN007_420", "5.5.0", "550").reason == "suspend"
    v = _verdict("The recipient name is not recognized MSEXCH:IMS:SHOP BERLIN:EXCH 0 (000C05A6) Unknown Recipient")
    assert (v.reason, v.hard) == ("userunknown", True)


def test_relay_wrappers_do_not_hide_the_remote_servers_words():
    gmail = ("Google tried to deliver your message, but it was rejected by the recipient domain. The error that "
             "the other server returned was: 554 5.7.1 Client host [192.0.2.9] blocked using bl.list.test")
    assert _verdict(gmail, "5.7.1", "554").reason == "blocked"  # not "filtered" for "rejected by the recipient"
    ses = "5.1.0 - Unknown address error 550-'5.7.1 <x@bounces.test>... Access denied' (delivery attempts: 0)"
    assert _verdict(ses, "5.7.1", "550").reason == "securityerror"


def test_a_multi_line_reply_is_read_as_one_sentence():
    text = "550-5.7.1 Messages with multiple 550 5.7.1 addresses in From: header are not accepted."
    assert _verdict(text, "5.7.1", "550").reason == "notcompliantrfc"


def test_a_link_keeps_its_host_but_not_its_path():
    assert _verdict("553 http://www.spamhaus.org/query/bl?ip=192.0.2.1", "5.1.3", "553").reason == "blocked"
    assert _verdict("550 5.1.1 user unknown, see https://help.test/blocked/list", "5.1.1", "550").reason == "userunknown"


def test_local_delivery_program_failures_are_mailer_errors():
    assert _verdict("255", "5.0.0", **{"diagnostic-type": "x-unix"}).reason == "mailererror"
    assert _verdict("temporary failure", "4.3.0", **{"diagnostic-type": "x-unix"}).reason == "mailererror"


def test_dns_words_outrank_a_queue_lifetime_code_but_a_timeout_does_not():
    assert _verdict("connect to mx.kunde.test[192.0.2.2]:25: No route to host", "4.4.1").reason == "networkerror"
    assert _verdict("426 connection timed out", "4.0.0", "426").reason == "expired"


def test_provider_readings_apply_only_to_that_provider():
    kddi = Finding(kind=BOUNCE, recipient="aki@ezweb.ne.jp", action="failed", reply_code="550",
                   diagnostic="550 : User unknown")
    assert classify(kddi).reason == "filtered"  # KDDI's filter answer: no address echoed
    other = Finding(kind=BOUNCE, recipient="aki@kunde.test", action="failed", reply_code="550",
                    diagnostic="550 : User unknown", command="RCPT")
    assert classify(other).reason == "userunknown"
    docomo = Finding(kind=BOUNCE, recipient="aki@docomo.ne.jp", action="failed", status="5.0.0", status_source="dsn",
                     reply_code="550", command="DATA", remote_mta="mfsmax.docomo.ne.jp",
                     diagnostic="550 Unknown user aki@docomo.ne.jp")
    assert classify(docomo).reason == "rejected"


def test_numbered_vendor_references_and_ranges():
    assert _verdict("554 Connection refused. This IP is listed on the Spamhaus Block List (SBL). IB104").reason == "blocked"
    assert _verdict("554 5.7.1 Refused. AUP#CXBL").reason == "blocked"
    assert _verdict("421 4.7.0 Connections limited AUP#1310", "4.7.0", "421").reason == "toomanyconn"
