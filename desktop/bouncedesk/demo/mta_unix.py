"""Bounces as the classic Unix mail servers write them: Postfix, Sendmail, Exim (RFC 3464 and the
plain-text bounce) and qmail."""

from __future__ import annotations

import random

from bouncedesk.demo.dsnparts import (
    DAY,
    POSTFIX_STAGES,
    boundary,
    dsn_status,
    is_remote,
    original_headers,
    original_message,
    recipient_fields,
)
from bouncedesk.demo.mailtext import (
    fold_field,
    local_time,
    rfc_date,
    token,
    wrap,
)
from bouncedesk.demo.model import Report


def postfix(r: Report, rng: random.Random) -> str:
    s, ch = r.sent, r.sent.channel
    qid = token(rng, 15)
    b = boundary(r, rng, "postfix")
    when = rfc_date(r.at, ch.tz, pad_day=True, zone_name="CET" if ch.tz == 60 else "UTC")
    if r.kind == "delay":
        subject, intro = "Delayed Mail (still being retried)", _POSTFIX_DELAY.format(host=ch.host, hours=r.extra["hours"])
    elif r.kind == "delivered":
        subject, intro = "Successful Mail Delivery Report", _POSTFIX_SUCCESS.format(host=ch.host)
    else:
        subject, intro = "Undelivered Mail Returned to Sender", _POSTFIX_FAIL.format(host=ch.host)
    if r.kind == "delivered":
        what = f"<{r.rcpt}>: delivery via {r.mx}[{r.mx_ip}]:25: {r.extra['ok']}"
    elif is_remote(r):
        what = f"<{r.rcpt}>: host {r.mx}[{r.mx_ip}] said: {r.phrase.text} (in reply to {POSTFIX_STAGES[r.stage]} command)"
    else:
        what = f"<{r.rcpt}>: {r.phrase.text}"
    action = {"delay": "delayed", "delivered": "relayed"}.get(r.kind, "failed")
    if r.kind == "delivered":
        per = "\n".join([
            f"Final-Recipient: rfc822; {r.rcpt}", f"Original-Recipient: rfc822;{r.rcpt}", "Action: relayed",
            "Status: 2.0.0", f"Remote-MTA: dns; {r.mx}", f"Diagnostic-Code: smtp; {r.extra['ok']}",
        ])  # fmt: skip
    else:
        extra = [f"Will-Retry-Until: {rfc_date(s.queued_at + 5 * DAY, ch.tz, pad_day=True)}"] if r.kind == "delay" else []
        per = recipient_fields(r, status=dsn_status(r), action=action, postfix=True, extra=extra)
    headers_only = r.kind in ("delay", "delivered") or s.big
    return f"""Return-Path: <>
Received: by {ch.host} (Postfix)
\tid {qid}; {when}
Date: {when}
From: MAILER-DAEMON@{ch.host} (Mail Delivery System)
Subject: {subject}
To: {s.return_path}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
Content-Transfer-Encoding: 8bit
Message-Id: <{local_time(r.at, 0):%Y%m%d%H%M%S}.{qid}@{ch.host}>

This is a MIME-encapsulated message.

--{b}
Content-Description: Notification
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

{intro}
{wrap(what)}

--{b}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; {ch.host}
X-Postfix-Queue-ID: {qid}
X-Postfix-Sender: rfc822; {s.return_path}
Arrival-Date: {rfc_date(s.queued_at, ch.tz, pad_day=True, zone_name="CET" if ch.tz == 60 else "UTC")}

{per}

--{b}
Content-Description: {"Message Headers" if headers_only else "Undelivered Message"}
Content-Type: {"text/rfc822-headers" if headers_only else "message/rfc822"}
Content-Transfer-Encoding: 8bit

{original_headers(s) if headers_only else original_message(s)}
--{b}--
"""


_POSTFIX_FAIL = """This is the mail system at host {host}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""


_POSTFIX_DELAY = """This is the mail system at host {host}.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than {hours} hour(s).
It will be retried until it is 5 day(s) old.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""


