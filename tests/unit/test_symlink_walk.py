"""A folder given to parse/import is walked once per real directory: symlink loops cost nothing."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from bouncedesk.cli.main import main
from bouncedesk.intake.sources import iter_paths
from tests import bounces

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX symlinks")


@pytest.fixture
def looped(tmp_path: Path) -> Path:
    d = tmp_path / "bounces"
    sub = d / "sub"
    sub.mkdir(parents=True)
    (sub / "one.eml").write_bytes(bounces.dsn("gone@example.com", "5.1.1"))
    os.symlink(".", d / "self-a")  # two links to the folder itself: 2^40 paths before ELOOP, unguarded
    os.symlink(".", d / "self-b")
    os.symlink("..", sub / "up")  # and one back up to the parent
    os.symlink("sub", d / "again")  # a second name for a real folder: still read once
    return d


def test_walk_reads_each_message_once_quickly(looped: Path) -> None:
    t = time.perf_counter()
    msgs = list(iter_paths([str(looped)]))
    assert time.perf_counter() - t < 2
    assert len(msgs) == 1 and msgs[0].path.endswith("one.eml")


def test_parse_and_import_over_a_looped_folder(capsys, looped: Path, data_dir: Path) -> None:
    t = time.perf_counter()
    assert main(["parse", "--json", str(looped)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["recipient"] for r in rows] == ["gone@example.com"]
    assert main(["import", "--json", str(looped)]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["messages"] == 1 and counts["new"] == 1
    assert time.perf_counter() - t < 10


def test_a_link_to_a_file_and_a_broken_link_are_harmless(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.eml").write_bytes(bounces.dsn("a@example.com", "5.1.1"))
    os.symlink("a.eml", d / "b.eml")
    os.symlink("missing", d / "c.eml")
    os.symlink("loop2", d / "loop1")
    os.symlink("loop1", d / "loop2")
    assert [Path(m.path).name for m in iter_paths([str(d)])] == ["a.eml", "b.eml"]
