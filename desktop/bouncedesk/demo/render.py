"""Write reports as real servers do: RFC 3464 DSNs (Postfix, Exim, Sendmail, Exchange/Office 365,
Gmail, Amazon SES), qmail/Exim/Exchange plain-text bounces, ARF complaints, auto-replies.

Every writer takes a Report and returns the message as LF text; `render` picks the writer and
turns it into CRLF bytes. Ids and small variations come from a per-message Random, so the same
seed always gives the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bouncedesk.demo.mailtext import (
    address,
    crlf,
    encode_words,
    fold_field,
    hexid,
    local_time,
    qp_encode,
    rfc_date,
    token,
    us_date,
    wrap,
)
from bouncedesk.demo.model import Report, Sent

DAY = 86400
HOUR = 3600

# --- the returned original ---------------------------------------------------------------------


def original_headers(s: Sent) -> str:
    ch = s.channel
    lines = []
    if s.resent_at is not None:
        lines += [
            f"Resent-Date: {rfc_date(s.resent_at, ch.tz)}",
            f"Resent-From: {s.from_addr}",
            f"Resent-To: {s.to_addr}",
            f"Resent-Message-ID: {s.resent_id}",
        ]
    lines += [
        f"Received: from [127.0.0.1] (localhost [127.0.0.1])\n\tby {ch.host} with ESMTPSA id {s.message_id[1:9]}\n"
        f"\tfor <{s.to_addr}>; {rfc_date(s.queued_at, ch.tz)}",
        f"Message-ID: {s.message_id}",
        f"Date: {rfc_date(s.at, ch.tz)}",
        f"From: {address(s.from_name, s.from_addr)}",
        f"To: {address(s.to_name, s.to_addr)}",
        f"Subject: {encode_words(s.subject)}",
        "MIME-Version: 1.0",
    ]
    if s.bulk:
        lines += [
            f"List-Unsubscribe: <mailto:unsubscribe@{ch.sender_domain}?subject=unsubscribe>,\n"
            f" <https://{ch.sender_domain}/u/{s.message_id[1:17]}>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            f"Feedback-ID: 1.eu-west-1.{s.message_id[1:12]}=:AmazonSES",
        ]
    if s.big:
        lines.append('Content-Type: multipart/mixed; boundary="----=_catalogue_part"')
    else:
        lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    return "\n".join(lines) + "\n"


def original_message(s: Sent) -> str:
    return original_headers(s) + "\n" + s.body


# --- common pieces -------------------------------------------------------------------------------

_STAGE_POSTFIX = {"RCPT": "RCPT TO", "DATA": "end of DATA", "MAIL": "MAIL FROM", "CONN": "initial greeting"}


def _boundary(r: Report, rng: random.Random, style: str) -> str:
    if style == "postfix":
        return f"{token(rng, 15)}.{r.at}/{r.sent.channel.host}"
    if style == "sendmail":
        return f"{token(rng, 14)}.{r.at}/{r.sent.channel.host}"
    if style == "exim":
        return f"{r.at}-eximdsn-{rng.randrange(10**9, 2 * 10**9)}"
    if style == "gmail":
        return "0000000000" + hexid(rng, 16)
    if style == "ms":
        return f"_000_{token(rng, 36)}_"
    return f"----=_Part_{rng.randrange(10**6)}_{rng.randrange(10**9)}.{r.at}"


def _diag(r: Report) -> str:
    assert r.phrase is not None
    return ("X-Postfix; " if r.phrase.local and r.fmt == "postfix" else "smtp; ") + r.phrase.text


def dsn_status(r: Report) -> str | None:
    """The Status field the writer puts in the report (None: the format has no such field)."""
    if r.fmt in ("arf", "auto-reply"):
        return None
    if r.kind == "delivered":
        return "2.0.0"
    if r.extra.get("dsn_status"):
        return r.extra["dsn_status"]
    if r.fmt in ("qmail", "exim-text"):
        return None
    if r.fmt == "exim":  # Exim never copies the remote's code into Status
        return "4.0.0" if r.kind == "delay" else "5.0.0"
    if r.fmt in ("o365", "exchange") and r.kind == "delay":
        return "4.4.7"
    default = "4.0.0" if r.kind == "delay" else "5.0.0"
    if r.kind == "delay" and r.fmt in ("sendmail", "gmail"):
        default = "4.4.1"
    return (r.phrase.status if r.phrase is not None and r.phrase.status else "") or default


def _remote(r: Report) -> bool:
    return r.phrase is not None and not r.phrase.local


def _rcpt_lines(r: Report, *, status: str, action: str, postfix: bool = False, extra: list[str] | None = None) -> str:
    out = [f"Final-Recipient: rfc822; {r.rcpt}"]
    if postfix:
        out.append(f"Original-Recipient: rfc822;{r.rcpt}")
    out += [f"Action: {action}", f"Status: {status}"]
    if _remote(r):
        out.append(f"Remote-MTA: dns; {r.mx}")
    if r.phrase is not None:
        out.append(fold_field("Diagnostic-Code", _diag(r)))
    out += extra or []
    return "\n".join(out)


# --- Postfix ------------------------------------------------------------------------------------


def postfix(r: Report, rng: random.Random) -> str:
    s, ch = r.sent, r.sent.channel
    qid = token(rng, 15)
    b = _boundary(r, rng, "postfix")
    when = rfc_date(r.at, ch.tz, pad_day=True, zone_name="CET" if ch.tz == 60 else "UTC")
    if r.kind == "delay":
        subject, intro = "Delayed Mail (still being retried)", _POSTFIX_DELAY.format(host=ch.host, hours=r.extra["hours"])
    elif r.kind == "delivered":
        subject, intro = "Successful Mail Delivery Report", _POSTFIX_SUCCESS.format(host=ch.host)
    else:
        subject, intro = "Undelivered Mail Returned to Sender", _POSTFIX_FAIL.format(host=ch.host)
    if r.kind == "delivered":
        what = f"<{r.rcpt}>: delivery via {r.mx}[{r.mx_ip}]:25: {r.extra['ok']}"
    elif _remote(r):
        what = f"<{r.rcpt}>: host {r.mx}[{r.mx_ip}] said: {r.phrase.text} (in reply to {_STAGE_POSTFIX[r.stage]} command)"
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
        per = _rcpt_lines(r, status=dsn_status(r), action=action, postfix=True, extra=extra)
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

# --- Sendmail -----------------------------------------------------------------------------------

_SM_STAGE = {"RCPT": ">>> RCPT To:<{rcpt}>", "DATA": ">>> DATA", "MAIL": ">>> MAIL From:<{sender}> SIZE={size}",
             "CONN": "<<< (connection)"}  # fmt: skip


def sendmail(r: Report, rng: random.Random) -> str:
    s, ch = r.sent, r.sent.channel
    qid = f"{token(rng, 6)}{rng.randrange(100000, 999999)}"
    b = _boundary(r, rng, "sendmail")
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
        if _remote(r):
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
        if _remote(r):
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
        if _remote(r):
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
    if _remote(r):
        return r.phrase.text
    return f"Connection timed out with {r.mx}."


def _sm_short(r: Report) -> str:
    """Sendmail's own summary after the transcript."""
    return {"userunknown": "User unknown", "mailboxfull": "Mailbox full", "suspend": "Mailbox disabled",
            "mesgtoobig": "Message is too large", "spamdetected": "Message content rejected",
            "blocked": "Service unavailable", "authfailure": "Message rejected by DMARC policy",
            "requireptr": "Client host rejected", "rejected": "Sender address rejected",
            "hasmoved": "User has moved"}.get(r.reason, "Service unavailable")  # fmt: skip