_POSTFIX_SUCCESS = """This is the mail system at host {host}.

Your message was successfully delivered to the destination(s)
listed below. If the message was delivered to mailbox you will
receive no further notifications. Otherwise you may still receive
notifications of mail delivery errors from other systems.

                   The mail system
"""


_SM_STAGE = {"RCPT": ">>> RCPT To:<{rcpt}>", "DATA": ">>> DATA", "MAIL": ">>> MAIL From:<{sender}> SIZE={size}",
             "CONN": "<<< (connection)"}  # fmt: skip


def sendmail(r: Report, rng: random.Random) -> str:
    s, ch = r.sent, r.sent.channel
    qid = f"{token(rng, 6)}{rng.randrange(100000, 999999)}"
    b = boundary(r, rng, "sendmail")
    when = rfc_date(r.at, ch.tz)
    arrival = rfc_date(s.queued_at, ch.tz)
    if r.kind == "delivered":
        subject = "Return receipt"
        head = f"   ----- The following addresses had successful delivery notifications -----\n<{r.rcpt}>  (relayed to non-DSN-aware mailer)"
        transcript = f"<{r.rcpt}>... relayed; expect no further notifications"
        per = "\n".join([f"Final-Recipient: RFC822; {r.rcpt}", "Action: relayed", "Status: 2.0.0",
                         f"Remote-MTA: DNS; {r.mx}", f"Last-Attempt-Date: {when}"])  # fmt: skip
    elif r.kind == "delay":
        subject = f"Warning: could not send message for past {r.extra['hours']} hours"
        head = _SM_WARNING + f"\n   ----- Transcript of session follows -----\n<{r.rcpt}>... Deferred: {_sm_deferred(r)}\nWarning: message still undelivered after {r.extra['hours']} hours\nWill keep trying until message is 5 days old"
        transcript = ""
        per = "\n".join([f"Final-Recipient: RFC822; {r.rcpt}", "Action: delayed",
                         f"Status: {dsn_status(r)}", f"Remote-MTA: DNS; {r.mx}",
                         f"Last-Attempt-Date: {when}", f"Will-Retry-Until: {rfc_date(s.queued_at + 5 * DAY, ch.tz)}"])  # fmt: skip
        if is_remote(r):
            per += "\n" + fold_field("Diagnostic-Code", "SMTP; " + r.phrase.text)
    elif r.reason == "expired":
        subject = "Returned mail: see transcript for details"
        head = f"   ----- The following addresses had permanent fatal errors -----\n<{r.rcpt}>\n    (reason: Connection timed out with {r.mx}.)"
        transcript = (f"<{r.rcpt}>... Deferred: Connection timed out with {r.mx}.\n"
                      "Message could not be delivered for 5 days\nMessage will be deleted from queue")  # fmt: skip
        per = "\n".join([f"Final-Recipient: RFC822; {r.rcpt}", "Action: failed", f"Status: {dsn_status(r)}",
                         f"Remote-MTA: DNS; {r.mx}", f"Last-Attempt-Date: {when}"])  # fmt: skip
    else:
        subject = "Returned mail: see transcript for details"
        text = r.phrase.text
        if is_remote(r):
            head = f"   ----- The following addresses had permanent fatal errors -----\n<{r.rcpt}>\n    (reason: {r.phrase.lines[-1]})"
            cmd = _SM_STAGE[r.stage].format(rcpt=r.rcpt, sender=s.return_path, size=len(s.body) + 900)
            said = "\n".join("<<< " + ln for ln in r.phrase.lines)
            final = f"{r.phrase.reply} {dsn_status(r)} <{r.rcpt}>... {_sm_short(r)}"
            transcript = f"... while talking to {r.mx}.:\n{cmd}\n{said}\n{final}"
            if r.stage == "DATA":
                transcript += "\n<<< 503 5.0.0 Need RCPT (recipient)" if rng.random() < 0.3 else ""
        else:
            head = f"   ----- The following addresses had permanent fatal errors -----\n<{r.rcpt}>\n    (reason: {text})"
            transcript = text
        per = "\n".join([f"Final-Recipient: RFC822; {r.rcpt}", "Action: failed", f"Status: {dsn_status(r)}"])
        if is_remote(r):
            per += f"\nRemote-MTA: DNS; {r.mx}\n" + fold_field("Diagnostic-Code", "SMTP; " + text)
        per += f"\nLast-Attempt-Date: {when}"
    body = f"The original message was received at {arrival}\nfrom localhost [127.0.0.1]\n\n{head}\n"
    if transcript:
        body += f"\n   ----- Transcript of session follows -----\n{transcript}\n"
    headers_only = r.kind in ("delay", "delivered") or s.big
    auto = {"delay": "auto-generated (warning-timeout)", "delivered": "auto-generated (return-receipt)"}.get(
        r.kind, "auto-generated (failure)")
    return f"""Return-Path: <MAILER-DAEMON>
Received: from localhost (localhost)
\tby {ch.host} (8.17.1.9/8.17.1.9) id {qid};
\t{when}
Date: {when}
From: Mail Delivery Subsystem <MAILER-DAEMON@{ch.host}>
Message-Id: <{local_time(r.at, 0):%Y%m%d%H%M}.{qid}@{ch.host}>
To: <{s.return_path}>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{b}"
Subject: {subject}
Auto-Submitted: {auto}

This is a MIME-encapsulated message

--{b}

{body}
--{b}
Content-Type: message/delivery-status

Reporting-MTA: dns; {ch.host}
Received-From-MTA: DNS; localhost
Arrival-Date: {arrival}

{per}

--{b}
Content-Type: {"text/rfc822-headers" if headers_only else "message/rfc822"}

{original_headers(s) if headers_only else original_message(s)}
--{b}--
"""


