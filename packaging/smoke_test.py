"""Run a frozen or installed BounceDesk with `--self-test --screenshots DIR` and check what it drew.

    python packaging/smoke_test.py dist/bouncedesk/bouncedesk
    python packaging/smoke_test.py /tmp/root/opt/bouncedesk/bouncedesk --shots out/shots

Why: a bundle can start and still be broken (a missing Qt plugin draws nothing, a missing data
file leaves a view empty). The app's own self-test opens every view on demo data; here we make
sure it exited 0 and that every screenshot shows something: many colours and real variation, not
one flat fill, and no two views identical. Standard library only (its own small PNG reader), so
it runs on any CI runner and judges the screenshots without trusting the Qt that drew them.
The app runs offscreen with HOME and the XDG folders in a temp dir: nothing of the user is touched.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

MIN_SHOTS = 3          # the self-test writes one PNG per view; fewer means views were skipped
MIN_COLOURS = 16       # distinct colours in a sample of the image (a flat fill has 1)
MIN_STDEV = 8.0        # luminance spread (0..255); a blank window is ~0


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and raw rows (RGB or RGBA, 8 bit) of a non-interlaced PNG."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path.name}: not a PNG")
    pos, idat, head = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if head is None:
        raise ValueError(f"{path.name}: no IHDR")
    width, height, depth, colour, _, _, interlace = head
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path.name}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows if channels == 3 else [_rgb(r) for r in rows]


def _rgb(rgba: bytes) -> bytes:
    out = bytearray()
    for i in range(0, len(rgba), 4):
        out += rgba[i:i + 3]
    return bytes(out)


def judge(path: Path) -> tuple[bool, str]:
    """(not blank?, a one-line description) for one screenshot."""
    width, height, rows = read_png(path)
    step = max(1, (width * height) // 40000)  # ~40k sampled pixels
    lum, colours = [], set()
    k = 0
    for row in rows:
        for x in range(0, width * 3, 3):
            if k % step == 0:
                r, g, b = row[x], row[x + 1], row[x + 2]
                lum.append(0.299 * r + 0.587 * g + 0.114 * b)
                colours.add((r, g, b))
            k += 1
    spread = statistics.pstdev(lum) if len(lum) > 1 else 0.0
    ok = width >= 200 and height >= 150 and len(colours) >= MIN_COLOURS and spread >= MIN_STDEV
    return ok, f"{width}x{height}, {len(colours)} colours, luminance stdev {spread:.1f}"


def run_app(app: list[str], shots: Path, timeout: float) -> tuple[int, str, float]:
    """Run the self-test offscreen in a throwaway home; (exit status, output, seconds)."""
    home = Path(tempfile.mkdtemp(prefix="bouncedesk-smoke-home-"))
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData"),
               LOCALAPPDATA=str(home / "LocalAppData"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_STATE_HOME=str(home / ".local/state"), BOUNCEDESK_HOME=str(home / "bouncedesk"))  # fmt: skip
    for var in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):  # the bundle must not lean on a dev tree
        env.pop(var, None)
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([*app, "--self-test", "--screenshots", str(shots)], env=env, cwd=home,
                              capture_output=True, text=True, timeout=timeout)  # fmt: skip
        code, out = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, out = -1, f"timed out after {timeout:.0f} s\n{exc.stdout or ''}{exc.stderr or ''}"
    return code, out, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("app", nargs="+", help="the program to run (e.g. dist/bouncedesk/bouncedesk)")
    ap.add_argument("--shots", type=Path, help="keep the screenshots here (default: a temp dir)")
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args(argv)

    shots = args.shots or Path(tempfile.mkdtemp(prefix="bouncedesk-shots-"))
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()
    code, out, secs = run_app(args.app, shots, args.timeout)
    sys.stdout.write(out if out.endswith("\n") or not out else out + "\n")
    problems = []
    if code != 0:
        problems.append(f"self-test exited {code}")
    pngs = sorted(shots.glob("*.png"))
    if len(pngs) < MIN_SHOTS:
        problems.append(f"{len(pngs)} screenshots in {shots} (expected at least {MIN_SHOTS})")
    digests: dict[str, str] = {}
    for png in pngs:
        try:
            ok, desc = judge(png)
        except ValueError as exc:
            ok, desc = False, str(exc)
        print(f"{'ok  ' if ok else 'BLANK'} {png.name}: {desc}")
        if not ok:
            problems.append(f"{png.name} looks blank ({desc})")
        digest = hashlib.sha256(png.read_bytes()).hexdigest()
        if digest in digests:
            problems.append(f"{png.name} is identical to {digests[digest]}")
        digests[digest] = png.name
    print(f"smoke test: {len(pngs)} screenshots in {shots}, self-test took {secs:.1f} s")
    for p in problems:
        print(f"FAIL {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
