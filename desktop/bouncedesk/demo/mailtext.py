"""Small text helpers for writing mail the way servers do: dates, ids, wrapped lines, headers."""

from __future__ import annotations

import random
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from email.header import Header
from email.utils import formataddr

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_HEX = "0123456789abcdef"


def local_time(t: int, tz_minutes: int) -> datetime:
    return datetime.fromtimestamp(t, timezone(timedelta(minutes=tz_minutes)))


def rfc_date(t: int, tz_minutes: int = 0, *, pad_day: bool = False, zone_name: str = "") -> str:
    """RFC 5322 date; `pad_day` writes ' 4' like Postfix, `zone_name` appends '(UTC)' and the like."""
    d = local_time(t, tz_minutes)
    sign = "+" if tz_minutes >= 0 else "-"
    off = abs(tz_minutes)
    day = f"{d.day:2d}" if pad_day else f"{d.day:02d}"
    text = (f"{_DAYS[d.weekday()]}, {day} {_MONTHS[d.month - 1]} {d.year} {d:%H:%M:%S} "
            f"{sign}{off // 60:02d}{off % 60:02d}")  # fmt: skip
    return f"{text} ({zone_name})" if zone_name else text


def us_date(t: int, tz_minutes: int = 0) -> str:
    """'3/4/2025 9:14:20 AM' as Exchange writes it."""
    d = local_time(t, tz_minutes)
    hour = d.hour % 12 or 12
    return f"{d.month}/{d.day}/{d.year} {hour}:{d:%M:%S} {'AM' if d.hour < 12 else 'PM'}"


def iso_day(t: int) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d")


def token(rng: random.Random, n: int, alphabet: str = _ALNUM) -> str:
    """n random characters of `alphabet` (one draw of random bits: ids are made by the thousand)."""
    base = len(alphabet)
    x = rng.getrandbits(n * base.bit_length())
    out = []
    for _ in range(n):
        x, d = divmod(x, base)
        out.append(alphabet[d])
    return "".join(out)


def hexid(rng: random.Random, n: int) -> str:
    return token(rng, n, _HEX)


def wrap(text: str, width: int = 76, indent: str = "    ", first: str = "") -> str:
    """Wrap like Postfix and Exim do: continuation lines indented."""
    return "\n".join(
        textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=indent, break_long_words=False,
                      break_on_hyphens=False)  # fmt: skip
    )


def fold_field(name: str, value: str, width: int = 78) -> str:
    """A header field folded at spaces (continuation lines start with a space)."""
    return wrap(f"{name}: {value}", width=width, indent="    ")


def encode_words(text: str) -> str:
    """RFC 2047 for non-ASCII header text; ASCII stays as it is."""
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return Header(text, "utf-8", maxlinelen=200).encode()


def address(name: str, addr: str) -> str:
    if not name:
        return addr
    try:
        name.encode("ascii")
        return formataddr((name, addr))
    except UnicodeEncodeError:
        return f"{encode_words(name)} <{addr}>"


def qp_encode(text: str) -> str:
    """Quoted-printable body (UTF-8), soft line breaks at 76 characters."""
    import quopri

    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


def crlf(text: str) -> bytes:
    """LF text → CRLF bytes, as mail comes off an IMAP server."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
