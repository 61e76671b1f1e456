"""A real Dovecot IMAP server on loopback, with its own config, users and maildirs in a temp dir.

Tests drive it like a user's mail server: APPEND messages over IMAP, kill and restart it,
change a folder's UIDVALIDITY with doveadm. Nothing here touches the system's own Dovecot.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

DOVECOT_CANDIDATES = ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot")
DOVEADM_CANDIDATES = ("/usr/bin/doveadm", "/usr/local/bin/doveadm")


def find_dovecot() -> str | None:
    for c in DOVECOT_CANDIDATES:
        if os.access(c, os.X_OK):
            return c
    return shutil.which("dovecot")


def find_doveadm() -> str | None:
    for c in DOVEADM_CANDIDATES:
        if os.access(c, os.X_OK):
            return c
    return shutil.which("doveadm")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_self_signed(directory: Path, common_name: str = "localhost") -> tuple[Path, Path]:
    """A throw-away certificate + key made with the openssl CLI (a dependency of dovecot-core)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={common_name}",
            "-addext", f"subjectAltName=DNS:{common_name},IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def cert_sha256(cert_pem: Path) -> str:
    der = ssl.PEM_cert_to_DER_cert(cert_pem.read_text())
    import hashlib

    return hashlib.sha256(der).hexdigest()


class TokenIntrospection:
    """A tiny RFC 7662 introspection endpoint Dovecot's oauth2 passdb asks about bearer tokens."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}  # token -> user name
        self.requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                n = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(n).decode())
                token = (form.get("token") or [""])[0]
                outer.requests += 1
                user = outer.tokens.get(token)
                body = json.dumps({"active": True, "username": user} if user else {"active": False}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/introspect"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@dataclass
class Dovecot:
    """One private Dovecot instance. Start with `start()`, always `stop()` (the fixture does)."""

    users: dict[str, str] = field(default_factory=lambda: {"alice": "alice-secret"})
    capabilities: str | None = None  # override the advertised capability list (e.g. without MOVE)
    oauth: TokenIntrospection | None = None
    root: Path = field(init=False)
    port: int = field(init=False)
    tls_port: int = field(init=False)
    proc: subprocess.Popen | None = field(init=False, default=None)
    pgids: list[int] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.binary = find_dovecot()
        if not self.binary:
            raise FileNotFoundError("dovecot binary not found (apt-get install dovecot-imapd)")
        # Short path: Dovecot's unix sockets must fit in 108 bytes.
        self.root = Path(tempfile.mkdtemp(prefix="bd-dc-", dir="/tmp"))
        os.chmod(self.root, 0o755)
        self.port = free_port()
        self.tls_port = free_port()
        self.cert, self.key = make_self_signed(self.root)
        self.cert_fingerprint = cert_sha256(self.cert)
        (self.root / "mail").mkdir()
        self._chown(self.root / "mail")
        self._write_passwd()
        self._write_config()

    # --- setup -------------------------------------------------------------------------------
    def _chown(self, path: Path) -> None:
        if os.geteuid() == 0:
            shutil.chown(path, "dovecot", "dovecot")

    def _write_passwd(self) -> None:
        lines = [f"{u}:{{PLAIN}}{p}::::::" for u, p in self.users.items()]
        (self.root / "passwd").write_text("\n".join(lines) + "\n")
        os.chmod(self.root / "passwd", 0o644)

    def _write_config(self) -> None:
        r = self.root
        me = "dovecot" if os.geteuid() == 0 else os.environ.get("USER", "nobody")
        oauth_passdb = ""
        mechs = "plain login"
        if self.oauth is not None:
            mechs += " xoauth2 oauthbearer"
            (r / "oauth2.conf").write_text(
                f"introspection_mode = post\nintrospection_url = {self.oauth.url}\n"
                "force_introspection = yes\nusername_attribute = username\n"
                "active_attribute = active\nactive_value = true\n"
            )
            oauth_passdb = f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {r}/oauth2.conf\n}}\n"
        caps = f"imap_capability = {self.capabilities}\n" if self.capabilities else ""
        (r / "dovecot.conf").write_text(
            f"""# written by tests/integration/dovecot.py
