"""The reply table: what each simulated provider answers, and what that answer means.

Codes and their meanings follow the providers' public postmaster / NDR documentation (Gmail's
SMTP error reference, Microsoft's Exchange Online NDR list, Yahoo's and Apple's postmaster pages,
GMX/WEB.DE and T-Online postmaster notes, Zoho, Proofpoint, Mimecast, Barracuda, the DNSBL
operators). The reply texts are written for this table; they paraphrase, they are not copies.
The gold of the corpus comes from the `reason` column here, never from any parser.

Each domain is its own "MX": it gets its own port on 127.0.0.1, so an MTA that marks a host as
down after a 421 only ever holds back mail for that one domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLIENT_IP = "192.0.2.25"  # documentation range (RFC 5737): the address the replies talk about
HARD_REASONS = {"userunknown", "hostunknown", "hasmoved", "notaccept"}
_STATUS = re.compile(r"^([245])\.(\d{1,3})\.(\d{1,3})\b")


@dataclass(frozen=True)
class Entry:
    key: str  # file-name stem: provider-code
    provider: str
    domain: str
    stage: str  # "rcpt" or "data": which command the reply answers
    code: int
    lines: tuple[str, ...]  # reply text lines, without the code
    reason: str
    status_fallback: str = ""  # for replies without an enhanced code: what the MTA will write

    @property
    def status(self) -> str:
        m = _STATUS.match(self.lines[0])
        return m.group(0) if m else self.status_fallback

    @property
    def status_in_message(self) -> bool:
        return bool(_STATUS.match(self.lines[0]))

    @property
    def temporary(self) -> bool:
        return self.code // 100 == 4

    @property
    def hard(self) -> bool:
        return self.reason in HARD_REASONS and not self.temporary


def E(key, provider, domain, stage, code, text, reason, status_fallback=""):  # noqa: N802 - table row
    lines = tuple(text) if isinstance(text, (list, tuple)) else (text,)
    return Entry(key, provider, domain, stage, code, lines, reason, status_fallback)


IP = CLIENT_IP
ENTRIES: list[Entry] = [
    # --- Gmail (Google's "SMTP errors and codes" reference) ---
    E("gmail-550-5.1.1", "gmail", "gmail.example", "rcpt", 550, [
        "5.1.1 The mailbox you addressed does not exist here. Check the address for typos",
        "5.1.1 or unneeded spaces and try again. See the Gmail help pages on error 5.1.1."], "userunknown"),
    E("gmail-550-5.2.1", "gmail", "gmail.example", "rcpt", 550, [
        "5.2.1 The account you tried to reach is disabled. See the Gmail help pages."], "suspend"),
    E("gmail-552-5.2.2", "gmail", "gmail.example", "rcpt", 552, [
        "5.2.2 The recipient's inbox has run out of storage space and cannot take new mail",
        "5.2.2 at the moment. See the Gmail help pages on a full mailbox."], "mailboxfull"),
    E("gmail-452-4.2.2", "gmail", "gmail.example", "rcpt", 452, [
        "4.2.2 The recipient's inbox is out of storage space. Please try again later."], "mailboxfull"),
    E("gmail-450-4.2.1", "gmail", "gmail.example", "rcpt", 450, [
        "4.2.1 The user you are writing to is receiving mail at a rate that prevents",
        "4.2.1 additional messages from being delivered. Please resend your message later."], "speeding"),
    E("gmail-550-5.7.26-dmarc", "gmail", "gmail.example", "data", 550, [
        "5.7.26 Unauthenticated mail from lindqvist-outdoor.example is refused because of the",
        "5.7.26 sender domain's DMARC policy. Ask the domain owner to fix its DMARC setup."], "authfailure"),
    E("gmail-550-5.7.26-auth", "gmail", "gmail.example", "data", 550, [
        "5.7.26 This message was blocked: the sender is unauthenticated. Gmail requires every",
        "5.7.26 sender to authenticate with SPF or DKIM; this message passed neither."], "authfailure"),
    E("gmail-550-5.7.1-spam", "gmail", "gmail.example", "data", 550, [
        "5.7.1 Our system has judged this message very likely to be unsolicited mail. To reduce",
        "5.7.1 spam it has been blocked. See the Gmail bulk sender guidelines."], "spamdetected"),
    E("gmail-550-5.7.1-relay", "gmail", "gmail.example", "rcpt", 550, [
        f"5.7.1 The IP address {IP} you are sending from may not send mail directly to our",
        "5.7.1 servers. Use the SMTP relay of your service provider instead."], "blocked"),
    E("gmail-550-5.7.25", "gmail", "gmail.example", "rcpt", 550, [
        f"5.7.25 The sending IP {IP} has no PTR (reverse DNS) record, or the record does not",
        "5.7.25 match. Set up reverse DNS for your sending IP before mailing Gmail."], "requireptr"),
    E("gmail-552-5.3.4", "gmail", "gmail.example", "data", 552, [
        "5.3.4 Your message exceeded Google's message size limits. See the Gmail help pages",
        "5.3.4 on sending limits."], "mesgtoobig"),
    E("gmail-421-4.7.0", "gmail", "googlemail.example", "rcpt", 421, [
        f"4.7.0 This message comes from an IP address ({IP}) that sent suspicious traffic;",
        "4.7.0 to protect our users, mail from it is temporarily rate limited."], "badreputation"),
    # --- Microsoft 365 / Outlook.com (Exchange Online NDR codes) ---
    E("microsoft-550-5.1.10", "microsoft", "outlook.example", "rcpt", 550, [
        "5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"], "userunknown"),
    E("microsoft-550-5.4.1", "microsoft", "outlook.example", "rcpt", 550, [
        "5.4.1 Recipient address rejected: Access denied. AS(201806281) [DBEB directory lookup]"],
        "userunknown"),
    E("microsoft-550-5.7.708", "microsoft", "outlook.example", "rcpt", 550, [
        f"5.7.708 Service unavailable. Access denied, traffic not accepted from this IP {IP}"], "blocked"),
    E("microsoft-550-5.7.750", "microsoft", "outlook.example", "rcpt", 550, [
        "5.7.750 Service unavailable. Client blocked from sending from unregistered domains"], "blocked"),
    E("microsoft-550-5.7.1-s3150", "microsoft", "outlook.example", "rcpt", 550, [
        f"5.7.1 Unfortunately, messages from [{IP}] weren't sent. Please contact your Internet",
        "service provider since part of their network is on our block list (S3150)."], "blocked"),
    E("microsoft-550-5.7.509", "microsoft", "outlook.example", "data", 550, [
        "5.7.509 Access denied, sending domain lindqvist-outdoor.example does not pass DMARC",
        "verification and has a DMARC policy of reject."], "authfailure"),
    E("microsoft-550-5.7.515", "microsoft", "outlook.example", "data", 550, [
        "5.7.515 Access denied, sending domain does not meet the required authentication",
        "level (SPF, DKIM and DMARC must pass for high-volume senders)."], "authfailure"),
    E("microsoft-550-5.7.606", "microsoft", "outlook.example", "rcpt", 550, [
        f"5.7.606 Access denied, banned sending IP [{IP}]. To request removal from this list",
        "use the Office 365 anti-spam IP delist portal."], "blocked"),
    E("microsoft-550-5.2.2", "microsoft", "outlook.example", "data", 550, [
        "5.2.2 STOREDRV.Deliver; mailbox full. The recipient's mailbox is over its quota."],
        "mailboxfull"),
    E("microsoft-550-5.2.1", "microsoft", "outlook.example", "rcpt", 550, [
        "5.2.1 STOREDRV.Deliver; mailbox disabled, the recipient's account is not active"], "suspend"),
    E("microsoft-552-5.3.4", "microsoft", "outlook.example", "data", 552, [
        "5.3.4 Message size exceeds fixed maximum message size"], "mesgtoobig"),
    E("microsoft-554-5.6.211", "microsoft", "outlook.example", "data", 554, [
        "5.6.211 Invalid MIME content: a header or body part is malformed (line too long)"],
        "contenterror"),
    E("microsoft-451-4.7.650", "microsoft", "hotmail.example", "rcpt", 451, [
        f"4.7.650 The mail server [{IP}] has been temporarily rate limited due to IP reputation."],
        "badreputation"),
    # --- Yahoo / AOL (Yahoo Sender Hub error codes) ---
    E("yahoo-421-4.7.0-tss04", "yahoo", "ymail.example", "rcpt", 421, [
        f"4.7.0 [TSS04] Messages from {IP} temporarily deferred due to unexpected volume or",
        "user complaints - see the Yahoo sender hub."], "badreputation"),
    E("yahoo-421-4.7.0-tss09", "yahoo", "rocketmail.example", "rcpt", 421, [
        f"4.7.0 [TSS09] All messages from {IP} will be permanently deferred; retrying will NOT",
        "succeed. See the Yahoo sender hub."], "blocked"),
    E("yahoo-554-userunknown", "yahoo", "yahoo.example", "rcpt", 554, [
        "delivery error: dd This user doesn't have a yahoo.example account - mta1021.mail.yahoo.example"],
        "userunknown", "5.0.0"),
    E("yahoo-554-disabled", "yahoo", "yahoo.example", "rcpt", 554, [
        "delivery error: dd Sorry your message cannot be delivered. This mailbox is disabled (554.30).",
        ], "suspend", "5.0.0"),
    E("yahoo-553-5.7.1-bl21", "yahoo", "yahoo.example", "rcpt", 553, [
        f"5.7.1 [BL21] Connections will not be accepted from {IP}, because the ip is in",
        "Spamhaus's list; see the Spamhaus lookup page."], "blocked"),
    E("yahoo-553-5.7.1-bl23", "yahoo", "yahoo.example", "rcpt", 553, [
        f"5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; {IP} is listed"],
        "blocked"),
    E("yahoo-554-5.7.9-policy", "yahoo", "yahoo.example", "data", 554, [
        "5.7.9 Message not accepted for policy reasons. See the Yahoo sender hub error codes."],
        "policyviolation"),
    E("yahoo-550-5.7.9-auth", "yahoo", "yahoo.example", "data", 550, [
        "5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires",
        "all senders to authenticate with either SPF or DKIM."], "authfailure"),
    # --- Apple iCloud Mail (postmaster codes) ---
    E("apple-554-5.7.1-cs01", "apple", "icloud.example", "data", 554, [
        "5.7.1 [CS01] Message rejected due to local policy. Please visit the iCloud postmaster pages."],
        "policyviolation"),
    E("apple-550-5.7.1-hm08", "apple", "icloud.example", "data", 550, [
        "5.7.1 [HM08] Message rejected due to local policy. Please visit the iCloud postmaster pages."],
        "policyviolation"),
    E("apple-550-5.1.1", "apple", "icloud.example", "rcpt", 550, [
        "5.1.1 <{rcpt}>: user does not exist"], "userunknown"),
    E("apple-552-5.2.2", "apple", "icloud.example", "rcpt", 552, [
        "5.2.2 <{rcpt}>: user is over quota"], "mailboxfull"),
    # --- GMX / WEB.DE (1&1 postmaster) ---
    E("gmx-550-5.1.1", "gmx", "gmx.example", "rcpt", 550, [
        "5.1.1 Requested action not taken: mailbox unavailable"], "userunknown"),
    E("gmx-552-5.2.2", "gmx", "gmx.example", "rcpt", 552, [
        "5.2.2 Requested mail action aborted: exceeded storage allocation"], "mailboxfull"),
    E("gmx-554-5.7.1-blocklist", "gmx", "gmx.example", "rcpt", 554, [
        f"5.7.1 IP address {IP} is block listed. For an explanation see the GMX postmaster",
        f"page, case r0301, ip={IP}"], "blocked"),
    E("gmx-554-5.7.1-policy", "gmx", "gmx.example", "data", 554, [
        "5.7.1 Transaction failed. Reject due to policy restrictions. For an explanation see",
        "the GMX postmaster page, case p0201"], "policyviolation"),
    E("webde-550-5.2.1", "webde", "web-de.example", "rcpt", 550, [
        "5.2.1 Requested action not taken: mailbox disabled for inactivity"], "suspend"),
    E("webde-554-5.7.1-dmarc", "webde", "web-de.example", "data", 554, [
        "5.7.1 Reject due to DMARC policy of the sender domain: DMARC check failed (reject)"],
        "authfailure"),
    E("webde-421-4.7.0-rate", "webde", "webde-mail.example", "rcpt", 421, [
        f"4.7.0 Too many messages from {IP} in a short time. Slow down and try again later."],
        "speeding"),
    # --- T-Online (Telekom postmaster; block codes in brackets at the end) ---
    E("tonline-554-5.7.1-bl", "tonline", "t-online.example", "rcpt", 554, [
        f"5.7.1 IP={IP} - A problem occurred. (Ask your postmaster for help or to contact the",
        "T-Online postmaster to clarify.) (BL)"], "blocked"),
    E("tonline-554-5.7.1-rd", "tonline", "t-online.example", "rcpt", 554, [
        f"5.7.1 IP={IP} - No valid reverse DNS (PTR) for the sending host; see the T-Online",
        "postmaster FAQ. (RD)"], "requireptr"),
    E("tonline-550-5.1.1", "tonline", "t-online.example", "rcpt", 550, [
        "5.1.1 <{rcpt}>: Recipient address rejected: User unknown"], "userunknown"),
    E("tonline-552-5.2.2", "tonline", "t-online.example", "rcpt", 552, [
        "5.2.2 <{rcpt}>: Quota exceeded (mailbox for user is full)"], "mailboxfull"),
    E("tonline-421-4.7.0-conn", "tonline", "magenta-mail.example", "rcpt", 421, [
        f"4.7.0 IP={IP} - Too many connections from your IP. Please reduce the number of parallel",
        "connections. (CL)"], "toomanyconn"),
    # --- Zoho Mail ---
    E("zoho-550-5.1.1", "zoho", "zohomail.example", "rcpt", 550, [
        "5.1.1 User does not exist - <{rcpt}>"], "userunknown"),
    E("zoho-552-5.2.2", "zoho", "zohomail.example", "rcpt", 552, [
        "5.2.2 Mailbox size limit exceeded"], "mailboxfull"),
    E("zoho-554-5.7.7", "zoho", "zohomail.example", "data", 554, [
        "5.7.7 Email policy violation detected"], "policyviolation"),
    E("zoho-550-5.7.1-dmarc", "zoho", "zohomail.example", "data", 550, [
        "5.7.1 Email rejected per DMARC policy for lindqvist-outdoor.example"], "authfailure"),
    E("zoho-451-4.7.1-grey", "zoho", "zohomail.example", "rcpt", 451, [
        "4.7.1 Greylisted, please try again in 300 seconds"], "expired"),
    # --- Proofpoint-protected company ---
    E("proofpoint-550-5.7.1-ipcheck", "proofpoint", "harbor-logistics.example", "rcpt", 550, [
        f"5.7.1 Mail from {IP} refused - see the Proofpoint IP check page for {IP}"], "blocked"),
    E("proofpoint-550-5.7.1-spam", "proofpoint", "harbor-logistics.example", "data", 550, [
        "5.7.1 Message blocked due to spam content in the message."], "spamdetected"),
    E("proofpoint-550-5.7.1-virus", "proofpoint", "harbor-logistics.example", "data", 550, [
        "5.7.1 Message rejected: the message contains a virus (Win.Trojan.Agent-1234567)"],
        "virusdetected"),
    E("proofpoint-550-5.1.1", "proofpoint", "harbor-logistics.example", "rcpt", 550, [
        "5.1.1 User Unknown"], "userunknown"),
    # --- Mimecast-protected company (Mimecast replies carry no enhanced code) ---
    E("mimecast-550-invalid", "mimecast", "cedar-legal.example", "rcpt", 550, [
        "Invalid Recipient - see the Mimecast knowledge base on 550 rejections"], "userunknown", "5.0.0"),
    E("mimecast-550-envelope", "mimecast", "cedar-legal.example", "rcpt", 550, [
        "Administrative prohibition - envelope blocked - see the Mimecast knowledge base"],
        "rejected", "5.0.0"),
    E("mimecast-550-antispoof", "mimecast", "cedar-legal.example", "data", 550, [
        "Rejected by header based Anti-Spoofing policy: newsletter@lindqvist-outdoor.example"],
        "authfailure", "5.0.0"),
    E("mimecast-554-security", "mimecast", "cedar-legal.example", "data", 554, [
        "Email rejected due to security policies - see the Mimecast knowledge base"],
        "policyviolation", "5.0.0"),
    E("mimecast-451-resources", "mimecast", "cedar-legal.example", "rcpt", 451, [
        "4.3.0 Internal resources are temporarily unavailable - please try again later"],
        "systemerror"),
    E("mimecast-421-conn", "mimecast", "cedar-legal-mail.example", "rcpt", 421, [
        "4.7.0 Concurrent connection limit exceeded for your IP - too many connections"],
        "toomanyconn"),
    # --- Barracuda gateway / Barracuda Reputation Block List ---
    E("barracuda-554-5.7.1-brbl", "barracuda", "kiln-ceramics.example", "rcpt", 554, [
        f"5.7.1 Service unavailable; Client host [{IP}] blocked using Barracuda Reputation;",
        f"see the Barracuda reputation lookup for {IP}"], "blocked"),
    E("barracuda-550-5.7.1-spam", "barracuda", "kiln-ceramics.example", "data", 550, [
        "5.7.1 Message rejected by the spam filter: spam score 9.7 exceeds the block level"],
        "spamdetected"),
    E("barracuda-550-5.7.1-intent", "barracuda", "kiln-ceramics.example", "data", 550, [
        "5.7.1 Message content rejected: URL in body points to a known phishing site (intent analysis)"],
        "spamdetected"),
    # --- DNSBL rejections at a small ISP ---
    E("dnsbl-554-zen", "dnsbl", "riverbend-isp.example", "rcpt", 554, [
        f"5.7.1 Service unavailable; Client host [{IP}] blocked using zen.spamhaus.org;",
        f"see the Spamhaus lookup page for {IP}"], "blocked"),
    E("dnsbl-554-sbl", "dnsbl", "riverbend-isp.example", "rcpt", 554, [
        f"5.7.1 Service unavailable; Client host [{IP}] blocked using sbl.spamhaus.org"], "blocked"),
    E("dnsbl-554-xbl", "dnsbl", "riverbend-isp.example", "rcpt", 554, [
        f"5.7.1 Service unavailable; Client host [{IP}] blocked using xbl.spamhaus.org"], "blocked"),
    E("dnsbl-554-pbl", "dnsbl", "riverbend-isp.example", "rcpt", 554, [
        f"5.7.1 Service unavailable; Client host [{IP}] blocked using pbl.spamhaus.org;",
        "the address is in a range that should not send mail directly"], "blocked"),
    E("dnsbl-554-spamcop", "dnsbl", "riverbend-isp.example", "rcpt", 554, [
        f"5.7.1 Service unavailable; Client host [{IP}] blocked using bl.spamcop.net"], "blocked"),
    E("dnsbl-550-uceprotect", "dnsbl", "riverbend-isp.example", "rcpt", 550, [
        f"5.7.1 Rejected: IP {IP} listed by dnsbl-1.uceprotect.net (UCEPROTECT-Level1)"], "blocked"),
    # --- A small business mail server (Postfix-like replies) ---
    E("smallbiz-550-5.1.1", "smallbiz", "smallbiz-mail.example", "rcpt", 550, [
        "5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"],
        "userunknown"),
    E("smallbiz-550-5.1.6", "smallbiz", "smallbiz-mail.example", "rcpt", 550, [
        "5.1.6 <{rcpt}>: Recipient address rejected: mailbox has moved, no forwarding address"],
        "hasmoved"),
    E("smallbiz-556-5.1.10", "smallbiz", "smallbiz-mail.example", "rcpt", 556, [
        "5.1.10 <{rcpt}>: Recipient domain has a null MX and accepts no mail"], "notaccept"),
    E("smallbiz-550-5.2.1", "smallbiz", "smallbiz-mail.example", "rcpt", 550, [
        "5.2.1 <{rcpt}>: Recipient address rejected: account disabled"], "suspend"),
    E("smallbiz-552-5.2.3", "smallbiz", "smallbiz-mail.example", "data", 552, [
        "5.2.3 Message length exceeds the recipient's administrative limit"], "exceedlimit"),
    E("smallbiz-452-4.3.1", "smallbiz", "smallbiz-mail.example", "rcpt", 452, [
        "4.3.1 Insufficient system storage"], "systemfull"),
    E("smallbiz-554-5.7.1-relay", "smallbiz", "smallbiz-mail.example", "rcpt", 554, [
        "5.7.1 <{rcpt}>: Relay access denied"], "norelaying"),
    E("smallbiz-530-5.7.0-tls", "smallbiz", "smallbiz-mail.example", "rcpt", 530, [
        "5.7.0 Must issue a STARTTLS command first"], "securityerror"),
    E("smallbiz-550-5.7.23-spf", "smallbiz", "smallbiz-mail.example", "data", 550, [
        f"5.7.23 SPF validation failed: {IP} is not allowed to send for lindqvist-outdoor.example"],
        "authfailure"),
    E("smallbiz-550-5.7.20-dkim", "smallbiz", "smallbiz-mail.example", "data", 550, [
        "5.7.20 No passing DKIM signature found for the author domain"], "authfailure"),
    E("smallbiz-550-5.7.1-sender", "smallbiz", "smallbiz-mail.example", "rcpt", 550, [
        "5.7.1 <newsletter@sender>: Sender address rejected: Access denied"], "rejected"),
    E("smallbiz-554-5.7.0-virus", "smallbiz", "smallbiz-mail.example", "data", 554, [
        "5.7.0 Message rejected: virus found (Eicar-Signature)"], "virusdetected"),
    E("smallbiz-554-5.6.0-header", "smallbiz", "smallbiz-mail.example", "data", 554, [
        "5.6.0 Message header rejected: malformed MIME structure"], "contenterror"),
    E("smallbiz-554-5.7.1-filter", "smallbiz", "smallbiz-mail.example", "data", 554, [
        "5.7.1 Message refused by the recipient's mail filter rules"], "filtered"),
    E("smallbiz-450-4.7.1-grey", "smallbiz", "smallbiz-mail.example", "rcpt", 450, [
        "4.7.1 <{rcpt}>: Recipient address rejected: Greylisted, please try again in a few minutes"],
        "expired"),
    E("smallbiz-450-4.7.1-rate", "smallbiz", "smallbiz-mail.example", "rcpt", 450, [
        "4.7.1 <{rcpt}>: Recipient address rejected: sending rate limit exceeded, slow down"],
        "speeding"),
    E("smallbiz-451-4.3.0", "smallbiz", "smallbiz-mail.example", "rcpt", 451, [
        "4.3.0 <{rcpt}>: Temporary lookup failure in the local database, try again later"],
        "systemerror"),
]


def domains() -> list[str]:
    """Every recipient domain, in table order; each gets its own port."""
    seen: dict[str, None] = {}
    for e in ENTRIES:
        seen.setdefault(e.domain, None)
    return list(seen)


TABLE_SENDER_DOMAIN = "lindqvist-outdoor.example"


def reply_lines(entry: Entry, rcpt: str, sender: str) -> list[str]:
    """The reply as sent: the recipient and the real sender filled in."""
    domain = sender.rpartition("@")[2]
    return [ln.replace("{rcpt}", rcpt).replace("newsletter@sender", sender)
            .replace("newsletter@" + TABLE_SENDER_DOMAIN, sender).replace(TABLE_SENDER_DOMAIN, domain)
            for ln in entry.lines]
