"""What the scale benchmarks of the pages share: the best of a few timed runs, and opening a real
page on a generated store until its rows are painted (cold, then warm)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path


def best_ms(fn: Callable[[], object], runs: int = 5) -> float:
    """The fastest of `runs` calls of `fn`, in milliseconds (warm caches, least disturbed run)."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


def page_open_ms(db_path: Path, now: int, view_cls, controller_cls, loaded: str, title: str,
                 describe: Callable[[object], str], goal_ms: float) -> list[tuple[str, float, float]]:  # fmt: skip
    """The real page (offscreen): from `reload()` until the controller's `loaded` signal and a paint,
    twice — "<title>, cold" and "<title>, warm" — each row (what (describe(page)), ms, goal)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bouncedesk.ui.context import AppContext

    app = QApplication.instance() or QApplication([])
    ctx = AppContext.open(db_path.parent, clock=lambda: now)
    view = view_cls()
    view.resize(1100, 760)
    view.show()
    page = controller_cls(ctx, view)
    rows = []
    done: list[int] = []
    getattr(page, loaded).connect(lambda *_a: done.append(1))
    try:
        for what in (f"{title}, cold", f"{title}, warm"):
            done.clear()
            t0 = time.perf_counter()
            page.reload()
            while not done:
                app.processEvents()
                ctx.pool.waitForDone(1)
            view.repaint()
            rows.append((f"{what} ({describe(page)})", (time.perf_counter() - t0) * 1000, goal_ms))
    finally:
        ctx.pool.waitForDone()
        view.close()
        ctx.close()
    return rows


def run_alone(measure: Callable[[Path, int], list[tuple[str, float, float]]], description: str) -> int:
    """A scale module run by itself: its rows on a cached gui_scale store of `--results` results."""
    import argparse
    import tempfile

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--results", type=int, default=100_000)
    args = ap.parse_args()
    import gui_scale  # benchmarks/ is on the path when run as a script

    folder = gui_scale.store_for(args.results, max(1, args.results // 5))  # runs populate() once, cached
    with tempfile.TemporaryDirectory() as tmp:
        data = gui_scale.fresh_copy(folder, Path(tmp) / "data")
        for what, ms, goal in measure(data / "bouncedesk.sqlite3", gui_scale.NOW):
            print(f"{what:66s} {ms:8.1f} ms  (goal <= {goal:.0f} ms){'' if ms <= goal else '  OVER'}")
    return 0