instance_name = bd-{self.port}
base_dir = {r}/run
state_dir = {r}/state
protocols = imap
listen = 127.0.0.1
log_path = {r}/dovecot.log
info_log_path = {r}/dovecot.log
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{self.key}
disable_plaintext_auth = no
auth_mechanisms = {mechs}
default_login_user = {"dovenull" if os.geteuid() == 0 else me}
auth_failure_delay = 0
default_internal_user = {me}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:{r}/mail/%u
mail_fsync = never
mailbox_idle_check_interval = 1 secs
imap_idle_notify_interval = 2 mins
{caps}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # No growing delay after failed logins (tests log in wrongly on purpose, from one IP).
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
}}
{oauth_passdb}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = static
  args = uid={me} gid={me} home={r}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
  mailbox Outbox {{
    auto = create
  }}
}}
"""
        )

    # --- life cycle --------------------------------------------------------------------------
    @property
    def config(self) -> Path:
        return self.root / "dovecot.conf"

    def start(self, timeout: float = 10.0) -> None:
        """Run dovecot in the foreground in its own process group; wait until both ports answer."""
        self.proc = subprocess.Popen(
            [self.binary, "-F", "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "stderr.log", "ab"),  # noqa: SIM115 (the child keeps it)
            start_new_session=True,
        )
        self.pgids.append(self.proc.pid)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dovecot exited at start:\n{self.log_tail()}")
            if self._answers(self.port) and self._answers(self.tls_port):
                return
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"dovecot did not listen within {timeout}s:\n{self.log_tail()}")

    @staticmethod
    def _answers(port: int) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            return False

    def kill(self) -> None:
        """Crash the server the hard way: SIGKILL to the master and every child (open sessions die)."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self.proc = None
        # A killed master leaves its pid file and sockets; a fresh start copes, but clean anyway.
        shutil.rmtree(self.root / "run", ignore_errors=True)
        # Dot-lock files of killed sessions go stale only after minutes; a crashed real server
        # would wait them out, a test should not.
        for lock in (self.root / "mail").rglob("*.lock"):
            lock.unlink(missing_ok=True)

    def stop(self) -> None:
        """Clean shutdown: SIGTERM, then SIGKILL for anything left in the process group."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cleanup(self) -> None:
        """End every process of this instance (SIGKILL: a graceful stop takes Dovecot 1-6 s) and
        remove its files. Nothing is kept, so there is nothing a hard stop could damage."""
        self.kill()
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, n: int = 30) -> str:
        out = []
        for name in ("dovecot.log", "stderr.log"):
            p = self.root / name
            if p.exists():
                out += p.read_text(errors="replace").splitlines()[-n:]
        return "\n".join(out)

    def processes(self) -> list[int]:
        """Pids still in any process group this instance started (for the no-leftovers check)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                fields = stat.rsplit(")", 1)[1].split()
                if int(fields[2]) in self.pgids and fields[0] != "Z":
                    pids.append(int(entry.name))
        return pids

    # --- mailbox helpers ---------------------------------------------------------------------
    def client(self, user: str = "alice", tls: bool = False):
        """A logged-in imapclient connection, as a second party (the 'sender' of new mail)."""
        from imapclient import IMAPClient

        if tls:
            ctx = ssl.create_default_context(cafile=str(self.cert))
            ctx.check_hostname = False
            c = IMAPClient("127.0.0.1", port=self.tls_port, ssl=True, ssl_context=ctx, timeout=30)
        else:
            c = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=15)
        c.login(user, self.users[user])
        return c

    def append(self, messages: Iterable[bytes], folder: str = "INBOX", user: str = "alice") -> list[int]:
        """APPEND messages over IMAP (what a real delivery looks like to a client); returns new UIDs."""
        messages = list(messages)
        for attempt in (1, 2):
            uids: list[int] = []
            try:
                with self.client(user) as c:
                    if not c.folder_exists(folder):
                        c.create_folder(folder)
                    for m in messages:
                        resp = c.append(folder, m)
                        uids.append(_appenduid(resp))
                return uids
            except (TimeoutError, OSError):
                # Right after a hard kill and restart the first session can stall; this helper
                # is the test's "sender", not the code under test, so it simply tries once more.
                if attempt == 2 or uids:
                    raise
        return []

    def create_folder(self, folder: str, user: str = "alice") -> None:
        with self.client(user) as c:
            if not c.folder_exists(folder):
                c.create_folder(folder)

    def maildir(self, folder: str = "INBOX", user: str = "alice") -> Path:
        base = self.root / "mail" / user
        return base if folder == "INBOX" else base / f".{folder.replace('/', '.')}"

    def write_maildir(self, messages: Iterable[bytes], folder: str = "INBOX", user: str = "alice") -> int:
        """Drop messages straight into the maildir (fast, for big mailboxes); Dovecot indexes them.

        This is how a local delivery agent puts mail in a maildir, so Dovecot sees them as new mail.
        """
        d = self.maildir(folder, user)
        for sub in ("cur", "new", "tmp"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        n = 0
        stamp = int(time.time())
        for n, m in enumerate(messages, start=1):
            name = f"{stamp}.M{n}P{os.getpid()}.bdtest,S={len(m)}"
            (d / "new" / name).write_bytes(m)
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "dovecot:dovecot", str(self.root / "mail" / user)], check=True)
        return n

    def doveadm(self, command: str, *args: str, user: str = "alice") -> str:
        """Run `doveadm COMMAND -u USER ARGS...` against this instance's config."""
        exe = find_doveadm()
        if not exe:
            raise FileNotFoundError("doveadm not found")
        out = subprocess.run(
            [exe, "-c", str(self.config), *command.split(), "-u", user, *args],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def uidvalidity(self, folder: str = "INBOX", user: str = "alice") -> int:
        with self.client(user) as c:
            return int(c.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"])

    def set_uidvalidity(self, value: int, folder: str = "INBOX", user: str = "alice") -> None:
        """Change UIDVALIDITY the way a server migration or a rebuilt index does."""
        self.doveadm("mailbox update", "--uid-validity", str(value), folder, user=user)

    def uids(self, folder: str = "INBOX", user: str = "alice") -> list[int]:
        with self.client(user) as c:
            c.select_folder(folder, readonly=True)
            return sorted(c.search("ALL"))

    def fetch_all(self, folder: str = "INBOX", user: str = "alice") -> dict[int, bytes]:
        """uid -> the bytes the server hands out (BODY.PEEK[], nothing marked read)."""
        with self.client(user) as c:
            c.select_folder(folder, readonly=True)
            uids = c.search("ALL")
            return {uid: d[b"BODY[]"] for uid, d in c.fetch(uids, ["BODY.PEEK[]"]).items()} if uids else {}

    def flags(self, folder: str = "INBOX", user: str = "alice") -> dict[int, tuple]:
        """uid -> stored flags (\\Recent left out: it is per session, not set by any client)."""
        with self.client(user) as c:
            c.select_folder(folder, readonly=True)
            uids = c.search("ALL")
            found = c.get_flags(uids) if uids else {}
            return {u: tuple(f for f in fl if f != b"\\Recent") for u, fl in found.items()}


def _appenduid(resp: bytes) -> int:
    """'[APPENDUID 1700000000 42] Append completed.' -> 42."""
    text = resp.decode() if isinstance(resp, bytes) else str(resp)
    if "APPENDUID" in text:
        return int(text.split("APPENDUID", 1)[1].split("]", 1)[0].split()[1])
    return 0


@contextlib.contextmanager
def running(**kwargs) -> Iterator[Dovecot]:
    d = Dovecot(**kwargs)
    try:
        d.start()
        yield d
    finally:
        d.cleanup()