# --- Exim (RFC 3464 report and the classic plain-text bounce) -----------------------------------

_EXIM_STAGE = {"RCPT": "RCPT TO:<{rcpt}>", "DATA": "end of data", "MAIL": "MAIL FROM:<{sender}> SIZE={size}",
               "CONN": "initial connection"}  # fmt: skip


def _exim_reason_block(r: Report, host: str) -> str:
    s = r.sent
    if _remote(r):
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
    b = _boundary(r, rng, "exim")
    action = "delayed" if r.kind == "delay" else "failed"
    per = [f"Action: {action}", f"Final-Recipient: rfc822;{r.rcpt}", f"Status: {dsn_status(r)}"]
    if _remote(r):
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
    if _remote(r):
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

# --- qmail ------------------------------------------------------------------------------------


def qmail(r: Report, rng: random.Random) -> str:
    s = r.sent
    host = r.extra["host"]
    when = rfc_date(r.at, 60)
    if _remote(r):
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


# --- Exchange / Office 365 ----------------------------------------------------------------------

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
    b = _boundary(r, rng, "ms")
    b2 = _boundary(r, rng, "ms")
    mid = f"<{token(rng, 12).upper()}@{gen}>"
    if r.kind == "delay":
        subject = f"Delivery delayed:{s.subject}"
        text = _MS_DELAY.format(rcpt=r.rcpt, subject=s.subject, left=r.extra["left"])
        per = _rcpt_lines(r, status=dsn_status(r), action="delayed")
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
            remote = f"Remote server:    {r.mx}\n" if _remote(r) else ""
            text = _O365_FAIL.format(
                head=head.format(local=local, domain=domain, rcpt=r.rcpt), action=action_text, rcpt=r.rcpt,
                sender=s.from_addr, sender_local=s.from_addr.partition("@")[0], local=local,
                created=us_date(s.queued_at, tz), subject=s.subject, code=code, gen=gen, remote=remote,
                status=dsn_status(r), reply=r.phrase.reply or "550",
            )
        per = _rcpt_lines(r, status=dsn_status(r), action="failed").replace("rfc822; ", "rfc822;").replace(
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
    b = _boundary(r, rng, "ms")
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


# --- Gmail (Google Workspace as the sender's provider) -----------------------------------------


def gmail(r: Report, rng: random.Random) -> str:
    s = r.sent
    b = _boundary(r, rng, "gmail")
    b2 = _boundary(r, rng, "gmail")
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
              if _remote(r) else "")  # fmt: skip
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


