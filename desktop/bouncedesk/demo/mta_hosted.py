"""Bounces as hosted mail services write them: Exchange and Office 365 (DSN and plain text), Gmail
(Google Workspace as the sender's provider) and Amazon SES."""

from __future__ import annotations

import random

from bouncedesk.demo.dsnparts import (
    DAY,
    boundary,
    dsn_status,
    is_remote,
    original_headers,
    original_message,
    recipient_fields,
)
from bouncedesk.demo.mailtext import (
    address,
    encode_words,
    fold_field,
    hexid,
    local_time,
    qp_encode,
    rfc_date,
    token,
    us_date,
)
from bouncedesk.demo.model import Report

_MS_HEADLINE = {
    "userunknown": ("{local} wasn't found at {domain}.", "Unknown To address"),
    "hostunknown": ("{domain} couldn't be found.", "Recipient's domain not found"),
    "mailboxfull": ("{rcpt}'s mailbox is full.", "Mailbox full"),
    "suspend": ("{rcpt}'s email account isn't available.", "Mailbox unavailable"),
    "mesgtoobig": ("Your message is too big to be delivered.", "Message too large"),
    "expired": ("Office 365 tried to deliver your message for 1 day but couldn't.", "Message expired"),
}


_MS_DEFAULT = ("Your message to {rcpt} couldn't be delivered.", "Message rejected by recipient's server")


def office365(r: Report, rng: random.Random, *, on_prem: bool = False) -> str:
    """Office 365 (or, on_prem=True, an on-premises Exchange writing for its own domain)."""
    s = r.sent
    if on_prem:
        gen = r.extra["host"]
        frm = f"Microsoft Exchange <postmaster@{r.rcpt.rpartition('@')[2]}>"
        tz = 60
    else:
        gen = s.channel.host
        frm = f"Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{s.channel.sender_domain}>"
        tz = s.channel.tz
    local, _, domain = r.rcpt.partition("@")
    when = rfc_date(r.at, tz)
    b = boundary(r, rng, "ms")
    b2 = boundary(r, rng, "ms")
    mid = f"<{token(rng, 12).upper()}@{gen}>"
    if r.kind == "delay":
        subject = f"Delivery delayed:{s.subject}"
        text = _MS_DELAY.format(rcpt=r.rcpt, subject=s.subject, left=r.extra["left"])
        per = recipient_fields(r, status=dsn_status(r), action="delayed")
        if r.phrase is None:
            per += "\nDiagnostic-Code: smtp;400 4.4.7 Message delayed"
    elif r.kind == "delivered":
        subject = f"Relayed: {s.subject}"
        text = _MS_RELAYED.format(rcpt=r.rcpt, subject=s.subject, when=us_date(s.queued_at, tz))
        per = f"Final-Recipient: rfc822;{r.rcpt}\nAction: relayed\nStatus: 2.0.0\nRemote-MTA: dns;{r.mx}"
    else:
        subject = f"Undeliverable: {s.subject}"
        code = r.phrase.text
        head, action_text = _MS_HEADLINE.get(r.reason, _MS_DEFAULT)
        if on_prem:
            text = _EXCHANGE_FAIL.format(name=r.rcpt_name or r.rcpt, gen=gen, rcpt=r.rcpt, code=code,
                                         explain=_EXCHANGE_EXPLAIN.get(r.reason, _EXCHANGE_EXPLAIN[""]))  # fmt: skip
        else:
            remote = f"Remote server:    {r.mx}\n" if is_remote(r) else ""
            text = _O365_FAIL.format(
                head=head.format(local=local, domain=domain, rcpt=r.rcpt), action=action_text, rcpt=r.rcpt,
                sender=s.from_addr, sender_local=s.from_addr.partition("@")[0], local=local,
                created=us_date(s.queued_at, tz), subject=s.subject, code=code, gen=gen, remote=remote,
                status=dsn_status(r), reply=r.phrase.reply or "550",
            )
        per = recipient_fields(r, status=dsn_status(r), action="failed").replace("rfc822; ", "rfc822;").replace(
            "dns; ", "dns;").replace("smtp; ", "smtp;")
        per += f"\nX-Display-Name: {r.rcpt_name or r.rcpt}"
    headers_only = r.kind != "bounce" or on_prem or s.big
    html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>" + "".join(
        f"<p>{ln}</p>" for ln in text.split("\n\n")) + "</body></html>"
    return f"""From: {frm}
To: <{s.from_addr}>
Date: {when}
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: {mid}
In-Reply-To: {s.message_id}
References: {s.message_id}
Thread-Topic: {encode_words(s.subject)}
Subject: {encode_words(subject)}
Auto-Submitted: auto-replied
MIME-Version: 1.0

--{b}
Content-Type: multipart/alternative; differences=Content-Type;
\tboundary="{b2}"

--{b2}
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{qp_encode(text)}
--{b2}
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{qp_encode(html)}
--{b2}--

--{b}
Content-Type: message/delivery-status

Reporting-MTA: dns;{gen}
Received-From-MTA: dns;{gen.replace(gen.split('.')[0], gen.split('.')[0][:-2] + str(rng.randrange(10, 99)))}
Arrival-Date: {rfc_date(s.queued_at, 0)}

{per}

--{b}
Content-Type: {"text/rfc822-headers" if headers_only else "message/rfc822"}

{original_headers(s) if headers_only else original_message(s)}
--{b}--
"""


