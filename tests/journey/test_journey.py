"""The real app in a real X server (Xvfb, no window manager), the way a user meets it.

`test_journey`: a fresh user (empty HOME and data folder) starts `bouncedesk`, picks the demo at
first start, opens each view (Mailings and Providers too), suppresses and undoes, retries, contacts,
looks at a recovered recipient, searches the server's words, checks a list, switches Settings to German
and the dark look, opens the account dialog on a 1366×768 screen and quits with Ctrl+Q typed on the
X server (tests/journey/driver.py drives it from inside the process). No Qt warning or Python error
may appear on stderr or in the app's log. Screenshots of the whole screen go to out/journey/ (CI
keeps them as artifacts; BOUNCEDESK_JOURNEY_OUT overrides the folder).
`test_self_test_on_xcb`: `--self-test` passes on the xcb platform without a window manager too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("BOUNCEDESK_JOURNEY_OUT") or ROOT / "out" / "journey")


def fresh_user_env(tmp_path: Path, display: str) -> dict[str, str]:
    home = tmp_path / "user"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QT_", "XDG_", "WAYLAND", "BOUNCEDESK_", "PYTHON_KEYRING"))}  # fmt: skip
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_STATE_HOME=str(home / ".local/state"), BOUNCEDESK_HOME=str(home / "data"),
               PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep))  # fmt: skip
    return env


def noise(stderr: str) -> list[str]:
    """Everything on stderr is a complaint: Qt's warnings (qt.qpa.*, QWidget::…), tracebacks."""
    return [line for line in stderr.splitlines() if line.strip()]


def test_journey(xserver, tmp_path):
    env = fresh_user_env(tmp_path, xserver)
    proc = subprocess.run([sys.executable, "-X", "faulthandler", str(ROOT / "tests/journey/driver.py"), str(OUT)],
                          env=env, capture_output=True, text=True, timeout=240)  # fmt: skip
    report = proc.stdout + "\n--- stderr ---\n" + proc.stderr[-4000:]
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0 and lines and lines[-1] == "journey passed", report
    assert not [x for x in lines if x.startswith("FAIL")], report
    for step in ("first start offers the demo", "demo opens in a real window", "suppress two, then undo",
                 "retry now, then undo", "contact dialog", "mailings view", "providers view",
                 "recovered recipient", "search the server's words", "check a list", "settings: German and dark",
                 "account dialog fits 1366×768", "Ctrl+Q typed on the X server quits"):  # fmt: skip
        assert any(x.startswith("ok   " + step) for x in lines), f"{step} missing\n{report}"
    assert not noise(proc.stderr), report
    logs = list((tmp_path / "user" / "data" / "logs").glob("*.log*"))
    assert logs, "the app wrote no log"
    bad = [x for f in logs for x in f.read_text().splitlines() if " WARNING " in x or " ERROR " in x or "Traceback" in x]
    assert not bad, "\n".join(bad)
    shots = sorted(OUT.glob("[0-9][0-9]-*.png"))
    assert len(shots) >= 12, shots
    for png in shots:
        img = QImage(str(png))
        assert img.width() == 1366 and img.height() == 768, png
        colours = {img.pixel(x, y) for x in range(0, 1366, 9) for y in range(0, 768, 9)}
        assert len(colours) > 8, f"{png.name} looks blank"


def test_self_test_on_xcb(xserver, tmp_path):
    env = fresh_user_env(tmp_path, xserver)
    proc = subprocess.run([sys.executable, "-m", "bouncedesk", "--self-test"], env=env,
                          capture_output=True, text=True, timeout=240)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert proc.stdout.splitlines()[-1] == "self-test passed"
    assert any(x.startswith("ok   pause by shortcut") for x in proc.stdout.splitlines())
    assert not noise(proc.stderr), proc.stderr[-3000:]
