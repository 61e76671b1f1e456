"""`bouncedesk --self-test --screenshots DIR` as CI and the packaging smoke test run it: a fresh
process, offscreen, on the demo data; exit 0, every step ok, one non-blank PNG per view."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

VIEWS = ("dashboard", "retries", "recipients", "bounces", "review", "suppressions", "mailings", "providers", "accounts",
         "log")  # fmt: skip
# Issue 14's features on the demo's own data: a correction, an imported Mailchimp list, a list check.
FEATURE_SHOTS = ("corrections", "settings-corrections", "suppressions-import", "list-check", "search",
                 "recovered")


def distinct_colours(path: Path, step: int = 7) -> int:
    img = QImage(str(path))
    assert not img.isNull(), path
    return len({img.pixel(x, y) for x in range(0, img.width(), step) for y in range(0, img.height(), step)})


def test_self_test_passes_and_writes_a_screenshot_per_view(tmp_path, qapp):
    shots = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BOUNCEDESK_HOME=str(tmp_path / "home"))
    proc = subprocess.run(
        [sys.executable, "-m", "bouncedesk", "--self-test", "--screenshots", str(shots)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert lines[-1] == "self-test passed"
    assert not [x for x in lines if x.startswith("FAIL")]
    for step in (
        "retry now, then undo",
        "suppress two, then undo",
        "pause by shortcut",
        "German translation",
        "correction preview",
        "settings corrections tab",
        "suppression import",
        "check a list",
        "search the server's words",
        "recovered recipient",
        "mailings view",
        "providers view",
    ):
        assert any(x.startswith("ok   " + step) for x in lines), step
    for view in (*VIEWS, *FEATURE_SHOTS):
        png = shots / f"{view}.png"
        assert png.exists(), view
        assert distinct_colours(png) > 8, f"{view}.png looks blank"
    assert not (tmp_path / "home").exists() or not any(
        (tmp_path / "home").iterdir()
    )  # the demo used a temp store
