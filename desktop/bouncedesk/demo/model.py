"""The demo generator's plain data: who sends, what was sent, which report comes back, what we meant."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Channel:
    """One way the fictitious company sends mail (a server or provider with its own bounce format)."""

    key: str
    mta: str  # postfix, ses, o365, gmail, sendmail, exim
    host: str
    ip: str
    sender_domain: str
    tz: int  # the server's UTC offset in minutes
    notify_success: bool  # asks for delivery reports (NOTIFY=SUCCESS) on re-sends
    weight: float
    from_addr: str = ""  # fixed sender (shop, newsletter, ...); staff channels pick a person
    name: str = ""
    return_path: str = ""
    domain: str = ""  # staff channels: the domain of their mailboxes


@dataclass(frozen=True, slots=True)
class Domain:
    domain: str
    sw: str  # the recipient server's software: gmail, o365, yahoo, postfix, exim, qmail, exchange, generic
    mx: str
    weight: float
    writes_bounces: bool = False  # accepts, then bounces itself (qmail, Exim text, Exchange)


@dataclass(frozen=True, slots=True)
class Phrase:
    """One server answer: an SMTP reply (code, enhanced status, words) or a server's own words."""

    reply: str
    status: str
    lines: tuple[str, ...]  # the full reply lines as sent ("550-5.1.1 ...", "550 5.1.1 ...")
    local: bool = False  # the sending server's own words, not a remote reply

    @property
    def text(self) -> str:
        """All lines on one line, as Postfix and most DSNs quote them."""
        return " ".join(self.lines)


@dataclass(slots=True)
class Sent:
    """The mail that went out, and that a report may carry back."""

    message_id: str
    subject: str
    from_name: str
    from_addr: str
    to_name: str
    to_addr: str
    at: int
    channel: Channel
    body: str
    return_path: str
    resent_at: int | None = None  # a retry: when it was re-sent (the original headers stay)
    resent_id: str | None = None
    big: bool = False  # carries a large attachment: reports return the headers only
    bulk: bool = False  # a newsletter (List-Unsubscribe and friends)

    @property
    def queued_at(self) -> int:
        return self.resent_at if self.resent_at is not None else self.at


@dataclass(slots=True)
class Report:
    """Everything needed to write one report message in one server's format."""

    fmt: str
    kind: str  # bounce, delay, delivered, complaint, auto-reply
    at: int  # the report's Date
    rcpt: str
    rcpt_name: str
    sent: Sent
    seq: int  # unique per message, for ids
    reason: str = ""
    phrase: Phrase | None = None
    stage: str = "RCPT"  # the SMTP command the answer followed: CONN, MAIL, RCPT, DATA
    mx: str = ""
    mx_ip: str = ""
    return_at: int | None = None  # auto-reply: the stated return day (00:00 UTC)
    lang: str = "en"
    feedback_type: str = "abuse"
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Intended:
    """What the generator meant a message to say: what a correct parser reads out of it."""

    kind: str
    recipient: str
    reason: str
    status: str  # the enhanced code the message carries ("" when it carries none)
    fmt: str
    return_date: str | None = None  # auto-reply: YYYY-MM-DD when the text states it
    statuses: tuple[str, ...] = ()  # every fair reading of the code, `status` first
    reasons: tuple[str, ...] = ()  # every fair reading of the cause, `reason` first
    original_id: str | None = None  # Message-ID of the returned original, when the report carries it
    # Not about the shop's own mail (demo.forged): the evidence code a correct judge gives it.
    # "" for every report about a message the shop sent to that recipient.
    forged: str = ""


@dataclass(frozen=True, slots=True)
class DemoMessage:
    name: str  # a stable file name, e.g. "0042-postfix-bounce.eml"
    at: int  # when it arrived (its Date)
    data: bytes
    intended: Intended


# Feedback loops of the recipients' providers (complaints about mail not sent through SES).
FBL = {
    "yahoo": {"name": "Yoomail Feedback Loop", "from": "feedbackloop@yoomail.test", "host": "fbl.yoomail.test",
              "agent": "YoomailFBL/1.0"},
    "o365": {"name": "Outpost Mail JMRP", "from": "staff@hotmail.outpost-mail.test",
             "host": "jmrp.outpost-mail.test", "agent": "Outpost-Mail JMRP/2.1"},
    "postfix": {"name": "Webpost Abuse Desk", "from": "fbl@abuse.webpost.test", "host": "abuse.webpost.test",
                "agent": "Webpost-FBL/3"},
}  # fmt: skip
