"""The IANA registry of SMTP enhanced status codes (RFC 3463 and successors), in plain words.

Bounces carry codes like "5.2.2"; a small-business user needs "Mailbox full" / "Postfach voll".
The table below is the whole registry "Simple Mail Transfer Protocol (SMTP) Enhanced Status
Codes" as registered today (X.0.0 to X.7.30), with the IANA sample text, our own short English
and German texts, and the classes each code is meant for.

The registry names codes "X.subject.detail" without fixing the class. `classes` here follows the
registry's associated basic reply codes and, where none are given, the RFC's wording ("useful
only as a permanent error" -> 5, "only as a persistent transient error" -> 4, otherwise 4 and 5;
the "other or undefined" X.n.0 codes go with every class). Servers do send codes outside those
classes (e.g. 5.4.1), so lookup() answers for any class and only reports the mismatch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import MappingProxyType

# class -> (IANA title, short label en, short label de); labels are lower-case for use after a text.
# The labels say only what the server did with this message. Whether BounceDesk retries is the
# policy's call (a 5.2.2 "mailbox full" is retried by default), so no label promises "permanent":
# what the app does next is told by bouncedesk.policy.story from the policy and the recipient.
CLASSES: MappingProxyType[int, tuple[str, str, str]] = MappingProxyType(
    {
        2: ("Success", "success", "Erfolg"),
        4: ("Persistent Transient Failure", "the server refused for now", "Server hat vorerst abgelehnt"),
        5: ("Permanent Failure", "the server refused", "Server hat abgelehnt"),
    }
)

# subject -> (IANA title, plain en, plain de)
SUBJECTS: MappingProxyType[int, tuple[str, str, str]] = MappingProxyType(
    {
        0: ("Other or Undefined Status", "Other problem", "Sonstiges Problem"),
        1: ("Addressing Status", "Problem with an address", "Problem mit einer Adresse"),
        2: ("Mailbox Status", "Problem with the recipient's mailbox", "Problem mit dem Postfach des Empfängers"),
        3: ("Mail System Status", "Problem with the receiving mail system", "Problem mit dem empfangenden Mailsystem"),
        4: ("Network and Routing Status", "Network or routing problem", "Netzwerk- oder Zustellwegproblem"),
        5: ("Mail Delivery Protocol Status", "Problem in the mail transfer conversation", "Problem bei der Mailübertragung"),
        6: ("Message Content or Media Status", "Problem with the message content", "Problem mit dem Inhalt der Nachricht"),
        7: ("Security or Policy Status", "Security or policy problem", "Sicherheits- oder Richtlinienproblem"),
    }
)

# (subject.detail, classes, references, IANA sample text, short en, short de)
_TABLE: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("0.0", "245", "RFC3463", "Other undefined Status",
     "No further details given", "Keine näheren Angaben"),
    # X.1 addressing
    ("1.0", "245", "RFC3463", "Other address status",
     "Problem with an address", "Problem mit einer Adresse"),
    ("1.1", "45", "RFC3463", "Bad destination mailbox address",
     "Recipient address does not exist", "Empfängeradresse existiert nicht"),
    ("1.2", "5", "RFC3463", "Bad destination system address",
     "Recipient's domain does not exist or takes no mail",
     "Domain des Empfängers existiert nicht oder nimmt keine E-Mails an"),
    ("1.3", "5", "RFC3463", "Bad destination mailbox address syntax",
     "Recipient address is written incorrectly", "Empfängeradresse ist falsch geschrieben"),
    ("1.4", "45", "RFC3463", "Destination mailbox address ambiguous",
     "Recipient address matches more than one mailbox", "Empfängeradresse passt auf mehrere Postfächer"),
    ("1.5", "2", "RFC3463", "Destination address valid",
     "Recipient address is valid", "Empfängeradresse ist gültig"),
    ("1.6", "5", "RFC3463", "Destination mailbox has moved, No forwarding address",
     "Mailbox has moved, no forwarding address", "Postfach umgezogen, keine Weiterleitung"),
    ("1.7", "45", "RFC3463", "Bad sender's mailbox address syntax",
     "Sender address is malformed", "Absenderadresse ist fehlerhaft"),
    ("1.8", "45", "RFC3463", "Bad sender's system address",
     "Sender's domain does not exist or takes no mail",
     "Domain des Absenders existiert nicht oder nimmt keine E-Mails an"),
    ("1.9", "2", "RFC3886", "Message relayed to non-compliant mailer",
     "Passed on to a system that sends no further reports",
     "An ein System weitergegeben, das keine weiteren Berichte sendet"),
    ("1.10", "5", "RFC7505 RFC7504", "Recipient address has null MX",
     "Recipient's domain accepts no e-mail at all", "Domain des Empfängers nimmt grundsätzlich keine E-Mails an"),
    # X.2 mailbox
    ("2.0", "245", "RFC3463", "Other or undefined mailbox status",
     "Problem with the recipient's mailbox", "Problem mit dem Postfach des Empfängers"),
    ("2.1", "45", "RFC3463", "Mailbox disabled, not accepting messages",
     "Mailbox disabled, not accepting messages", "Postfach deaktiviert, nimmt keine Nachrichten an"),
    ("2.2", "45", "RFC3463", "Mailbox full",
     "Mailbox full", "Postfach voll"),
    ("2.3", "5", "RFC3463", "Message length exceeds administrative limit",
     "Message too large for this mailbox", "Nachricht zu groß für dieses Postfach"),
    ("2.4", "45", "RFC3463", "Mailing list expansion problem",
     "Mailing list could not be expanded", "Verteilerliste konnte nicht aufgelöst werden"),
    # X.3 mail system
    ("3.0", "245", "RFC3463", "Other or undefined mail system status",
     "Problem with the receiving mail system", "Problem mit dem empfangenden Mailsystem"),
    ("3.1", "4", "RFC3463", "Mail system full",
     "Receiving mail server is out of storage", "Empfangender Mailserver hat keinen Speicherplatz mehr"),
    ("3.2", "45", "RFC3463 RFC7504", "System not accepting network messages",
     "Receiving server is not accepting mail right now", "Empfangender Server nimmt derzeit keine E-Mails an"),
    ("3.3", "45", "RFC3463", "System not capable of selected features",
     "Receiving server lacks a required feature", "Empfangender Server unterstützt eine benötigte Funktion nicht"),
    ("3.4", "5", "RFC3463", "Message too big for system",
     "Message too large for the receiving server", "Nachricht zu groß für den empfangenden Server"),
    ("3.5", "45", "RFC3463", "System incorrectly configured",
     "Receiving server is set up wrongly", "Empfangender Server ist falsch eingerichtet"),
    ("3.6", "2", "RFC6710", "Requested priority was changed",
     "Accepted, but with a different priority", "Angenommen, aber mit anderer Priorität"),
    # X.4 network and routing
    ("4.0", "245", "RFC3463", "Other or undefined network or routing status",
     "Network or routing problem", "Netzwerk- oder Zustellwegproblem"),
    ("4.1", "4", "RFC3463", "No answer from host",
     "Receiving server did not answer", "Empfangender Server hat nicht geantwortet"),
    ("4.2", "4", "RFC3463", "Bad connection",
     "Connection broke off", "Verbindung abgebrochen"),
    ("4.3", "45", "RFC3463", "Directory server failure",
     "Name lookup (DNS) failed", "Namensauflösung (DNS) fehlgeschlagen"),
    ("4.4", "45", "RFC3463", "Unable to route",
     "No route to the recipient's mail server", "Kein Weg zum Mailserver des Empfängers"),
    ("4.5", "4", "RFC3463", "Mail system congestion",
     "Mail system is overloaded", "Mailsystem ist überlastet"),
    ("4.6", "4", "RFC3463", "Routing loop detected",
     "Message went round in a loop", "Nachricht lief in einer Weiterleitungsschleife"),
    ("4.7", "45", "RFC3463", "Delivery time expired",
     "Delivery took too long and was given up", "Zustellung dauerte zu lange und wurde aufgegeben"),
    # X.5 mail delivery protocol
    ("5.0", "245", "RFC3463", "Other or undefined protocol status",
     "Problem in the mail transfer conversation", "Problem bei der Mailübertragung"),
    ("5.1", "45", "RFC3463", "Invalid command",
     "Mail server received an unexpected command", "Mailserver erhielt einen unerwarteten Befehl"),
    ("5.2", "5", "RFC3463", "Syntax error",
     "Mail server did not understand a command", "Mailserver hat einen Befehl nicht verstanden"),
    ("5.3", "4", "RFC3463", "Too many recipients",
     "Too many recipients in one message", "Zu viele Empfänger in einer Nachricht"),
    ("5.4", "45", "RFC3463", "Invalid command arguments",
     "Invalid details in a mail server command", "Ungültige Angaben in einem Befehl an den Mailserver"),
    ("5.5", "45", "RFC3463", "Wrong protocol version",
     "Mail servers speak incompatible protocol versions", "Mailserver sprechen unverträgliche Protokollversionen"),
    ("5.6", "45", "RFC4954", "Authentication Exchange line is too long",
     "Login data sent to the server was too long", "Anmeldedaten an den Server waren zu lang"),
    # X.6 message content or media
    ("6.0", "245", "RFC3463", "Other or undefined media error",
     "Problem with the message content", "Problem mit dem Inhalt der Nachricht"),
    ("6.1", "5", "RFC3463", "Media not supported",
     "Content type not supported by the receiver", "Inhaltstyp wird vom Empfänger nicht unterstützt"),
    ("6.2", "45", "RFC3463", "Conversion required and prohibited",
     "Content would need converting, which is not allowed", "Inhalt müsste umgewandelt werden, was nicht erlaubt ist"),
    ("6.3", "5", "RFC3463", "Conversion required but not supported",
     "Content would need converting, which is not possible",
     "Inhalt müsste umgewandelt werden, was nicht möglich ist"),
    ("6.4", "25", "RFC3463", "Conversion with loss performed",
     "Delivered, but part of the content was lost in conversion",
     "Zugestellt, aber Teile des Inhalts gingen bei der Umwandlung verloren"),
    ("6.5", "45", "RFC3463", "Conversion Failed",
     "Converting the content failed", "Umwandlung des Inhalts fehlgeschlagen"),
    ("6.6", "45", "RFC4468", "Message content not available",
     "Message content could not be fetched", "Inhalt der Nachricht konnte nicht abgerufen werden"),
    ("6.7", "5", "RFC6531", "Non-ASCII addresses not permitted for that sender/recipient",
     "Addresses with international characters not allowed",
     "Adressen mit internationalen Zeichen nicht erlaubt"),
    ("6.8", "25", "RFC6531", "UTF-8 string reply is required, but not permitted by the SMTP client",
     "Reply needs international characters the sender cannot accept",
     "Antwort braucht internationale Zeichen, die der Absender nicht annehmen kann"),
    ("6.9", "5", "RFC6531",
     "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected",
     "Message with international headers cannot reach every recipient",
     "Nachricht mit internationalen Kopfzeilen erreicht nicht alle Empfänger"),
    ("6.10", "25", "RFC6531", "Duplicate of X.6.8 (deprecated)",
     "Reply needs international characters the sender cannot accept (outdated code)",
     "Antwort braucht internationale Zeichen, die der Absender nicht annehmen kann (veralteter Code)"),
    # X.7 security or policy
    ("7.0", "245", "RFC3463", "Other or undefined security status",
     "Security or policy problem", "Sicherheits- oder Richtlinienproblem"),
    ("7.1", "45", "RFC3463", "Delivery not authorized, message refused",
     "Delivery not authorized, message refused", "Zustellung nicht erlaubt, Nachricht abgelehnt"),
    ("7.2", "5", "RFC3463", "Mailing list expansion prohibited",
     "Not allowed to send to this mailing list", "Keine Berechtigung für diese Verteilerliste"),
    ("7.3", "5", "RFC3463", "Security conversion required but not possible",
     "Required security conversion not possible", "Erforderliche Sicherheitsumwandlung nicht möglich"),
    ("7.4", "5", "RFC3463", "Security features not supported",
     "Security features not supported", "Sicherheitsfunktionen werden nicht unterstützt"),
    ("7.5", "45", "RFC3463", "Cryptographic failure",
     "Encryption or signature check failed", "Verschlüsselungs- oder Signaturprüfung fehlgeschlagen"),
    ("7.6", "45", "RFC3463", "Cryptographic algorithm not supported",
     "Encryption method not supported", "Verschlüsselungsverfahren wird nicht unterstützt"),
    ("7.7", "245", "RFC3463", "Message integrity failure",
     "Message was damaged or altered on the way", "Nachricht wurde unterwegs beschädigt oder verändert"),
    ("7.8", "5", "RFC4954", "Authentication credentials invalid",
     "Login name or password wrong", "Benutzername oder Passwort falsch"),
    ("7.9", "5", "RFC4954", "Authentication mechanism is too weak",
     "Login method too weak", "Anmeldeverfahren zu schwach"),
    ("7.10", "5", "RFC5248", "Encryption Needed",
     "Encrypted connection needed for login", "Verschlüsselte Verbindung für die Anmeldung nötig"),
    ("7.11", "5", "RFC4954", "Encryption required for requested authentication mechanism",
     "This login method needs an encrypted connection", "Dieses Anmeldeverfahren braucht eine verschlüsselte Verbindung"),
    ("7.12", "4", "RFC4954", "A password transition is needed",
     "Password must be converted to the new login method", "Passwort muss auf das neue Anmeldeverfahren umgestellt werden"),
    ("7.13", "5", "RFC5248", "User Account Disabled",
     "Sending account disabled", "Absenderkonto deaktiviert"),
    ("7.14", "5", "RFC5248", "Trust relationship required",
     "Trust arrangement between servers missing", "Vertrauensbeziehung zwischen Servern fehlt"),
    ("7.15", "45", "RFC6710", "Priority Level is too low",
     "Message priority too low", "Priorität der Nachricht zu niedrig"),
    ("7.16", "45", "RFC6710", "Message is too big for the specified priority",
     "Message too large for its priority", "Nachricht zu groß für ihre Priorität"),
    ("7.17", "5", "RFC7293", "Mailbox owner has changed",
     "Mailbox now belongs to someone else", "Postfach gehört inzwischen jemand anderem"),
    ("7.18", "5", "RFC7293", "Domain owner has changed",
     "Recipient's domain now belongs to someone else", "Domain des Empfängers gehört inzwischen jemand anderem"),
    ("7.19", "5", "RFC7293", "RRVS test cannot be completed",
     "Could not confirm the mailbox still has the same owner",
     "Konnte nicht prüfen, ob das Postfach noch denselben Inhaber hat"),
    ("7.20", "5", "RFC7372 RFC6376", "No passing DKIM signature found",
     "No valid DKIM signature", "Keine gültige DKIM-Signatur"),
    ("7.21", "5", "RFC7372 RFC6376", "No acceptable DKIM signature found",
     "No acceptable DKIM signature", "Keine akzeptierte DKIM-Signatur"),
    ("7.22", "5", "RFC7372 RFC6376", "No valid author-matched DKIM signature found",
     "No DKIM signature matching the sender's domain", "Keine DKIM-Signatur passend zur Absenderdomain"),
    ("7.23", "5", "RFC7372 RFC7208", "SPF validation failed",
     "SPF check failed: server not allowed to send for this domain",
     "SPF-Prüfung fehlgeschlagen: Server darf für diese Domain nicht senden"),
    ("7.24", "45", "RFC7372 RFC7208", "SPF validation error",
     "SPF check could not be completed", "SPF-Prüfung konnte nicht abgeschlossen werden"),
    ("7.25", "5", "RFC7372 RFC7601", "Reverse DNS validation failed",
     "Sending server's reverse DNS (PTR) check failed",
     "Reverse-DNS-Prüfung (PTR) des sendenden Servers fehlgeschlagen"),
    ("7.26", "5", "RFC7372", "Multiple authentication checks failed",
     "Several sender checks (SPF, DKIM, DMARC) failed", "Mehrere Absenderprüfungen (SPF, DKIM, DMARC) fehlgeschlagen"),
    ("7.27", "5", "RFC7505", "Sender address has null MX",
     "Sender's domain accepts no e-mail, so replies are impossible",
     "Domain des Absenders nimmt keine E-Mails an, Antworten sind unmöglich"),
    ("7.28", "45", "draft-levine-mailbomb-header", "Mail flood detected",
     "Too many similar messages (mail flood)", "Zu viele ähnliche Nachrichten (Mailflut)"),
    ("7.29", "5", "RFC8617", "ARC validation failure",
     "Forwarding chain (ARC) check failed", "Prüfung der Weiterleitungskette (ARC) fehlgeschlagen"),
    ("7.30", "5", "RFC8689", "REQUIRETLS support required",
     "Encrypted delivery required but not available", "Verschlüsselte Zustellung verlangt, aber nicht möglich"),
)

_DEPRECATED = frozenset({"6.10"})
_CODE_RE = re.compile(r"([245])\.([0-9]{1,3})\.([0-9]{1,3})", re.ASCII)


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One registry entry; `code` is "X.s.d" in REGISTRY and the concrete code from lookup()."""

    code: str
    name: str  # the IANA sample text
    en: str
    de: str
    classes: tuple[int, ...]  # classes the registry associates with this code
    refs: tuple[str, ...]  # defining documents, e.g. ("RFC3463",)
    deprecated: bool = False

    @property
    def status_class(self) -> int | None:
        """2, 4 or 5 for a concrete code; None for the generic "X.s.d" registry form."""
        head = self.code[:1]
        return int(head) if head.isdigit() else None

    @property
    def class_registered(self) -> bool:
        """Whether the registry expects this code in its class (servers don't always agree)."""
        return self.status_class is None or self.status_class in self.classes

    def text(self, lang: str = "en") -> str:
        return self.de if normalize_lang(lang) == "de" else self.en


