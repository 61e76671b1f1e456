"""Is a bounce evidence about mail we sent, or only information? Pure: the store supplies the facts.

Anyone can write to the monitored mailbox, so a bounce moves a recipient only when it names a
message we really sent to that recipient (verified). One that merely carries our own domain's
Message-ID or our address as the original's sender is plausible; anything else is unverified.
Which of these act by themselves is the user's setting (`PolicySettings.trust`); the rest wait
in Needs review. The evidence is kept as a code, so every view and both languages read the same
words from `describe_evidence`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bouncedesk.dsn.msgid import id_domain

VERIFIED = "verified"
PLAUSIBLE = "plausible"
UNVERIFIED = "unverified"

# PolicySettings.trust: which bounces act without review.
TRUST_VERIFIED = "verified"  # only those tied to a message we sent (the default)
TRUST_PLAUSIBLE = "plausible"  # also those that only look like ours
TRUST_ALL = "all"  # every bounce (for users without a Sent folder, chosen knowingly)
TRUST_MODES = (TRUST_VERIFIED, TRUST_PLAUSIBLE, TRUST_ALL)

# results.review
REVIEW_NONE = ""  # acted on by itself (or nothing to act on)
REVIEW_PENDING = "pending"
REVIEW_TRUSTED = "trusted"
REVIEW_DISMISSED = "dismissed"

# Evidence codes (results.evidence).
EV_MESSAGE_ID = "message-id"  # the returned original's Message-ID is a message we sent to this address
EV_REFERENCES = "references"  # In-Reply-To/References name a message we sent to this address
EV_OTHER_RECIPIENT = "other-recipient"  # names a message we sent, but not to this address
EV_BEFORE_SENT = "before-sent"  # names a message we sent, but is dated before it went out
EV_OWN_DOMAIN = "own-domain"  # only a Message-ID of our own domain, unknown to us
EV_OWN_SENDER = "own-sender"  # only our address as the original's sender
EV_NONE = "none"  # nothing ties it to our mail
EV_NO_ADDRESS = "no-address"  # no recipient address to tie it to

_CLOCK_SLACK = 86400  # a bounce may be dated up to a day before the sent copy (clocks, time zones)


@dataclass(frozen=True, slots=True)
class SentMatch:
    """A message we sent, as far as matching needs it."""

    sent_id: int
    key: str  # message_id_key of its Message-ID
    recipients: frozenset[str]
    sent_at: int | None = None


@dataclass(frozen=True, slots=True)
class OwnIdentity:
    """Our own addresses and the domains of our addresses and Message-IDs (lower case)."""

    addresses: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Evidence:
    trust: str
    code: str
    sent_id: int | None = None


def judge(
    email: str | None,
    at: int,
    orig_key: str | None,
    ref_keys: Sequence[str],
    orig_sender: str | None,
    sent: Mapping[str, Sequence[SentMatch]],
    own: OwnIdentity,
) -> Evidence:
    """How far one result is tied to our mail (see the module docstring)."""
    if not email:
        return Evidence(UNVERIFIED, EV_NO_ADDRESS)
    named: list[tuple[str, str]] = [(orig_key, EV_MESSAGE_ID)] if orig_key else []
    named += [(k, EV_REFERENCES) for k in reversed(ref_keys) if k != orig_key]
    other: SentMatch | None = None
    early: SentMatch | None = None
    for key, code in named:
        for m in sent.get(key, ()):
            if email not in m.recipients:
                other = other or m
            elif m.sent_at is not None and at < m.sent_at - _CLOCK_SLACK:
                early = early or m
            else:
                return Evidence(VERIFIED, code, m.sent_id)
    if early is not None:
        return Evidence(PLAUSIBLE, EV_BEFORE_SENT, early.sent_id)
    if other is not None:
        return Evidence(PLAUSIBLE, EV_OTHER_RECIPIENT, other.sent_id)
    if any(id_domain(k) in own.domains for k, _ in named):
        return Evidence(PLAUSIBLE, EV_OWN_DOMAIN)
    if orig_sender and address_of(orig_sender) in own.addresses:
        return Evidence(PLAUSIBLE, EV_OWN_SENDER)
    return Evidence(UNVERIFIED, EV_NONE)


_ANGLED_ADDRESS = re.compile(r"<([^<>\s]{1,320})>")


def address_of(value: str) -> str:
    """The address in a From-style value (`Shop <a@b>` or `a@b`), lower case; cheap and linear."""
    m = _ANGLED_ADDRESS.search(value[:2000])
    return (m.group(1) if m else value.strip()[:320]).lower()


def acts_alone(trust: str, mode: str) -> bool:
    """Whether a result of this trust level moves a recipient without the user's review."""
    if mode == TRUST_ALL:
        return True
    if mode == TRUST_PLAUSIBLE:
        return trust in (VERIFIED, PLAUSIBLE)
    return trust == VERIFIED