def exchange(r: Report, rng: random.Random) -> str:
    return office365(r, rng, on_prem=True)


_EXCHANGE_FAIL = """Delivery has failed to these recipients or groups:

{name}
{explain}

Diagnostic information for administrators:

Generating server: {gen}

{rcpt}
#{code} ##

Original message headers:
"""


_EXCHANGE_EXPLAIN = {
    "userunknown": "The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message. If the problem continues, please contact your helpdesk.",
    "mailboxfull": "The recipient's mailbox is full and can't accept messages now. Please try resending this message later, or contact the recipient directly.",
    "suspend": "The recipient's mailbox isn't available. Please contact the recipient by some other means.",
    "": "Your message wasn't delivered. Please contact your helpdesk if the problem continues.",
}


_MS_DELAY = """Delivery is delayed to these recipients or groups:

{rcpt}

Subject: {subject}

This message hasn't been delivered yet. Delivery will continue to be attempted.

The server will keep trying to deliver this message for the next {left}. You'll be notified if the message can't be delivered by that time.
"""


_MS_RELAYED = """Delivery to these recipients or groups is complete, but no delivery notification was sent by the destination server:

{rcpt}

Subject: {subject}
Sent: {when}
"""


def exchange_text(r: Report, rng: random.Random) -> str:
    """Older Exchange: a text/plain report (no delivery-status part) with the original attached."""
    s = r.sent
    host = r.extra["host"]
    when = rfc_date(r.at, 60)
    b = boundary(r, rng, "ms")
    explain = _EXCHANGE_EXPLAIN.get(r.reason, _EXCHANGE_EXPLAIN[""])
    st = dsn_status(r)
    text = f"""Your message did not reach some or all of the intended recipients.

      Subject:\t{s.subject}
      Sent:\t{us_date(s.queued_at, 60)}

The following recipient(s) could not be reached:

      {r.rcpt} on {us_date(r.at, 60)}
            {explain}
            <{host} #{st} smtp;{r.phrase.text}>
"""
    return f"""Received: from {host} ([{r.mx_ip}]) by {host} with Microsoft SMTPSVC(6.0.3790.4675);
\t {when}
From: System Administrator <postmaster@{r.rcpt.rpartition('@')[2]}>
To: {address(s.from_name, s.from_addr)}
Subject: Undeliverable: {encode_words(s.subject)}
Date: {when}
Message-ID: <{token(rng, 20)}@{host}>
MIME-Version: 1.0
Content-Type: multipart/mixed;
\tboundary="{b}"
X-DSNContext: 335a7efd - 4480 - 00000001 - 80040546

This is a multi-part message in MIME format.

--{b}
Content-Type: text/plain;
\tcharset="iso-8859-1"
Content-Transfer-Encoding: 7bit

{text}
--{b}
Content-Type: message/rfc822

{original_headers(s) if s.big else original_message(s)}
--{b}--
"""