def _build() -> dict[str, CodeInfo]:
    out: dict[str, CodeInfo] = {}
    for key, classes, refs, name, en, de in _TABLE:
        out["X." + key] = CodeInfo(
            code="X." + key,
            name=name,
            en=en,
            de=de,
            classes=tuple(int(c) for c in classes),
            refs=tuple(refs.split()),
            deprecated=key in _DEPRECATED,
        )
    return out


# "X.1.1" -> CodeInfo; read-only so callers cannot change the registry by accident.
REGISTRY: MappingProxyType[str, CodeInfo] = MappingProxyType(_build())


def normalize_lang(lang: str | None) -> str:
    """'de', 'de_DE', 'de-AT' -> 'de'; everything else falls back to English."""
    return "de" if lang and lang.lower().startswith("de") else "en"


def _parse(code: str) -> tuple[int, int, int] | None:
    m = _CODE_RE.fullmatch(code)
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def is_valid(code: str) -> bool:
    """RFC 3463 syntax: class 2/4/5, subject and detail of 1-3 digits (0-999). No surrounding text."""
    return isinstance(code, str) and _parse(code) is not None


def lookup(code: str) -> CodeInfo | None:
    """The registry entry for a code like "5.1.1" (leading zeros and spaces tolerated).

    None for invalid syntax or a subject.detail the registry does not know. The answer carries
    the concrete code, so `class_registered` tells whether the class fits the registry.
    """
    if not code or not isinstance(code, str):
        return None
    parts = _parse(code.strip())
    if parts is None:
        return None
    cls, subject, detail = parts
    info = REGISTRY.get(f"X.{subject}.{detail}")
    return replace(info, code=f"{cls}.{subject}.{detail}") if info else None


