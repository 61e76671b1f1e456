"""The packaging checks themselves: the screenshot judge and the bundle inspector must catch what they
are there to catch (a blank view, a test folder, a key, a missing resource, an undeclared library)."""

from __future__ import annotations

import importlib.util
import random
import struct
import sys
import zlib
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


smoke = _load("smoke_test")
check = _load("check_bundle")


def write_png(path: Path, pixels: list[list[tuple[int, int, int]]], filters: tuple[int, ...] = (0,)) -> None:
    """An 8-bit RGB PNG, each row encoded with one of `filters` (so the reader's unfiltering is exercised)."""
    height, width = len(pixels), len(pixels[0])
    raw, prev = bytearray(), bytes(width * 3)
    for y, row in enumerate(pixels):
        line = bytes(c for px in row for c in px)
        f = filters[y % len(filters)]
        out = bytearray()
        for i, v in enumerate(line):
            a = line[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            if f == 0:
                pred = 0
            elif f == 1:
                pred = a
            elif f == 2:
                pred = b
            elif f == 3:
                pred = (a + b) // 2
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
            out.append((v - pred) & 0xFF)
        raw += bytes([f]) + out
        prev = line

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(bytes(raw)))
                     + chunk(b"IEND", b""))  # fmt: skip


def test_png_reader_undoes_every_filter(tmp_path):
    rng = random.Random(7)
    pixels = [[(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(9)] for _ in range(10)]
    png = tmp_path / "f.png"
    write_png(png, pixels, filters=(0, 1, 2, 3, 4))
    width, height, rows = smoke.read_png(png)
    assert (width, height) == (9, 10)
    assert rows == [bytes(c for px in row for c in px) for row in pixels]


def test_flat_screenshot_is_blank_and_a_busy_one_is_not(tmp_path):
    flat = tmp_path / "flat.png"
    write_png(flat, [[(240, 240, 240)] * 320 for _ in range(200)])
    ok, desc = smoke.judge(flat)
    assert not ok and "1 colours" in desc

    rng = random.Random(1)
    busy = tmp_path / "busy.png"
    write_png(busy, [[(rng.randrange(256),) * 3 for _ in range(320)] for _ in range(200)], filters=(1, 2, 4))
    assert smoke.judge(busy)[0]


def test_smoke_test_fails_when_the_app_draws_nothing(tmp_path, capsys):
    fake = tmp_path / "fake_app.py"
    fake.write_text(
        "import sys, pathlib\n"
        "d = pathlib.Path(sys.argv[sys.argv.index('--screenshots') + 1])\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_packaging_checks import write_png\n"
        "for n in range(3):\n"
        "    write_png(d / f'v{n}.png', [[(250, 250, 250)] * 300 for _ in range(200)])\n"
        "sys.exit(0)\n"
    )
    rc = smoke.main([sys.executable, str(fake), "--shots", str(tmp_path / "shots")])
    out = capsys.readouterr().out
    assert rc == 1
    assert "self-test exited" not in out  # the app itself succeeded ...
    assert "v0.png looks blank" in out and "identical" in out  # ... but drew nothing


def test_smoke_test_fails_when_the_app_exits_nonzero(tmp_path, capsys):
    fake = tmp_path / "failing_app.py"
    fake.write_text("import sys\nprint('FAIL a step')\nsys.exit(3)\n")
    assert smoke.main([sys.executable, str(fake), "--shots", str(tmp_path / "shots")]) == 1
    out = capsys.readouterr().out
    assert "self-test exited 3" in out and "0 screenshots" in out


def _bundle(tmp_path: Path) -> Path:
    root = tmp_path / "bouncedesk"
    internal = root / "_internal" / "resources"
    for rel in check.REQUIRED:
        f = root / "_internal" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x")
    (internal / "demo").mkdir()
    (root / "bouncedesk").write_text("#!/bin/sh\n")
    return root


def test_clean_bundle_passes(tmp_path):
    assert check.content_problems(_bundle(tmp_path)) == []


@pytest.mark.parametrize(
    ("rel", "text", "expect"),
    [
        ("_internal/tests/test_x.py", "", "tests"),
        ("_internal/pkg/conftest.py", "", "test file"),
        ("_internal/.venv/bin/python", "", ".venv"),
        ("_internal/resources/id_ed25519", "", "possible secret"),
        ("_internal/resources/demo/bouncedesk.sqlite3", "", "possible secret"),
        ("_internal/notes.txt", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n", "private key"),
    ],
)
def test_bundle_check_catches(tmp_path, rel, text, expect):
    root = _bundle(tmp_path)
    f = root / rel
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(text)
    problems = check.content_problems(root)
    assert any(expect in p for p in problems), problems


def test_binary_with_pem_marker_literal_is_not_a_secret(tmp_path):
    root = _bundle(tmp_path)
    (root / "_internal" / "libtls.so").write_bytes(b"\x7fELF\0\0-----BEGIN PRIVATE KEY-----\0")
    assert check.content_problems(root) == []


def test_missing_resource_is_reported(tmp_path):
    root = _bundle(tmp_path)
    (root / "_internal" / "resources" / "translations" / "bouncedesk_de.qm").unlink()
    assert any("bouncedesk_de.qm" in p for p in check.content_problems(root))


@pytest.mark.parametrize(
    ("soname", "package"),
    [("libxcb-icccm.so.4", "libxcb-icccm4"), ("libwayland-egl.so.1", "libwayland-egl1"),
     ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libEGL.so.1", "libegl1")],
)  # fmt: skip
def test_debian_package_names_from_sonames(soname, package):
    assert check.debian_name(soname) == package