# --- Amazon SES --------------------------------------------------------------------------------


def ses(r: Report, rng: random.Random) -> str:
    s, ch = r.sent, r.sent.channel
    b = _boundary(r, rng, "")
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


# --- ARF complaints ----------------------------------------------------------------------------


def arf(r: Report, rng: random.Random) -> str:
    s, ch = r.sent, r.sent.channel
    b = _boundary(r, rng, "")
    when = rfc_date(r.at, 0)
    via_ses = r.extra.get("via_ses", False)
    reporter = r.extra["reporter"]
    if via_ses:
        frm = "complaints@email-abuse.amazonses.com"
        subject = encode_words(s.subject)
    else:
        frm = f"{reporter['name']} <{reporter['from']}>"
        subject = f"Email Feedback Report for IP {ch.ip}"
    redact = r.extra.get("headers_only", False)
    orig_type = "text/rfc822-headers" if redact else "message/rfc822"
    orig = original_headers(s) if redact else original_message(s)
    return f"""Return-Path: <{reporter['from'] if not via_ses else frm}>
From: {frm}
To: {s.return_path}
Subject: {subject}
Date: {when}
Message-ID: <{hexid(rng, 24)}@{reporter['host']}>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
\tboundary="{b}"

--{b}
Content-Type: text/plain; charset="US-ASCII"
Content-Transfer-Encoding: 7bit

This is an email abuse report for an email message received from IP {ch.ip} on {rfc_date(s.queued_at, 0)}.
For more information about this format please see http://www.mipassoc.org/arf/.

--{b}
Content-Type: message/feedback-report

Feedback-Type: {r.feedback_type}
User-Agent: {reporter['agent']}
Version: 1
Original-Mail-From: <{s.return_path}>
Original-Rcpt-To: <{r.rcpt}>
Arrival-Date: {rfc_date(s.queued_at + rng.randrange(2, 60), 0)}
Reported-Domain: {ch.sender_domain}
Source-IP: {ch.ip}
Authentication-Results: {reporter['host']}; spf=pass smtp.mailfrom={s.return_path}; dkim=pass header.d={ch.sender_domain}

--{b}
Content-Type: {orig_type}
Content-Disposition: inline

{orig}
--{b}--
"""


# --- auto-replies ------------------------------------------------------------------------------

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")  # fmt: skip
_MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember")  # fmt: skip
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")  # fmt: skip
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _date_words(t: int, lang: str, style: int) -> str:
    d = local_time(t, 0)
    if lang == "de":
        return f"{d.day:02d}.{d.month:02d}.{d.year}" if style % 2 else f"{d.day}. {_MONTHS_DE[d.month - 1]} {d.year}"
    if lang == "fr":
        return f"{d.day} {_MONTHS_FR[d.month - 1]} {d.year}"
    if style % 3 == 0:
        return f"{_WEEKDAYS_EN[d.weekday()]}, {d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    if style % 3 == 1:
        return f"{_MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    return f"{d:%Y-%m-%d}"


