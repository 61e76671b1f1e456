"""The one wall clock. Everything that depends on time takes `now` as a parameter; only the
outermost callers (the CLI, the GUI's context, a sync's default) read the clock, through this."""

from __future__ import annotations

import time


def wall_clock() -> int:
    """UTC epoch seconds. Tests and the self-test pass their own clock instead."""
    return int(time.time())
