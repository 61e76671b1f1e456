"""How much mail the demo's shop sent per day: what its Sent folder would count (the bounce rate).

The plan simulates only recipients that caused a report; most mail goes to people whose mailbox
simply takes it. Their volume follows the channels' schedules: the shop every day (less at the
weekend), office and studio on weekdays, the newsletter on Tuesdays, invoices on the 1st and
15th, the café's letter on the first Friday. A private random stream (from the seed) adds some
day-to-day spread without touching the plan's own stream, so the messages stay as they were.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

DAY = 86400

# Messages to quiet recipients per day: (weekday, weekend) per channel.
DAILY = {"shop": (200, 140), "office": (70, 4), "studio": (30, 0)}
NEWSLETTER_TUESDAY = 900
INVOICES = {1: 250, 15: 90}  # day of the month -> invoices to quiet recipients
CAFE_FIRST_FRIDAY = 150


def _base(day: int) -> int:
    d = datetime.fromtimestamp(day * DAY, UTC)
    weekend = d.weekday() >= 5
    n = sum(v[1] if weekend else v[0] for v in DAILY.values())
    if d.weekday() == 1:
        n += NEWSLETTER_TUESDAY
    n += INVOICES.get(d.day, 0)
    if d.weekday() == 4 and d.day <= 7:
        n += CAFE_FIRST_FRIDAY
    return n


def sent_per_day(start: int, now: int, planned: Iterable[int], seed: int) -> dict[int, int]:
    """{UTC day number: messages sent} between `start` and `now`: the planned sends plus the quiet ones.

    The first and the last (current) day count only their part inside the window.
    """
    out: Counter[int] = Counter(t // DAY for t in planned if start <= t <= now)
    rng = random.Random(seed * 1_000_003 + 20_240_901)
    for day in range(start // DAY, now // DAY + 1):
        covered = (min(now, (day + 1) * DAY) - max(start, day * DAY)) / DAY
        quiet = round(_base(day) * rng.uniform(0.85, 1.15) * covered)
        if quiet or out[day]:
            out[day] += quiet
    return {d: n for d, n in sorted(out.items()) if n}