def gmail(r: Report, rng: random.Random) -> str:
    s = r.sent
    b = boundary(r, rng, "gmail")
    b2 = boundary(r, rng, "gmail")
    when = rfc_date(r.at, s.channel.tz, zone_name="PST" if s.channel.tz == -480 else "EST")
    gid = f"{hexid(rng, 8)}.{hexid(rng, 4)}.{hexid(rng, 5)}"
    if r.kind == "delay":
        subject = "Delivery Status Notification (Delay)"
        text = (f"\n** Message not delivered yet **\n\nThere was a temporary problem delivering your message to "
                f"{r.rcpt}. Gmail will retry for {r.extra['left_hours']} more hours. You'll be notified if the "
                f"delivery fails permanently.\n\nThe response was:\n{_gmail_response(r)}\n")  # fmt: skip
        action, status = "delayed", dsn_status(r)
    else:
        subject = "Delivery Status Notification (Failure)"
        if r.reason in ("userunknown", "hostunknown"):
            title = "Address not found"
            why = (f"Your message wasn't delivered to {r.rcpt} because the address couldn't be found, or is unable "
                   "to receive mail." if r.reason == "userunknown" else
                   f"Your message wasn't delivered to {r.rcpt} because the domain {r.rcpt.rpartition('@')[2]} "
                   "couldn't be found. Check for typos or unnecessary spaces and try again.")  # fmt: skip
        elif r.reason in ("blocked", "badreputation", "authfailure", "requireptr", "spamdetected"):
            title = "Message blocked"
            why = f"Your message to {r.rcpt} has been blocked. See technical details below for more information."
        else:
            title = "Message not delivered"
            why = f"There was a problem delivering your message to {r.rcpt}. See the technical details below."
        text = f"\n** {title} **\n\n{why}\n\nThe response from the remote server was:\n{_gmail_response(r)}\n"
        action, status = "failed", dsn_status(r)
    html = f"<html><body><h2>{text.strip().splitlines()[0].strip('* ')}</h2><p>{text.strip()}</p></body></html>"
    diag = r.phrase.text if r.phrase.local else "\n ".join(r.phrase.lines)
    remote = (f"\nRemote-MTA: dns; {r.mx}. ({r.mx_ip}, the server for the domain {r.rcpt.rpartition('@')[2]}.)"
              if is_remote(r) else "")  # fmt: skip
    headers_only = r.kind == "delay" or s.big
    return f"""Return-Path: <>
Received: by 2002:a05:6a10:{hexid(rng, 4)} with SMTP id {token(rng, 10).lower()}csp{rng.randrange(10**6)}
        for <{s.from_addr}>; {when}
X-Failed-Recipients: {r.rcpt}
Content-Type: multipart/report; boundary="{b}"; report-type=delivery-status
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: {s.from_addr}
Auto-Submitted: auto-replied
Subject: {subject}
References: {s.message_id}
In-Reply-To: {s.message_id}
Message-ID: <{gid}.{token(rng, 6)}SMTPIN_ADDED_MISSING@mx.google.com>
Date: {when}
MIME-Version: 1.0

--{b}
Content-Type: multipart/alternative; boundary="{b2}"

--{b2}
Content-Type: text/plain; charset="UTF-8"

{text}
--{b2}
Content-Type: text/html; charset="UTF-8"

{html}
--{b2}--

--{b}
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; {s.from_addr}
Arrival-Date: {rfc_date(s.queued_at, s.channel.tz)}
X-Original-Message-ID: {s.message_id}

Final-Recipient: rfc822; {r.rcpt}
Action: {action}
Status: {status}{remote}
Diagnostic-Code: smtp; {diag}
Last-Attempt-Date: {when}{chr(10) + "Will-Retry-Until: " + rfc_date(s.queued_at + 2 * DAY, s.channel.tz) if action == "delayed" else ""}

--{b}
Content-Type: {"text/rfc822-headers" if headers_only else "message/rfc822"}

{original_headers(s) if headers_only else original_message(s)}
--{b}--
"""


def _gmail_response(r: Report) -> str:
    return r.phrase.text if r.phrase.local else "\n".join(r.phrase.lines)


def ses(r: Report, rng: random.Random) -> str:
    s, ch = r.sent, r.sent.channel
    b = boundary(r, rng, "")
    when = rfc_date(r.at, 0)
    status = dsn_status(r)
    diag = r.extra.get("ses_diag") or r.phrase.text
    return f"""Return-Path: <>
Received: from a6-44.smtp-out.eu-west-1.amazonses.com (a6-44.smtp-out.eu-west-1.amazonses.com [{ch.ip}])
\tby inbound-smtp.eu-west-1.amazonaws.com with SMTP id {hexid(rng, 32)}
\tfor {s.return_path}; {when}
X-SES-Outgoing: {local_time(r.at, 0):%Y.%m.%d}-{ch.ip}
From: MAILER-DAEMON@amazonses.com
To: {s.return_path}
Subject: Delivery Status Notification (Failure)
Message-ID: <0102{hexid(rng, 12)}-{hexid(rng, 8)}-{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 12)}-000000@eu-west-1.amazonses.com>
Date: {when}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"

--{b}
content-type: text/plain;
    charset=UTF-8
content-transfer-encoding: 7bit

An error occurred while trying to deliver the mail to the following recipients:
{r.rcpt}
--{b}
content-type: message/delivery-status

Reporting-MTA: dns; {ch.host}

Action: failed
Final-Recipient: rfc822; {r.rcpt}
{fold_field("Diagnostic-Code", "smtp; " + diag)}
Status: {status}

--{b}
content-type: message/rfc822

{original_message(s)}
--{b}--
"""


_O365_FAIL = """Your message to {rcpt} couldn't be delivered.
{head}

{sender_local}    Office 365    {local}
Action Required                 Recipient
{action}

How to Fix It
Try to resend the message later. If the problem continues, contact the recipient by some other means (by phone, for example) and ask them to tell their email admin about the error.

More Info for Email Admins
Status code: {reply} {status}

Original Message Details
Created Date:    {created}
Sender Address:    {sender}
Recipient Address:    {rcpt}
Subject:    {subject}

Error Details
Reported error:    {code}
DSN generated by:    {gen}
{remote}"""