def class_label(cls: int, lang: str = "en") -> str:
    """'the server refused' / 'Server hat abgelehnt' for 5; '' for anything that is not 2, 4 or 5."""
    entry = CLASSES.get(cls)
    if entry is None:
        return ""
    return entry[2] if normalize_lang(lang) == "de" else entry[1]


def subject_label(subject: int, lang: str = "en") -> str:
    """The plain meaning of a subject (X.2 -> mailbox problem); '' for unregistered subjects."""
    entry = SUBJECTS.get(subject)
    if entry is None:
        return ""
    return entry[2] if normalize_lang(lang) == "de" else entry[1]


def describe(code: str, lang: str = "en") -> str:
    """A readable line for any code: "Mailbox full (the server refused)".

    Unregistered details fall back to the subject's meaning ("5.2.99" -> mailbox problem),
    unregistered subjects to the class alone; "" gives "", and text that is no status code
    says so rather than guessing.
    """
    if not code:
        return ""
    de = normalize_lang(lang) == "de"
    parts = _parse(code.strip())
    if parts is None:
        return f"Kein gültiger Statuscode: {code.strip()}" if de else f"Not a valid status code: {code.strip()}"
    cls, subject, _detail = parts
    label = class_label(cls, lang)
    info = lookup(code)
    text = info.text(lang) if info else subject_label(subject, lang)
    if not text:
        return label[:1].upper() + label[1:]
    return f"{text} ({label})"
