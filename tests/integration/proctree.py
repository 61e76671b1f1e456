"""Processes by parent, read from Linux /proc: for finding parse workers (tests) and summing the
memory of a process and its workers (benchmarks)."""

from __future__ import annotations

import os


def process_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, resident bytes) of every process readable now."""
    page = os.sysconf("SC_PAGE_SIZE")
    table = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        table[int(pid)] = (int(fields[1]), int(fields[21]) * page)
    return table


def children(pid: int, table: dict[int, tuple[int, int]] | None = None) -> list[int]:
    """The direct children of `pid`."""
    table = process_table() if table is None else table
    return [p for p, (parent, _) in table.items() if parent == pid]


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, MB."""
    table = process_table()
    tree, frontier = {root}, [root]
    while frontier:
        kids = [c for c in children(frontier.pop(), table) if c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(table[p][1] for p in tree if p in table) / 1e6
