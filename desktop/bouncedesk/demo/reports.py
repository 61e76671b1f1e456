"""Reports that are not bounces: ARF complaints from feedback loops, and auto-replies (out of office)
in English, German and French."""

from __future__ import annotations

import random

from bouncedesk.demo.dsnparts import (
    boundary,
    original_headers,
    original_message,
)
from bouncedesk.demo.mailtext import (
    address,
    encode_words,
    hexid,
    local_time,
    qp_encode,
    rfc_date,
    token,
)
from bouncedesk.demo.model import Report


def arf(r: Report, rng: random.Random) -> str:
    s, ch = r.sent, r.sent.channel
    b = boundary(r, rng, "")
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