def autoreply(r: Report, rng: random.Random) -> str:
    s = r.sent
    style = r.extra["style"]
    first = (r.rcpt_name or "").split(" ")[0]
    colleague = r.extra["colleague"]
    when = rfc_date(r.at, 60)
    back = _date_words(r.return_at, r.lang, rng.randrange(3)) if r.return_at else ""
    headers = [f"Date: {when}", f"From: {address(r.rcpt_name, r.rcpt)}", f"To: {address(s.from_name, s.from_addr)}"]
    if style == "outlook":
        if r.lang == "de":
            subject = f"Automatische Antwort: {s.subject}"
            body = (f"Vielen Dank für Ihre Nachricht.\n\nIch bin bis einschließlich {back} nicht im Büro und habe "
                    f"keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an {colleague}.\n\n"
                    f"Mit freundlichen Grüßen\n{r.rcpt_name}\n") if back else (
                    "Vielen Dank für Ihre Nachricht. Ich bin zurzeit nicht im Büro und lese meine E-Mails nur "
                    f"unregelmäßig.\n\nMit freundlichen Grüßen\n{r.rcpt_name}\n")  # fmt: skip
        else:
            subject = f"Automatic reply: {s.subject}"
            body = (f"Thank you for your email. I am out of the office until {back} with no access to email.\n\n"
                    f"For urgent matters please contact {colleague}.\n\nBest regards,\n{r.rcpt_name}\n") if back else (
                    "Thank you for your message. I am currently out of the office with limited access to email "
                    f"and will get back to you as soon as possible.\n\n{r.rcpt_name}\n")  # fmt: skip
        headers += [
            f"Subject: {encode_words(subject)}",
            f"Thread-Topic: {encode_words(s.subject)}",
            f"Message-ID: <{token(rng, 28)}@{r.extra['host']}>",
            f"In-Reply-To: {s.message_id}",
            f"References: {s.message_id}",
            "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: All",
            f"X-MS-Exchange-Inbox-Rules-Loop: {r.rcpt}",
            f"Content-Language: {'de-DE' if r.lang == 'de' else 'en-US'}",
        ]
    elif style == "sieve":
        subject = f"Auto: {s.subject}" if r.lang != "de" else f"Abwesenheitsnotiz: {s.subject}"
        if r.lang == "de":
            body = (f"Hallo,\n\nich bin bis {back} im Urlaub und lese meine E-Mails danach.\n\n{first}\n" if back else
                    f"Hallo,\n\nich bin derzeit abwesend und beantworte Ihre Nachricht nach meiner Rückkehr.\n\n{first}\n")
        elif r.lang == "fr":
            subject = f"Réponse automatique : {s.subject}"
            body = (f"Bonjour,\n\nJe suis absente du bureau jusqu'au {back} inclus. Pour toute urgence, merci de "
                    f"contacter {colleague}.\n\nCordialement,\n{r.rcpt_name}\n")  # fmt: skip
        else:
            body = (f"I'm on holiday until {back} and will read my mail when I am back.\n\n{first}\n" if back else
                    f"I'm away from my desk at the moment and will reply when I'm back.\n\n{first}\n")  # fmt: skip
        headers += [
            f"Subject: {encode_words(subject)}",
            f"Message-ID: <dovecot-sieve-{r.at}-{rng.randrange(10**6)}-0@{r.extra['host']}>",
            f"In-Reply-To: {s.message_id}",
            f"References: {s.message_id}",
            "Auto-Submitted: auto-replied (vacation)",
            "Precedence: bulk",
            "X-Sieve: Pigeonhole Sieve 0.5.21",
        ]
    else:  # a webmail's vacation responder with a subject the person chose
        subject = (f"Out of office until {_date_words(r.return_at, 'en', 1)}" if back and rng.random() < 0.5 else
                   f"Re: {s.subject}")  # fmt: skip
        body = (f"Hi,\n\nI'm travelling with limited access to email until {back}. I will reply when I'm back.\n\n"
                f"Cheers,\n{first}\n") if back else (
                f"Hi,\n\nI'm travelling with limited access to email and will reply as soon as I can.\n\n{first}\n")  # fmt: skip
        headers += [
            f"Subject: {encode_words(subject)}",
            f"Message-ID: <CA+{token(rng, 40)}@mail.{r.rcpt.rpartition('@')[2]}>",
            f"In-Reply-To: {s.message_id}",
            f"References: {s.message_id}",
            "Auto-Submitted: auto-replied",
            "X-Autoreply: yes",
        ]
    headers += ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="utf-8"',
                "Content-Transfer-Encoding: quoted-printable"]  # fmt: skip
    return "\n".join(headers) + "\n\n" + qp_encode(body)


WRITERS: dict[str, Callable[[Report, random.Random], str]] = {
    "postfix": postfix,
    "sendmail": sendmail,
    "exim": exim,
    "exim-text": exim_text,
    "qmail": qmail,
    "o365": office365,
    "exchange": exchange,
    "exchange-text": exchange_text,
    "gmail": gmail,
    "ses": ses,
    "arf": arf,
    "auto-reply": autoreply,
}


def render(r: Report, seed: int) -> bytes:
    """The report as CRLF bytes; deterministic for (seed, r.seq)."""
    rng = random.Random(seed * 1_000_003 + r.seq)
    return crlf(WRITERS[r.fmt](r, rng))