_SM_WARNING = """    **********************************************
    **      THIS IS A WARNING MESSAGE ONLY      **
    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
    **********************************************
"""


def _sm_deferred(r: Report) -> str:
    if is_remote(r):
        return r.phrase.text
    return f"Connection timed out with {r.mx}."


def _sm_short(r: Report) -> str:
    """Sendmail's own summary after the transcript."""
    return {"userunknown": "User unknown", "mailboxfull": "Mailbox full", "suspend": "Mailbox disabled",
            "mesgtoobig": "Message is too large", "spamdetected": "Message content rejected",
            "blocked": "Service unavailable", "authfailure": "Message rejected by DMARC policy",
            "requireptr": "Client host rejected", "rejected": "Sender address rejected",
            "hasmoved": "User has moved"}.get(r.reason, "Service unavailable")  # fmt: skip


_EXIM_STAGE = {"RCPT": "RCPT TO:<{rcpt}>", "DATA": "end of data", "MAIL": "MAIL FROM:<{sender}> SIZE={size}",
               "CONN": "initial connection"}  # fmt: skip


def _exim_reason_block(r: Report, host: str) -> str:
    s = r.sent
    if is_remote(r):
        stage = _EXIM_STAGE[r.stage].format(rcpt=r.rcpt, sender=s.return_path, size=len(s.body) + 900)
        said = "\n".join("    " + ln for ln in r.phrase.lines)
        return f"  {r.rcpt}\n    host {r.mx} [{r.mx_ip}]\n    SMTP error from remote mail server after {stage}:\n{said}"
    return f"  {r.rcpt}\n" + "\n".join("    " + ln for ln in r.phrase.lines)


