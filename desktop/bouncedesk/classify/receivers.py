"""Who received the mail, and which list or check refused it: provider health's two lookups.

`provider_of(domain, remote_mta)` names the receiving provider (Gmail, Microsoft, ...) from the
recipient's domain, or else from the server that answered (a custom domain hosted at Google or
Microsoft): a dict look-up per domain suffix, O(labels), no regex. `listing_of(side, status,
diagnostic)` names the blocklist, the provider's own list or the failed authentication a
sender-side bounce names: plain substring tests of a bounded, lower-cased text (linear time), then
one look-up of the status code. Both tables are data (resources/mail/receivers.json and
blocklists.json); `bouncedesk check` groups its list by the same providers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bouncedesk.config import resources_dir
from bouncedesk.errors import InputError

OTHERS = "others"  # every recipient at no provider of the table
SENDER_SIDE = "sender"  # results.side of a problem on the sending side
MAX_LISTING_TEXT = 8 * 1024  # characters of the server's words read for a listing (they fit in far less)
_MAX_HOST = 253


@dataclass(frozen=True, eq=False)
class Receivers:
    """Providers in report order (OTHERS last) and the domain suffixes that name them."""

    titles: dict[str, str]  # key → title
    by_domain: dict[str, str]  # recipient domain (or parent domain) → key
    by_mx: dict[str, str]  # server host suffix → key


@dataclass(frozen=True)
class Listing:
    """One named sender-side problem: what it is, the fix in plain words, where to ask for removal."""

    key: str
    group: str  # blocklist | provider | auth
    name: dict[str, str]  # language → text
    fix: dict[str, str]
    page: str  # the name of the delisting or help page
    url: str  # shown as plain text, never opened by itself

    def text(self, field: str, lang: str = "en") -> str:
        texts: dict[str, str] = getattr(self, field)
        return texts.get(lang) or texts.get("en", "")


@dataclass(frozen=True)
class Listings:
    entries: dict[str, Listing]  # key → listing, in file order
    tokens: tuple[tuple[str, str], ...]  # (lower-case token, key) in priority order
    by_status: dict[str, str]  # status code → key (the first entry naming it)


def _resource(name: str) -> Path:
    return resources_dir() / "mail" / name


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the provider data {path}: {exc}") from exc


@lru_cache(maxsize=2)
def load_receivers(path: str | None = None) -> Receivers:
    file = Path(path) if path else _resource("receivers.json")
    raw = _read(file)
    try:
        titles: dict[str, str] = {}
        by_domain: dict[str, str] = {}
        by_mx: dict[str, str] = {}
        for key, p in raw["providers"].items():
            titles[key] = str(p["title"])
            for d in p["domains"]:
                by_domain.setdefault(d.lower().strip("."), key)
            for d in p.get("mx", ()):
                by_mx.setdefault(d.lower().strip("."), key)
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"cannot read the provider data {file}: {exc}") from exc
    titles[OTHERS] = "Others"
    return Receivers(titles, by_domain, by_mx)


@lru_cache(maxsize=16)
def with_extra(base: Receivers, extra_json: str) -> Receivers:
    """`base` plus the user's own providers (JSON {key: {"title", "domains", "mx"}}, e.g. a regional
    provider or a large customer's mail host); their domains and hosts win over the bundled ones.
    Unreadable extra data is left out: it must never stop an import."""
    try:
        extra = json.loads(extra_json) if extra_json else {}
        items = [(str(k), str(v["title"]), [str(d) for d in v.get("domains", ())], [str(d) for d in v.get("mx", ())])
                 for k, v in extra.items() if k != OTHERS]  # fmt: skip
    except (ValueError, KeyError, TypeError, AttributeError):
        return base
    if not items:
        return base
    titles = {k: t for k, t in base.titles.items() if k != OTHERS}
    by_domain, by_mx = dict(base.by_domain), dict(base.by_mx)
    for key, title, domains, mx in items:
        titles[key] = title
        by_domain.update((d.lower().strip("."), key) for d in domains)
        by_mx.update((d.lower().strip("."), key) for d in mx)
    titles[OTHERS] = base.titles[OTHERS]
    return Receivers(titles, by_domain, by_mx)


@lru_cache(maxsize=2)
def load_listings(path: str | None = None) -> Listings:
    file = Path(path) if path else _resource("blocklists.json")
    raw = _read(file)
    entries: dict[str, Listing] = {}
    tokens: list[tuple[str, str]] = []
    by_status: dict[str, str] = {}
    try:
        for e in raw["listings"]:
            key = str(e["key"])
            entries[key] = Listing(key, str(e["group"]), dict(e["name"]), dict(e["fix"]), str(e.get("page", "")),
                                   str(e.get("url", "")))  # fmt: skip
            tokens += [(t.lower(), key) for t in e.get("tokens", ()) if t.strip()]
            for s in e.get("statuses", ()):
                by_status.setdefault(str(s), key)
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"cannot read the blocklist data {file}: {exc}") from exc
    return Listings(entries, tuple(tokens), by_status)


def host_of(remote_mta: str) -> str:
    """The host name in a remote-MTA field ('dns; mx.example.com', 'mx.example.com [192.0.2.1]'), lower case."""
    text = remote_mta[:600].strip()
    if ";" in text:
        text = text.partition(";")[2].strip()
    host = text.split(None, 1)[0] if text else ""
    host = host.strip("[]()<>").rstrip(".").lower()
    return host if 0 < len(host) <= _MAX_HOST else ""


def _suffix_hit(name: str, table: dict[str, str]) -> str | None:
    """The entry for `name` or its nearest parent domain (one dict look-up per label)."""
    if not name:
        return None
    parts = name.split(".")
    for i in range(len(parts) - 1):
        hit = table.get(".".join(parts[i:]))
        if hit is not None:
            return hit
    return None


@lru_cache(maxsize=8192)
def _provider(domain: str, host: str, data: Receivers) -> str:
    return _suffix_hit(domain, data.by_domain) or _suffix_hit(host, data.by_mx) or OTHERS


def provider_of(domain: str, remote_mta: str = "", data: Receivers | None = None) -> str:
    """The provider key of a recipient domain, else of the answering server's host; OTHERS when neither."""
    d = (domain or "")[:_MAX_HOST].strip().rstrip(".").lower()
    return _provider(d, host_of(remote_mta) if remote_mta else "", data or load_receivers())


def listing_of(side: str, status: str, diagnostic: str, data: Listings | None = None) -> str:
    """The key of the list or check a sender-side bounce names ('' when it names none, or is not
    sender-side: a recipient's full mailbox never names a blocklist)."""
    if side != SENDER_SIDE:
        return ""
    data = data or load_listings()
    text = diagnostic[:MAX_LISTING_TEXT].lower() if diagnostic else ""
    if text:
        for token, key in data.tokens:
            if token in text:
                return key
    return data.by_status.get(status, "")


def listing(key: str, data: Listings | None = None) -> Listing | None:
    return (data or load_listings()).entries.get(key)
