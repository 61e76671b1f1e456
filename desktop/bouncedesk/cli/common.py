"""What the command groups share: tables on a terminal, the store and secrets a command works on,
a password read from the terminal. Every command module imports these from here, never from another
command module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def open_store_of(args: argparse.Namespace):
    """The store of `--data-dir` (or the default data folder)."""
    from bouncedesk.store import open_store

    return open_store(getattr(args, "data_dir", None))


def secrets_of(conn, args: argparse.Namespace, allow_plaintext: bool = False):
    """The secret store (OS keyring, or the chosen plain-text file) of the data folder."""
    from bouncedesk import config
    from bouncedesk.accounts.registry import open_secrets

    return open_secrets(conn, config.data_dir(getattr(args, "data_dir", None)), allow_plaintext)


def read_password(args: argparse.Namespace, name: str) -> str:
    """The account's password from standard input (`--password-stdin`) or the terminal."""
    from bouncedesk.errors import InputError

    if args.password_stdin:
        pw = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass

        pw = getpass.getpass(f"Password for {args.user} on {args.host}: ")
    else:
        raise InputError("give the password on standard input with --password-stdin")
    if not pw:
        raise InputError(f"no password given for account {name!r}")
    return pw


# --- tables -----------------------------------------------------------------------------------
# Every table the CLI prints goes through these: a cell is never cut silently (an address cut
# at its end looks like another address), and a stranger's text cannot move the cursor.

ELLIPSIS = "…"
MAX_CELL = 64  # widest a column grows; a longer cell loses its middle to "…" (--json stays whole)
_HIDDEN = {"Cc", "Cf", "Zl", "Zp"}  # controls, bidi overrides and line separators: shown as "�"


def shown(value: object) -> str:
    """A cell as one line of plain text; control and format characters become "�"."""
    import unicodedata

    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    return "".join(ch if ch == " " or unicodedata.category(ch) not in _HIDDEN else "\ufffd" for ch in text)


def _char_width(ch: str) -> int:
    import unicodedata

    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Terminal columns `text` takes (wide East Asian characters count two)."""
    return len(text) if text.isascii() else sum(_char_width(ch) for ch in text)


def pad(text: str, width: int, align: str = "<") -> str:
    """`text` padded with blanks to `width` columns (never cut: see `elide`)."""
    fill = " " * max(0, width - text_width(text))
    return fill + text if align == ">" else text + fill


def elide(text: str, width: int) -> str:
    """`text` in at most `width` columns. A longer one loses its middle to "…", so the cut is plain
    to see and an address keeps both its start and its domain."""
    if text_width(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    tail_room = (width - 1) // 2
    head_room = width - 1 - tail_room
    head, used = [], 0
    for ch in text:
        used += _char_width(ch)
        if used > head_room:
            break
        head.append(ch)
    tail, used = [], 0
    for ch in reversed(text):
        used += _char_width(ch)
        if used > tail_room:
            break
        tail.append(ch)
    return "".join(head) + ELLIPSIS + "".join(reversed(tail))


def format_table(titles: Sequence[str], rows: Sequence[Sequence[object]], *, right: Sequence[int] = (),
                 max_width: int = MAX_CELL) -> list[str]:  # fmt: skip
    """The lines of an aligned table, title line first.

    Each column is as wide as its widest cell, up to `max_width`; a longer cell is elided in the
    middle. The last column is neither padded nor cut. `right` holds the columns aligned right.
    """
    cells = [[shown(c) for c in titles]] + [[shown(c) for c in row] for row in rows]
    last = len(titles) - 1
    widths = [max(text_width(r[i]) for r in cells) for i in range(last)]
    widths = [min(w, max(max_width, text_width(cells[0][i]))) for i, w in enumerate(widths)]
    lines = []
    for r in cells:
        parts = [pad(elide(r[i], widths[i]), widths[i], ">" if i in right else "<") for i in range(last)]
        lines.append(" ".join([*parts, r[last]]).rstrip())
    return lines


def percent_text(percent: float | None) -> str:
    """A rate for a terminal: '3.6 %'; '-' when there is nothing to divide by."""
    return "-" if percent is None else f"{percent:.1f} %"


def rate_text(rate: float | None) -> str:
    """A rate given as a fraction (0.036) for a terminal, as `percent_text` writes it."""
    return percent_text(None if rate is None else rate * 100)


def print_table(titles: tuple[str, ...], rows: list[tuple], *, right: tuple[int, ...] = (), empty: str = "") -> None:
    """An aligned table on stdout (see format_table); with no rows, the `empty` line instead."""
    if not rows and empty:
        print(empty)
        return
    sys.stdout.write("".join(line + "\n" for line in format_table(titles, rows, right=right)))
