"""A per-message time budget for the parser, checked cooperatively.

Python cannot interrupt a running regular expression, so the budget does not preempt anything:
the scanners are linear in their input (capped as well), and their loops call `check()` between
steps. A message whose parse runs past its deadline raises `OverBudget`, and is stored as
unparseable with the reason (kept for `bouncedesk reparse`) instead of holding up the import.
The deadline is per thread (a context variable), so parsers on different threads never share it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("parse_deadline", default=None)


class OverBudget(Exception):
    """The message took longer to parse than its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(over_budget_reason(seconds))
        self.seconds = seconds


def over_budget_reason(seconds: float) -> str:
    return f"parsing took longer than {seconds:g} s; kept for reparse"


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Within the block, `check()` raises `OverBudget` once `seconds` have passed (None: no limit)."""
    token = _deadline.set(None if seconds is None else (time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise `OverBudget` when the current message's deadline has passed; cheap enough for any loop."""
    limit = _deadline.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise OverBudget(limit[1])
