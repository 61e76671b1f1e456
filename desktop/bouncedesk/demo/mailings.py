"""The demo's Sent folder as mailings: the plan only simulates recipients that caused a report, so
each mailing also gets the quiet recipients whose mailbox simply took it — one newsletter message
to the issue's readers (with the list's List-Id), the café's monthly letter, and the invoices sent
one by one on the 1st and the 15th. Their numbers follow demo.sentvolume, so per mailing the
rates are realistic; the spammy newsletter issue went to a small bought-in segment and passes 5 %.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime

from bouncedesk.demo.model import Sent
from bouncedesk.demo.sentvolume import CAFE_FIRST_FRIDAY, INVOICES, NEWSLETTER_TUESDAY
from bouncedesk.demo.world import DAY, HOUR, SPAN_DAYS, Plan
from bouncedesk.dsn.sentmail import SentHeader

NEWSLETTER_LIST = "list:weekly.news.brightwater.example.com"
FLASH_SALE_CAMPAIGN = "campaign:flash-sale-70"
SPAM_ISSUE_READERS = 300  # the bought-in segment the spammy issue went to
INVOICE_SUBJECT = "Statement of account"
INVOICE_SENDER = "billing@brightwater.example.com"
_QUIET_DOMAINS = ("example.com", "example.net", "example.org", "mail.example.net", "post.example.org")


def _list_key(channel: str, subject: str) -> str:
    """Newsletters carry the List-Id; the spammy flash sale went out as a campaign of its own."""
    if channel != "newsletter":
        return ""
    return FLASH_SALE_CAMPAIGN if "!!!" in subject else NEWSLETTER_LIST


def sent_header(s: Sent) -> SentHeader:
    """A sent message of the plan as the Sent folder shows it."""
    return SentHeader(
        s.message_id, s.at, s.subject, s.from_addr, (s.to_addr,), list_key=_list_key(s.channel.key, s.subject)
    )


def _quiet(kind: str, day: int, n: int) -> tuple[str, ...]:
    return tuple(
        f"{kind}{day % 1000:03d}.{i:04d}@{_QUIET_DOMAINS[i % len(_QUIET_DOMAINS)]}" for i in range(n)
    )


def quiet_headers(plan: Plan) -> list[SentHeader]:
    """The messages to quiet recipients, one per newsletter issue and café letter, one per invoice."""
    out: list[SentHeader] = []
    # The day an issue went out: its subject's day with most of the plan's sends (later ones are
    # single re-sends to people the plan simulates).
    days: dict[tuple[str, str, str], Counter[int]] = defaultdict(Counter)
    first: dict[tuple[str, str, str, int], int] = {}
    for s in plan.sent:
        if s.channel.key == "newsletter" or (s.channel.key == "cafe" and "what's on" in s.subject):
            k = (s.channel.key, s.subject, s.from_addr)
            days[k][s.at // DAY] += 1
            first[(*k, s.at // DAY)] = min(first.get((*k, s.at // DAY), s.at), s.at)
    issues = sorted((first[(*k, c.most_common(1)[0][0])], k) for k, c in days.items())
    for at, (channel, subject, sender) in issues:
        day = at // DAY
        if channel == "newsletter":
            n = SPAM_ISSUE_READERS if "!!!" in subject else NEWSLETTER_TUESDAY
        else:
            n = CAFE_FIRST_FRIDAY
        domain = sender.rpartition("@")[2]
        out.append(SentHeader(f"<issue.{day}.{channel}@{domain}>", at + 1, subject, sender, _quiet(channel, day, n),
                              list_key=_list_key(channel, subject)))  # fmt: skip
    start = plan.now - SPAN_DAYS * DAY
    for day in range(start // DAY + 1, plan.now // DAY):
        date = datetime.fromtimestamp(day * DAY, UTC)
        subject = f"{INVOICE_SUBJECT} {date:%B %Y}"  # as the plan's statements of the month
        for i, email in enumerate(_quiet("invoice", day, INVOICES.get(date.day, 0))):
            at = day * DAY + 8 * HOUR + 40 * i  # one by one from 08:00 UTC
            out.append(
                SentHeader(f"<inv.{day}.{i}@brightwater.example.com>", at, subject, INVOICE_SENDER, (email,))
            )
    return out


def sent_stream(plan: Plan) -> list[tuple[int, SentHeader]]:
    """Everything the demo's Sent folder holds, in time order: (sent at, header)."""
    items = [(s.at, sent_header(s)) for s in plan.sent]
    items += [(h.sent_at or 0, h) for h in quiet_headers(plan)]
    return sorted(items, key=lambda item: item[0])  # stable: the same moment keeps its order
