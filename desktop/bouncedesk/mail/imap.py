"""One IMAP connection: log in, and the few commands the poller needs.

Where to connect and how errors on the wire are told is `mail.endpoint`. Nothing here deletes
mail: there is no EXPUNGE, and fetches use BODY.PEEK so no message is marked read.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import hashlib
import imaplib
import itertools
import logging
import re
import select
import socket
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from imapclient import IMAPClient
from imapclient import exceptions as imapx
from imapclient.imapclient import SocketTimeout

from bouncedesk.errors import AuthError, MailError
from bouncedesk.mail.endpoint import (
    CONNECT_TIMEOUT,
    CertificateError,
    Credentials,
    ImapEndpoint,
    check_endpoint,
    format_fingerprint,
    tls_context,
    translate_errors,
)

log = logging.getLogger(__name__)

# Names a Sent folder goes by when the server does not flag it with SPECIAL-USE.
SENT_FOLDER_NAMES = (
    "Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent", "INBOX/Sent",
    "Gesendet", "Gesendete Objekte", "Gesendete Elemente", "INBOX.Gesendet",
)


@dataclass(frozen=True)
class FolderInfo:
    name: str
    uidvalidity: int
    uidnext: int | None
    exists: int
    keywords: bool = False  # the server keeps keywords of our own (PERMANENTFLAGS has \*)


@dataclass(slots=True)
class HeaderInfo:
    """What the prefilter sees of a message: its size and a few header fields."""

    uid: int
    size: int
    headers: bytes


@dataclass(slots=True)
class SentHeaderData:
    """A few header fields of a message (at most a fixed number of bytes) and when it was stored."""

    uid: int
    internal_date: int | None  # INTERNALDATE as UTC epoch seconds, when asked for and readable
    headers: bytes
    truncated: bool  # the fields went on beyond the byte limit


@dataclass(slots=True)
class FetchedMessage:
    """One message downloaded whole (BODY.PEEK[]), ready for ingest."""

    uid: int
    data: bytes
    filed: bool = False  # copied to the processed folder already (it carries FILED_KEYWORD)


def uid_set(uids: Iterable[int]) -> str:
    """[1,2,3,7,9,10] -> '1:3,7,9:10': short commands even for thousands of UIDs."""
    out: list[str] = []
    it = iter(sorted(set(uids)))
    first = prev = next(it, None)
    if first is None:
        return ""
    for u in it:
        if u == prev + 1:
            prev = u
            continue
        out.append(f"{first}:{prev}" if prev != first else str(first))
        first = prev = u
    out.append(f"{first}:{prev}" if prev != first else str(first))
    return ",".join(out)


class ImapSession:
    """A logged-in connection. Use `connect()`; close with `close()` or a `with` block."""

    def __init__(self, client: IMAPClient, endpoint: ImapEndpoint) -> None:
        self.client = client
        self.endpoint = endpoint
        self.selected: FolderInfo | None = None
        self._readonly = True
        with translate_errors(endpoint, "reading capabilities"):
            self.capabilities = frozenset(c.decode().upper() for c in client.capabilities())

    # --- basics ------------------------------------------------------------------------------
    def __enter__(self) -> ImapSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, capability: str) -> bool:
        return capability.upper() in self.capabilities

    def close(self) -> None:
        """Log out politely; on a dead connection just drop the socket. Never raises."""
        try:
            self.client.logout()
        except Exception:
            with contextlib.suppress(Exception):
                self.client.shutdown()

    def noop(self) -> None:
        with translate_errors(self.endpoint, "checking the connection"):
            self.client.noop()

    # --- folders -----------------------------------------------------------------------------
    def list_folders(self) -> list[tuple[str, tuple[str, ...]]]:
        """(name, flags) of every folder, flags as strings like '\\Sent'."""
        with translate_errors(self.endpoint, "listing folders"):
            rows = self.client.list_folders()
        return [(name, tuple(f.decode() if isinstance(f, bytes) else str(f) for f in flags)) for flags, _d, name in rows]

    def find_sent_folder(self) -> str | None:
        """The Sent folder: SPECIAL-USE \\Sent (RFC 6154) first, then the usual names."""
        folders = self.list_folders()
        for name, flags in folders:
            if "\\Sent" in flags:
                return name
        names = {n.lower(): n for n, _ in folders}
        for candidate in SENT_FOLDER_NAMES:
            if candidate.lower() in names:
                return names[candidate.lower()]
        return None

    def folder_exists(self, folder: str) -> bool:
        with translate_errors(self.endpoint, f"looking for folder {folder!r}"):
            return bool(self.client.folder_exists(folder))

    def create_folder(self, folder: str) -> None:
        with translate_errors(self.endpoint, f"creating folder {folder!r}"):
            self.client.create_folder(folder)

    def select(self, folder: str, readonly: bool = True) -> FolderInfo:
        """SELECT (or EXAMINE when read-only) and return UIDVALIDITY, UIDNEXT and the count."""
        with translate_errors(self.endpoint, f"opening folder {folder!r}"):
            resp = self.client.select_folder(folder, readonly=readonly)
        uv = resp.get(b"UIDVALIDITY")
        if uv is None:
            raise MailError(f"{self.endpoint.where} gave no UIDVALIDITY for {folder!r}; cannot sync it safely")
        keywords = b"\\*" in (resp.get(b"PERMANENTFLAGS") or ())
        self.selected = FolderInfo(folder, int(uv), resp.get(b"UIDNEXT"), int(resp.get(b"EXISTS", 0)), keywords)
        self._readonly = readonly
        return self.selected

    # --- reading -----------------------------------------------------------------------------
    def uids_from(self, first_uid: int) -> list[int]:
        """UIDs >= first_uid in the selected folder, ascending ('n:*' also matches the top UID)."""
        with translate_errors(self.endpoint, "listing new messages"):
            found = self.client.search(["UID", f"{max(1, first_uid)}:*"])
        return sorted(u for u in found if u >= first_uid)

    def fetch_headers(self, uids: Sequence[int], fields: Sequence[str]) -> dict[int, HeaderInfo]:
        """Size and a few header fields of each message (a message gone meanwhile is left out)."""
        if not uids:
            return {}
        query = f"(RFC822.SIZE BODY.PEEK[HEADER.FIELDS ({' '.join(f.upper() for f in fields)})])"
        out: dict[int, HeaderInfo] = {}
        for uid, (meta, literal) in self._fetch(uids, query).items():
            if literal is None:  # NIL: expunged by another client
                continue
            m = _SIZE.search(meta)
            out[uid] = HeaderInfo(uid, int(m.group(1)) if m else 0, literal)
        return out

    def fetch_bodies(self, uids: Sequence[int]) -> dict[int, FetchedMessage]:
        """Whole messages via BODY.PEEK[] (never sets \\Seen); a message gone meanwhile is left out."""
        if not uids:
            return {}
        out: dict[int, FetchedMessage] = {}
        for uid, (meta, literal) in self._fetch(uids, "(FLAGS BODY.PEEK[])").items():
            if literal:  # None or b"": Dovecot answers NIL for a message expunged meanwhile
                flags = _FLAGS.search(meta)
                out[uid] = FetchedMessage(uid, literal, bool(flags and _FILED in flags.group(1).lower().split()))
        return out

    def fetch_internal_dates(self, uids: Sequence[int]) -> dict[int, int]:
        """uid -> INTERNALDATE (when the server stored the message) as UTC epoch seconds.

        Metadata only: no body is downloaded and nothing is marked read. A message gone
        meanwhile, or one whose date cannot be read, is left out.
        """
        if not uids:
            return {}
        wanted = set(uids)
        with translate_errors(self.endpoint, "reading message dates"):
            typ, data = self.client._imap.uid("FETCH", uid_set(uids), "(UID INTERNALDATE)")
        if typ != "OK":
            text = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace")
            raise MailError(f"{self.endpoint.where} refused to give message dates: {text[:200]}")
        out: dict[int, int] = {}
        for item in data:
            line = item[0] if isinstance(item, tuple) else item
            if not isinstance(line, bytes):
                continue
            m, d = _UID.search(line), _INTERNALDATE.search(line)
            if m is None or d is None or int(m.group(1)) not in wanted:
                continue  # e.g. an unsolicited FLAGS update
            at = parse_internaldate(d.group(1))
            if at is not None:
                out[int(m.group(1))] = at
        return out

    def fetch_header_fields(
        self, uids: Sequence[int], fields: Sequence[str], max_bytes: int, *, with_date: bool = False
    ) -> dict[int, SentHeaderData]:
        """At most `max_bytes` of the named header fields of each message, and its INTERNALDATE.

        `BODY.PEEK[HEADER.FIELDS (...)]<0.max_bytes>`: a partial fetch, so a huge or hostile
        header costs at most `max_bytes` on the wire and in memory; no body is downloaded and
        nothing is marked read. A message gone meanwhile is left out.
        """
        if not uids:
            return {}
        cap = max(1, int(max_bytes))
        date = "INTERNALDATE " if with_date else ""
        query = f"(UID {date}BODY.PEEK[HEADER.FIELDS ({' '.join(f.upper() for f in fields)})]<0.{cap}>)"
        out: dict[int, SentHeaderData] = {}
        for uid, (meta, literal) in self._fetch(uids, query).items():
            d = _INTERNALDATE.search(meta) if with_date else None
            at = parse_internaldate(d.group(1)) if d else None
            if literal is None and at is None:  # NIL: expunged by another client
                continue
            data = literal or b""
            out[uid] = SentHeaderData(uid, at, data, len(data) >= cap)
        return out

    def _fetch(self, uids: Sequence[int], query: str) -> dict[int, tuple[bytes, bytes | None]]:
        """UID FETCH with one literal per message -> {uid: (the response's other bytes, literal)}.

        Reads the responses straight off the connection (see `read_fetch`): imapclient's parser,
        and even imaplib's, cost more than the download itself on a fast link.
        Survives messages expunged by another client meanwhile: Dovecot sends NIL for them with
        OK [EXPUNGEISSUED]; servers that answer NO instead are asked again after a NOOP.
        """
        wanted = set(uids)
        for attempt in (1, 2):
            with translate_errors(self.endpoint, "fetching messages"):
                status, text, found = read_fetch(self.client._imap, uid_set(uids), query, wanted)
            if status == b"OK":
                return found
            said = text.decode(errors="replace")
            if status != b"NO" or attempt == 2 or ("EXPUNGE" not in said.upper() and "NO LONGER EXIST" not in said.upper()):
                raise MailError(f"{self.endpoint.where} refused to fetch messages: {said[:200]}")
            log.info("some messages vanished during a fetch in %s; asking again", self.selected)
            self.noop()
        return {}

    def search_header(self, name: str, value: str) -> list[int]:
        """UID SEARCH HEADER name value (a substring match on the server)."""
        with translate_errors(self.endpoint, f"searching by {name}"):
            return sorted(self.client.search(["HEADER", name, value]))

    # --- changing (only bounces, only after they are stored) ---------------------------------
    def move(self, uids: Sequence[int], folder: str) -> str:
        """Move messages to `folder`: MOVE when offered, else COPY (the original stays, see README).

        Returns 'moved' or 'copied'. Never sets \\Deleted and never expunges.
        """
        if not uids:
            return "moved"
        if self._readonly and self.selected is not None:
            raise MailError("internal: moving needs the folder opened read-write")
        with translate_errors(self.endpoint, f"moving messages to {folder!r}"):
            if self.has("MOVE"):
                self.client.move(list(uids), folder)
                return "moved"
            untagged = self.client._imap.untagged_responses  # imaplib keeps response codes here
            untagged.pop("COPYUID", None)
            self.client.copy(list(uids), folder)
            copyuid = untagged.pop("COPYUID", None)
            if self.selected is not None and self.selected.keywords:
                # The originals stay: mark them filed, so a resync after a UIDVALIDITY change
                # does not copy them again (a keyword of our own; mail clients do not show it).
                self.client.add_flags(list(uids), [FILED_KEYWORD.encode()])
            if copyuid:
                self._mark_copies_seen(copyuid[-1], folder)
            return "copied"

    def _mark_copies_seen(self, copyuid: bytes, folder: str) -> None:
        """The copies in the processed folder are filed, not news: flag them \\Seen.

        Uses the COPYUID answer (UIDPLUS: '<uidvalidity> <source uids> <new uids>'); without it
        the copies are left as they are rather than guessed at.
        """
        parts = copyuid.decode(errors="replace").split()
        if len(parts) != 3:
            return
        current = self.selected
        self.client.select_folder(folder)
        try:
            self.client.add_flags(_parse_uid_set(parts[2]), [b"\\Seen"])
        finally:
            if current is not None:
                self.select(current.name, readonly=self._readonly)

    # --- waiting -----------------------------------------------------------------------------
    def wait_for_mail(self, max_seconds: float, cancel: threading.Event | None = None, tick: float = 1.0) -> bool:
        """IDLE on the selected folder until new mail (True), `max_seconds` pass or cancel (False).

        Keeps `tick`-second slices so a cancel is noticed quickly; a dropped connection raises
        ImapNetworkError instead of looking like silence.
        """
        deadline = time.monotonic() + max_seconds
        with translate_errors(self.endpoint, "waiting for new mail"):
            self.client.idle()
            new_mail = False
            try:
                while not new_mail and time.monotonic() < deadline and not (cancel and cancel.is_set()):
                    sock = self.client.socket()
                    wait = max(0.0, min(tick, deadline - time.monotonic()))
                    if not _readable(sock, wait):
                        continue
                    responses = self.client.idle_check(timeout=0)
                    if not responses:
                        # Readable but no line: the server closed the connection (idle_done will tell).
                        break
                    new_mail = any(_is_new_mail(r) for r in responses)
            finally:
                _text, responses = self.client.idle_done()
            return new_mail or any(_is_new_mail(r) for r in responses)


_UID = re.compile(rb"\bUID (\d+)")
_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")
# Set on a bounce left in its folder after COPY to the processed folder (servers without MOVE).
FILED_KEYWORD = "$BounceDeskFiled"
_FILED = FILED_KEYWORD.lower().encode()
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
_INTERNALDATE = re.compile(rb'\bINTERNALDATE "([^"]+)"')
_DATE_TIME = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}  # fmt: skip


def parse_internaldate(text: bytes | str) -> int | None:
    """RFC 3501 date-time ('17-Jul-1996 02:44:25 -0700') -> UTC epoch seconds; None if malformed.

    By hand rather than strptime: month names must not depend on the process locale (Qt sets it).
    """
    if isinstance(text, bytes):
        text = text.decode("ascii", errors="replace")
    m = _DATE_TIME.match(text)
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if m is None or month is None:
        return None
    try:
        local = calendar.timegm((int(m.group(3)), month, int(m.group(1)), int(m.group(4)), int(m.group(5)),
                                 int(m.group(6)), 0, 0, 0))  # fmt: skip
        datetime.date(int(m.group(3)), month, int(m.group(1)))  # rejects 31-Feb
    except ValueError:
        return None
    offset = (int(m.group(8)) * 60 + int(m.group(9))) * 60
    return local - offset if m.group(7) == "+" else local + offset


_LITERAL_AT_END = re.compile(rb"\{(\d+)\}\r?\n?$")
_FETCH_TAGS = itertools.count(1)


def read_fetch(
    imap: imaplib.IMAP4, uids: str, query: str, wanted: set[int]
) -> tuple[bytes, bytes, dict[int, tuple[bytes, bytes | None]]]:
    """Send `UID FETCH uids query` and read its answer: (OK/NO/BAD, the server's words, messages).

    The messages map each wanted UID to (the response's bytes other than the literal, the
    literal, or None for NIL: expunged meanwhile). A response with no wanted UID (a flag change
    of another message) and other untagged responses (EXISTS, EXPUNGE) are skipped: the sync
    goes by UID and the next run sees anything new. BYE raises imaplib's abort, as imaplib does.

    One readline, one read and one more readline per message, through imaplib's public
    `send`/`readline`/`read`: imaplib's own reader spends ~15 us per response in Python, more
    than Dovecot needs to send it. Its tags are upper-case letters, ours start 'bd', so the two
    never meet; imaplib has no command in flight while this runs.
    """
    tag = b"bd%d" % next(_FETCH_TAGS)
    imap.send(b"%s UID FETCH %s %s\r\n" % (tag, uids.encode("ascii"), query.encode("ascii")))
    done = tag + b" "
    out: dict[int, tuple[bytes, bytes | None]] = {}
    while True:
        line = imap.readline()
        if line.startswith(done):
            status, _, text = line[len(done):].partition(b" ")
            return status.upper(), text.strip(), out
        parts: list[bytes] = []
        literal: bytes | None = None
        while True:
            if not line:
                raise imaplib.IMAP4.abort("the server closed the connection")
            m = _LITERAL_AT_END.search(line)
            if m is None:
                parts.append(line)
                break
            parts.append(line[: m.start()])
            data = imap.read(int(m.group(1)))
            literal = data if literal is None else literal
            line = imap.readline()
        meta = b"".join(parts)
        if meta.startswith(b"* BYE"):
            raise imaplib.IMAP4.abort(meta[5:].strip().decode(errors="replace"))
        uid = _UID.search(meta)
        if uid is None or b" FETCH " not in meta[:40]:
            continue
        n = int(uid.group(1))
        if n in wanted and (literal is not None or n not in out):
            out[n] = (meta, literal)


def _readable(sock: socket.socket, timeout: float) -> bool:
    pending = getattr(sock, "pending", None)
    if pending and pending() > 0:
        return True
    return bool(select.select([sock], [], [], timeout)[0])


def _is_new_mail(response: tuple) -> bool:
    return len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT") and isinstance(response[0], int) and response[0] > 0


def _parse_uid_set(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        if ":" in part:
            a, b = (int(x) for x in part.split(":"))
            out.extend(range(min(a, b), max(a, b) + 1))
        elif part:
            out.append(int(part))
    return out


def connect(endpoint: ImapEndpoint, credentials: Credentials, now: int) -> ImapSession:
    """Open, secure and log in. `now` is handed to the token provider (OAuth2).

    Plain text is only allowed to localhost; a pinned certificate is compared before any
    credential is sent.
    """
    check_endpoint(endpoint.host, endpoint.port, endpoint.security, endpoint.auth_method)
    timeout = SocketTimeout(CONNECT_TIMEOUT, endpoint.timeout)
    ctx = tls_context(endpoint) if endpoint.security != "plain" else None
    client: IMAPClient | None = None
    try:
        with translate_errors(endpoint, "connecting"):
            if endpoint.security == "tls":
                client = IMAPClient(endpoint.host, port=endpoint.port, ssl=True, ssl_context=ctx, timeout=timeout)
            else:
                client = IMAPClient(endpoint.host, port=endpoint.port, ssl=False, timeout=timeout)
                if endpoint.security == "starttls":
                    if not client.has_capability("STARTTLS"):
                        raise MailError(f"{endpoint.where} does not offer STARTTLS; refusing to log in without encryption")
                    client.starttls(ctx)
            if endpoint.tls_fingerprint:
                _check_pin(client, endpoint)
        with translate_errors(endpoint, "logging in"):
            _login(client, endpoint, credentials, now)
        return ImapSession(client, endpoint)
    except BaseException:
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()
        raise


def _check_pin(client: IMAPClient, endpoint: ImapEndpoint) -> None:
    der = client.socket().getpeercert(binary_form=True)
    got = hashlib.sha256(der or b"").hexdigest()
    if got != endpoint.tls_fingerprint:
        raise CertificateError(
            f"the TLS certificate of {endpoint.where} is not the one you trusted: it has fingerprint "
            f"{format_fingerprint(got)}, expected {format_fingerprint(endpoint.tls_fingerprint or '')}"
        )


def _login(client: IMAPClient, endpoint: ImapEndpoint, credentials: Credentials, now: int) -> None:
    user = endpoint.username
    if endpoint.auth_method == "password":
        if not credentials.password:
            raise AuthError(f"no password for {user!r} on {endpoint.host}")
        if client.has_capability("LOGINDISABLED") and client.has_capability("AUTH=PLAIN"):
            client.plain_login(user, credentials.password)
        else:
            client.login(user, credentials.password)
        return
    if credentials.tokens is None:
        raise AuthError(f"{endpoint.auth_method.upper()} needs a sign-in (no token provider for {user!r})")
    mech = endpoint.auth_method.upper()
    if endpoint.auth_method == "oauth2":
        mech = "XOAUTH2" if client.has_capability("AUTH=XOAUTH2") else "OAUTHBEARER"
    if not client.has_capability(f"AUTH={mech}"):
        raise AuthError(f"{endpoint.where} does not offer {mech} sign-in")
    token = credentials.tokens.access_token(now)
    try:
        _token_login(client, mech, user, token)
    except imapx.LoginError:
        # A token we thought valid was refused (revoked early, clocks apart): drop it and try once more
        # with a fresh one; a revoked sign-in then comes out as the provider's clear "sign in again".
        invalidate = getattr(credentials.tokens, "invalidate", None)
        if invalidate is None:
            raise
        invalidate()
        _token_login(client, mech, user, credentials.tokens.access_token(now))


def _token_login(client: IMAPClient, mech: str, user: str, token: str) -> None:
    if mech == "XOAUTH2":
        client.oauth2_login(user, token)
    else:
        client.oauthbearer_login(user, token)