def exim(r: Report, rng: random.Random, *, plain: bool = False) -> str:
    """Exim 4.9x: a multipart/report DSN, or (plain=True, as older and receiving-side Exims) text only."""
    s = r.sent
    host = r.extra.get("host") or s.channel.host
    tz = r.extra.get("tz", s.channel.tz)
    when = rfc_date(r.at, tz)
    mid = f"{token(rng, 6)}-{token(rng, 6)}-{token(rng, 2)}"
    to = s.return_path
    if r.kind == "delay":
        subject = f"Warning: message {mid} delayed {r.extra['hours']} hours"
        text = _EXIM_DELAY.format(hours=r.extra["hours"], host=host, mid=mid, subject=s.subject,
                                  date=rfc_date(s.queued_at, s.channel.tz),
                                  block=_exim_delay_block(r))  # fmt: skip
    else:
        subject = "Mail delivery failed: returning message to sender"
        text = _EXIM_FAIL + "\n" + _exim_reason_block(r, host) + "\n"
    head = f"""Return-path: <>
Envelope-to: {to}
Delivery-date: {when}
Received: from mail by {host} with local (Exim 4.97)
\tid {mid}
\tfor {to};
\t{when}
X-Failed-Recipients: {r.rcpt}
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@{host}>
To: {to}
Subject: {subject}
Message-Id: <E{mid}@{host}>
Date: {when}
"""
    if plain:
        if s.big:
            copy = ("------ This is a copy of the message's headers. ------\n\n" + original_headers(s))
        else:
            copy = "------ This is a copy of the message, including all the headers. ------\n\n" + original_message(s)
        return head + "\n" + text + "\n" + copy
    b = boundary(r, rng, "exim")
    action = "delayed" if r.kind == "delay" else "failed"
    per = [f"Action: {action}", f"Final-Recipient: rfc822;{r.rcpt}", f"Status: {dsn_status(r)}"]
    if is_remote(r):
        per.append(f"Remote-MTA: dns; {r.mx}")
        per.append(fold_field("Diagnostic-Code", "smtp; " + r.phrase.text))
    if action == "delayed":
        per.append(f"Will-Retry-Until: {rfc_date(s.queued_at + 4 * DAY, tz)}")
    headers_only = r.kind == "delay" or s.big
    return head + f"""MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary={b}

--{b}
Content-type: text/plain; charset=us-ascii

{text}
--{b}
Content-type: message/delivery-status

Reporting-MTA: dns; {host}

{chr(10).join(per)}

--{b}
Content-type: {"text/rfc822-headers" if headers_only else "message/rfc822"}

{original_headers(s) if headers_only else original_message(s)}
--{b}--
"""


def exim_text(r: Report, rng: random.Random) -> str:
    return exim(r, rng, plain=True)


def _exim_delay_block(r: Report) -> str:
    if is_remote(r):
        said = "\n".join("    " + ln for ln in r.phrase.lines)
        return f"  {r.rcpt}\n    host {r.mx} [{r.mx_ip}]\n    Delay reason: SMTP error from remote mail server after RCPT TO:<{r.rcpt}>:\n{said}"
    return f"  {r.rcpt}\n    Delay reason: {r.phrase.text}"


_EXIM_FAIL = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:
"""


_EXIM_DELAY = """This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than {hours} hours on the queue on {host}.

The message identifier is:     {mid}
The subject of the message is: {subject}
The date of the message is:    {date}

The address to which the message has not yet been delivered is:

{block}

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.
"""


def qmail(r: Report, rng: random.Random) -> str:
    s = r.sent
    host = r.extra["host"]
    when = rfc_date(r.at, 60)
    if is_remote(r):
        said = "\n".join(r.phrase.lines)
        how = {"RCPT": f"{r.mx_ip} does not like recipient.", "DATA": f"{r.mx_ip} failed after I sent the message."}.get(
            r.stage, f"Connected to {r.mx_ip} but sender was rejected.")
        block = f"<{r.rcpt}>:\n{how}\nRemote host said: {said}\nGiving up on {r.mx_ip}."
    else:
        block = f"<{r.rcpt}>:\n" + "\n".join(r.phrase.lines)
    return f"""Return-Path: <>
Received: (qmail {rng.randrange(1000, 99999)} invoked for bounce); {local_time(r.at, 0):%d %b %Y %H:%M:%S} -0000
Date: {when}
From: MAILER-DAEMON@{host}
To: {s.return_path}
Subject: failure notice
Message-ID: <{r.at}.{rng.randrange(10**5)}.qmail@{host}>

Hi. This is the qmail-send program at {host}.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

{block}

--- Below this line is a copy of the message.

{original_headers(s) if s.big else original_message(s)}"""
