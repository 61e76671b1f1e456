"""A real X server for the journey tests: Xvfb at 1366×768, no window manager, one per module."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

SCREEN = "1366x768x24"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "journey: runs the real app on a real X server (Xvfb); part of make test")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/journey/" in str(item.fspath):
            item.add_marker(pytest.mark.journey)


def _missing(tools: list[str]) -> None:
    what = f"{', '.join(tools)} not installed (make test installs them: apt-get install xvfb xdotool)"
    if os.environ.get("CI") == "true":
        pytest.fail(what)  # never skip in CI
    pytest.skip(what)


@pytest.fixture(scope="module")
def xserver() -> Iterator[str]:
    """The DISPLAY of a fresh Xvfb (it picks a free display number itself)."""
    missing = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
    if missing:
        _missing(missing)
    r, w = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", SCREEN, "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    os.close(w)
    try:
        with os.fdopen(r) as f:
            number = f.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        display = f":{number}"
        end = time.monotonic() + 20
        while subprocess.run(["xdotool", "getdisplaygeometry"], env=dict(os.environ, DISPLAY=display),
                             capture_output=True).returncode != 0:  # fmt: skip
            if time.monotonic() > end:
                raise RuntimeError("Xvfb does not answer")
            time.sleep(0.1)
        yield display
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
