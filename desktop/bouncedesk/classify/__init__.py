"""Classification: what a finding's code and words mean, whose problem it is, what to do."""

from __future__ import annotations

import re
from functools import lru_cache

from bouncedesk.classify.rules import NOT_A_BOUNCE, RuleSet, load_rules
from bouncedesk.classify.verdict import HARD_REASONS, SENDER_SIDE_REASONS, Verdict, is_hard
from bouncedesk.dsn.model import AUTO_REPLY, COMPLAINT, DELAY, DELIVERED, Finding

__all__ = ["NOT_A_BOUNCE", "Verdict", "classify"]

_RECIPIENT_SIDE = {"userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "suspend"}
_MESSAGE_SIDE = {"mesgtoobig", "exceedlimit", "spamdetected", "virusdetected", "filtered", "contenterror",
                 "notcompliantrfc", "policyviolation"}
_NETWORK_SIDE = {"expired", "networkerror", "systemerror", "systemfull", "mailererror", "toomanyconn", "speeding",
                 "syntaxerror", "securityerror", "failedstarttls"}
# When a bounce carries no enhanced code: the subject.detail its reason implies.
_INFERRED = {"userunknown": "1.1", "hostunknown": "1.2", "hasmoved": "1.6", "notaccept": "1.10", "mailboxfull": "2.2",
             "suspend": "2.1", "exceedlimit": "2.3", "systemfull": "3.1", "mesgtoobig": "3.4", "expired": "4.7",
             "networkerror": "4.0", "blocked": "7.1", "badreputation": "7.1", "requireptr": "7.25",
             "authfailure": "7.26", "rejected": "1.8", "norelaying": "7.1", "spamdetected": "7.1",
             "virusdetected": "7.1", "filtered": "7.1", "policyviolation": "7.1", "securityerror": "7.0",
             "failedstarttls": "7.10", "contenterror": "6.0", "notcompliantrfc": "6.0", "syntaxerror": "5.2",
             "speeding": "7.1", "toomanyconn": "4.5", "systemerror": "3.0", "mailererror": "3.0"}


def classify(f: Finding) -> Verdict:
    """Reason from the server's words first (codes are often generic), then from the code itself."""
    rules = load_rules()
    hosts = _hosts(f)
    if rules.corrections:
        corrected = rules.correction_for(hosts, f.diagnostic)
        if corrected == NOT_A_BOUNCE:
            return Verdict(f.status, _source(f), NOT_A_BOUNCE, False, "unknown", "none")
        if corrected:
            return _corrected(f, corrected, rules)  # the user's own reading outranks every other
    if f.kind == COMPLAINT:
        return Verdict(f.status, _source(f), "feedback", False, "recipient", "suppress")
    if f.kind == AUTO_REPLY:
        return Verdict(f.status, _source(f), "vacation", False, "recipient", "none")
    if f.kind == DELIVERED or f.status.startswith("2"):
        return Verdict(f.status, _source(f), "delivered", False, "recipient", "none")

    cls = _status_class(f)
    diag, gave_up = _reply_before_expiry(f.diagnostic)
    # The server's words first (a provider's own, then the general rules), its code second (a provider's
    # own reading, then RFC 3463's), the generic X.0.0 last.
    host_coded = rules.status_for_host(hosts, f.status)
    coded = host_coded if host_coded is not None else rules.reason_for_status(f.status)
    reason = f.reason_hint or rules.reason_for_vendor_code(diag) or rules.reason_for_host(
        hosts, diag, f.status, f.command) or _decide(*_words(rules, diag), coded, f, host_coded is not None)
    if not reason and gave_up:
        reason = "expired"  # the last reply names no cause: the message simply waited out its queue lifetime
    if f.extra.get("diagnostic-type") in _LOCAL_PROGRAM_TYPES and reason in ("", "systemerror"):
        reason = rules.reason_for_status(f.status) or "mailererror"  # a local program's exit status or words
    if not reason and f.reply_code in ("521", "556"):
        reason = "notaccept"  # RFC 7504: the host (521) or the domain (556) accepts no mail at all
    if not reason and f.reply_code[:2] in ("50", "40") and f.reply_code[2:] in "01234567":
        reason = "syntaxerror"  # 500-507: the server did not understand a command or its arguments
    if not reason and f.kind == DELAY and f.action == "delayed":
        reason = "expired"  # a warning whose words name no cause: the message is still waiting in a queue
    if not reason:
        reason = rules.reason_for_text(_plain(f.extra.get("context", "")))
    reason = _by_stage(reason, f.command)
    if reason == "hostunknown" and cls == "4":
        reason = "networkerror"  # a temporary DNS failure: the domain may well resolve again
    if not reason and f.kind == DELAY:
        reason = "expired" if f.action == "delayed" else "onhold"
    if not reason:
        reason = "onhold" if (f.status or f.reply_code or f.diagnostic) else "undefined"

    if reason in HARD_REASONS and f.kind != DELAY:
        # A dead-address verdict from a code or a vague word, while the server's words blame the sender
        # (its IP listed, its reputation, authentication, rate, policy): the recipient is not dead.
        reason = rules.sender_side_reason(_plain(f.diagnostic)) or _softer_reading(rules, f) or reason

    return _verdict(f, reason, cls)


def _corrected(f: Finding, reason: str, rules: RuleSet) -> Verdict:
    """The user's reading of a bounce. A code that by itself means something else ("5.1.1" for a
    suspended mailbox) would still decide what happens: it is replaced by the code the reason
    implies, marked "corrected"."""
    cls = _status_class(f)
    v = _verdict(f, reason, cls)
    said = rules.reason_for_status(f.status) if f.status else ""
    if f.status and said and said != reason:
        status = f"{f.status[0]}.{_INFERRED[reason]}" if reason in _INFERRED else f"{f.status[0]}.0.0"
        return Verdict(status, "corrected", v.reason, v.hard, v.side, v.action_hint)
    return v


def _verdict(f: Finding, reason: str, cls: str) -> Verdict:
    """A reason's verdict: the code it implies when the bounce had none, hard or soft, whose side, what next."""
    status, source = f.status, _source(f)
    if not status and reason in _INFERRED and cls in ("4", "5"):
        status, source = f"{cls}.{_INFERRED[reason]}", "inferred"
    temporary = cls == "4"
    hard = is_hard(reason, temporary)
    side = _side(reason)
    return Verdict(status, source, reason, hard, side, _action_hint(f, reason, hard, side))


# Recipient-side reasons that leave the address alive: a report that says one of these in its
# human-readable part while its machine part says "no such user" contradicts itself.
_SOFT_RECIPIENT = frozenset({"mailboxfull", "suspend", "systemfull", "exceedlimit", "mesgtoobig"})


def _softer_reading(rules: RuleSet, f: Finding) -> str:
    """A single-recipient report whose text for people names a soft cause (a full mailbox) or blames
    the sender, while its fields say the address is dead: the evidence is split, and a split verdict
    must not suppress a live recipient."""
    human = f.extra.get("human", "")
    if not human:
        return ""
    said = rules.reason_for_text(_plain(human))
    return said if said in _SOFT_RECIPIENT else rules.sender_side_reason(_plain(human))


_URL = re.compile(r"(?i)\b(?:https?|ftp)://([^/\s]*)\S*|\bwww\.\S+")


def _url_host(m: re.Match) -> str:
    """A link's host stays (a block list's name says who refused); its path goes."""
    return f" {m.group(1)} " if m.group(1) else " "


# Lead-ins that say nothing about the cause, or wrap the remote server's own words in the relay's
# boilerplate (Gmail's "...rejected by the recipient domain... The error that the other server returned
# was:", Amazon SES's "5.1.0 - Unknown address error 550-'...'").
_LEAD_IN = re.compile(
    r"(?i)\brecipient address rejected:\s*(?=\S)(?!access denied)"
    r"|^.*?\bthe error that the other server returned was:"
    r"|^\s*[245]\.\d{1,3}\.\d{1,3} - [a-z ]{3,40} error (?=[245]\d\d\b)"
)
# A multi-line reply joined into one: "550-5.7.1 Messages with multiple 550 5.7.1 addresses in From:".
_CONTINUATION = re.compile(r"(?<=\S) ([245]\d\d)[- ](?:[245]\.\d{1,3}\.\d{1,3} )?(?=\S)")
_REPLY_PREFIX = re.compile(r"\s{0,40}([245]\d\d)[- ]")


@lru_cache(maxsize=16)  # the same text is read up to four times per finding (not a cross-message cache)
def _plain(text: str) -> str:
    """Drop links (their paths name reasons at random), the lead-in that says nothing, and the reply
    codes repeated at each line of a multi-line reply (they split the server's sentence)."""
    if not text:
        return ""
    text = _LEAD_IN.sub("", _URL.sub(_url_host, text))
    first = _REPLY_PREFIX.match(text)
    if first:
        code = first.group(1)
        text = text[: first.end()] + _CONTINUATION.sub(
            lambda m: " " if m.group(1) == code else m.group(0), text[first.end():])
    return text


# Codes precise enough to outrank a vaguer reading of the words ("4.4.1 ... connection timed out" is a
# message that waited out its queue lifetime, "5.2.3 ... message size exceeds" a per-mailbox limit).
_CODE_FIRST = frozenset({"mailboxfull", "exceedlimit", "mesgtoobig", "systemfull", "hasmoved", "rejected",
                         "notaccept", "authfailure", "requireptr", "suspend", "expired", "toomanyconn"})
_VAGUE_WORDS = frozenset({"networkerror", "systemerror", "securityerror", "onhold", "mesgtoobig", "exceedlimit",
                          "mailboxfull", "systemfull", "hostunknown", "suspend", "expired", "speeding",
                          "contenterror"})
# Codes that by themselves name the recipient's address as the problem.
_ADDRESS_CODES = frozenset({"userunknown"})


# Diagnostic-Code types naming a local delivery program rather than a remote server (RFC 3464 §2.3.6).
_LOCAL_PROGRAM_TYPES = frozenset({"x-unix", "x-local", "x-postfix"})


# The note an MTA adds after the remote server's last reply when it stops retrying (Exim's
# "451 4.3.0 ...: retry timeout exceeded"). It says only that time ran out; the reply says why.
_GAVE_UP = re.compile(r"(?i)(?:retry time(?:out)? (?:exceeded|expired)|delivery time expired|giving up|"
                      r"retry time not reached for any host after a long failure period)\.?\s{0,8}$")
# A temporary reply with words: "451 4.3.0 Internal resources ...", "421-4.7.0 [TS04] ...".
_TEMP_REPLY = re.compile(r"(?<![\d.])4\d\d[ -](?:4\.\d{1,3}\.\d{1,3}[ -])?['\"]?[A-Za-z\[(]")


def _reply_before_expiry(diagnostic: str) -> tuple[str, bool]:
    """(the words to read, whether the MTA gave up on a remote server that kept answering).

    When a delivery timed out after the remote server answered with a temporary reply, that reply's
    meaning wins over the MTA's generic "retry timeout exceeded"; a bare timeout stays a timeout.
    """
    tail = diagnostic[-120:]
    low = tail.lower()
    if "retry time" not in low and "giving up" not in low and "delivery time" not in low:
        return diagnostic, False  # (most diagnostics: a substring test is cheaper than the pattern)
    m = _GAVE_UP.search(tail)
    if not m:
        return diagnostic, False
    head = diagnostic[: len(diagnostic) - len(tail) + m.start()].rstrip(" \t:;,.-")
    reply = _TEMP_REPLY.search(head)
    if not reply:
        return diagnostic, False
    return head[reply.start():], True


def _hosts(f: Finding) -> tuple[str, ...]:
    """Who answered: the remote MTA's host name and the recipient's domain (lower case)."""
    mta = f.remote_mta.split()[0].strip("[]").lower() if f.remote_mta.strip() else ""
    return mta, (f.recipient or "").rpartition("@")[2]


def _words(rules: RuleSet, diagnostic: str) -> tuple[str, bool]:
    """What the diagnostic's words say, and whether firmly (firm words outrank a precise code)."""
    return rules.match_text(_plain(diagnostic))


def _decide(said: str, firm: bool, coded: str, f: Finding, provider_code: bool = False) -> str:
    """Combine what the words say with what the code says (a provider's own reading of its code is
    precise: it outranks vague words like any precise code)."""
    if said == "userunknown":
        return coded if coded == "hasmoved" else _unknown_user(f, coded)
    if said and coded and (coded in _CODE_FIRST or provider_code) and said in _VAGUE_WORDS and not firm:
        return coded
    return said or coded


def _unknown_user(f: Finding, coded: str) -> str:
    """'User unknown' is an address verdict only at RCPT time or with an address code (X.1.x).

    The same words after DATA, or with a mailbox/policy code, come from a filter that
    refused the message for that recipient, and the address may well exist.
    """
    if load_rules().says_address_unknown(f.diagnostic):
        return "userunknown"  # words that name a missing account whatever the stage
    if coded in _ADDRESS_CODES or f.status[2:4] in ("1.", "5.") or f.command in ("RCPT", "MAIL", "CONN", "HELO"):
        return "userunknown"  # an address code, a protocol-stage code (X.5.x), or said during the envelope
    if not f.command and f.status and not coded and load_rules().refuses_recipient(f.diagnostic):
        # No stage stated (OpenSMTPD's "addr: 550 ..." line never says one) and a code that names no cause
        # by itself (X.0.0, Microsoft's 5.4.1): words refusing the recipient address are an address verdict.
        return "userunknown"
    if f.command != "DATA" and f.status[2:] == "0.0" and f.recipient \
            and f"<{f.recipient}>" in f.diagnostic.lower():
        return "userunknown"  # the reply names the refused address: an answer to RCPT TO, not to the message
    return "filtered"


def _by_stage(reason: str, command: str) -> str:
    """The SMTP stage qualifies the words: a refusal at MAIL FROM concerns the sender, at HELO the host."""
    if command == "MAIL" and reason in ("userunknown", "hostunknown", "", "onhold"):
        return "rejected"
    if command in ("CONN", "HELO") and reason in ("", "onhold", "undefined", "securityerror"):
        return "blocked"
    return reason


def _source(f: Finding) -> str:
    return f.status_source if f.status else ""


def _status_class(f: Finding) -> str:
    for code in (f.status, f.reply_code):
        if code[:1] in ("2", "4", "5"):
            return code[:1]
    return "4" if f.kind == DELAY else "5"


def _side(reason: str) -> str:
    if reason in SENDER_SIDE_REASONS:
        return "sender"
    if reason in _RECIPIENT_SIDE:
        return "recipient"
    if reason in _MESSAGE_SIDE:
        return "message"
    if reason in _NETWORK_SIDE:
        return "network"
    return "unknown"


def _action_hint(f: Finding, reason: str, hard: bool, side: str) -> str:
    if f.kind == DELAY:
        return "none"
    if hard:
        return "suppress"
    if side == "sender":
        return "fix-sender-setup"
    if side == "message":
        return "fix-message"
    return "retry-schedule"
