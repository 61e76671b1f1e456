"""Write reports as real servers do: RFC 3464 DSNs (Postfix, Exim, Sendmail, Exchange/Office 365,
Gmail, Amazon SES), qmail/Exim/Exchange plain-text bounces, ARF complaints, auto-replies.

Every writer (`mta_unix`, `mta_hosted`, `reports`; shared pieces in `dsnparts`) takes a Report and
returns the message as LF text; `render` picks the writer and turns it into CRLF bytes. Ids and small
variations come from a per-message Random, so the same seed always gives the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bouncedesk.demo.mailtext import crlf
from bouncedesk.demo.model import Report
from bouncedesk.demo.mta_hosted import exchange, exchange_text, gmail, office365, ses
from bouncedesk.demo.mta_unix import exim, exim_text, postfix, qmail, sendmail
from bouncedesk.demo.reports import arf, autoreply

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