_WORDS = {
    "en": {
        EV_MESSAGE_ID: "Matches your message {subject} sent {date} to {email}.",
        EV_REFERENCES: "Refers to your message {subject} sent {date} to {email}.",
        EV_OTHER_RECIPIENT: "Names your message {subject} sent {date}, but that message did not go to {email}.",
        EV_BEFORE_SENT: "Names your message {subject}, but is dated before that message was sent ({date}).",
        EV_OWN_DOMAIN: "Names a message of your domain that is not in your sent mail.",
        EV_OWN_SENDER: "Names your address as the sender, but no message you sent.",
        EV_NONE: "Names no message you sent: it may be forged or about someone else's mail.",
        EV_NO_ADDRESS: "Names no recipient address.",
        "legacy": "Stored before BounceDesk checked bounces against your sent mail; trusted as before.",
        VERIFIED: "verified",
        PLAUSIBLE: "plausible",
        UNVERIFIED: "unverified",
        REVIEW_PENDING: "needs review",
        REVIEW_TRUSTED: "trusted by you",
        REVIEW_DISMISSED: "dismissed by you",
        "no-subject": "(no subject)",
        "unknown-date": "(date unknown)",
        "review-next": ("This bounce changes nothing yet. If you did send this address mail and the bounce "
                        "is real, trust it; if not, dismiss it."),
    },
    "de": {
        EV_MESSAGE_ID: "Passt zu Ihrer Nachricht {subject}, gesendet am {date} an {email}.",
        EV_REFERENCES: "Bezieht sich auf Ihre Nachricht {subject}, gesendet am {date} an {email}.",
        EV_OTHER_RECIPIENT: "Nennt Ihre Nachricht {subject} vom {date}, doch die ging nicht an {email}.",
        EV_BEFORE_SENT: "Nennt Ihre Nachricht {subject}, ist aber älter als diese Nachricht ({date}).",
        EV_OWN_DOMAIN: "Nennt eine Nachricht Ihrer Domain, die nicht in Ihren gesendeten Nachrichten ist.",
        EV_OWN_SENDER: "Nennt Ihre Adresse als Absender, aber keine Nachricht, die Sie gesendet haben.",
        EV_NONE: "Nennt keine Nachricht, die Sie gesendet haben: vielleicht gefälscht oder fremde Post.",
        EV_NO_ADDRESS: "Nennt keine Empfängeradresse.",
        "legacy": "Gespeichert, bevor BounceDesk Bounces mit gesendeter Post abglich; vertraut wie bisher.",
        VERIFIED: "bestätigt",
        PLAUSIBLE: "plausibel",
        UNVERIFIED: "unbestätigt",
        REVIEW_PENDING: "zu prüfen",
        REVIEW_TRUSTED: "von Ihnen anerkannt",
        REVIEW_DISMISSED: "von Ihnen verworfen",
        "no-subject": "(ohne Betreff)",
        "unknown-date": "(Datum unbekannt)",
        "review-next": ("Dieser Bounce ändert noch nichts. Wenn Sie dieser Adresse wirklich geschrieben haben "
                        "und der Bounce echt ist, erkennen Sie ihn an; sonst verwerfen Sie ihn."),
    },
}


def word(key: str, lang: str = "en") -> str:
    """The label of a trust level or review state ("verified", "needs review") in en or de."""
    table = _WORDS.get(lang[:2].lower(), _WORDS["en"])
    return table.get(key, _WORDS["en"].get(key, key))


def describe_evidence(code: str, lang: str = "en", *, subject: str | None = None, date: str | None = None,
                      email: str | None = None) -> str:  # fmt: skip
    """One sentence saying what ties this bounce to our mail (or that nothing does)."""
    if not code or code not in _WORDS["en"]:
        code = EV_NONE
    subj = f"“{subject}”" if subject else word("no-subject", lang)
    return word(code, lang).format(subject=subj, date=date or word("unknown-date", lang), email=email or "")
