"""A small SMTP receiver on 127.0.0.1 for the demo and the self-test: nothing leaves the computer.

In `--demo` and `--self-test` the demo account sends its retries and notices here, so "Retry
now" works end to end (actions → SMTP client → a listening server) without a mail provider.
It speaks the part of RFC 5321 a client needs to hand over a message and keeps what arrived.
"""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field

from bouncedesk.mail.secrets import SecretStore


@dataclass
class Received:
    mail_from: str
    rcpt_to: list[str]
    data: bytes


@dataclass
class _Box:
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        box: _Box = self.server.box  # type: ignore[attr-defined]
        self.reply("220 localhost BounceDesk demo mail receiver")
        mail_from, rcpts = "", []
        while True:
            raw = self.rfile.readline(4096)
            if not raw:
                return
            line = raw.decode("ascii", errors="replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-localhost" if verb == "EHLO" else "250 localhost")
                if verb == "EHLO":
                    self.reply("250-8BITMIME")
                    self.reply("250-AUTH PLAIN LOGIN")
                    self.reply("250 SIZE 52428800")
            elif verb == "AUTH":
                # The demo account's login is accepted as it is: this receiver holds no mailboxes.
                parts = line.split()
                mech = parts[1].upper() if len(parts) > 1 else ""
                prompts = {"PLAIN": 1, "LOGIN": 2}.get(mech, 0) - (len(parts) > 2)
                for _ in range(max(0, prompts)):
                    self.reply("334 ")
                    self.rfile.readline(4096)
                self.reply("235 2.7.0 Authentication successful")
            elif verb == "MAIL":
                mail_from, rcpts = line.partition(":")[2].strip().split(" ")[0].strip("<>"), []
                self.reply("250 2.1.0 Ok")
            elif verb == "RCPT":
                rcpts.append(line.partition(":")[2].strip().split(" ")[0].strip("<>"))
                self.reply("250 2.1.5 Ok")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while True:
                    d = self.rfile.readline(1 << 20)
                    if not d or d in (b".\r\n", b".\n"):
                        break
                    chunks.append(d[1:] if d.startswith(b"..") else d)
                with box.lock:
                    box.messages.append(Received(mail_from, rcpts, b"".join(chunks)))
                    n = len(box.messages)
                self.reply(f"250 2.0.0 Ok: queued as DEMO{n:05d}")
            elif verb == "RSET":
                mail_from, rcpts = "", []
                self.reply("250 2.0.0 Ok")
            elif verb == "NOOP":
                self.reply("250 2.0.0 Ok")
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("502 5.5.2 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class LocalSmtp:
    """Start with `start()`, always `stop()` (joins the server thread)."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.box = _Box()  # type: ignore[attr-defined]
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="demo-smtp", daemon=True)

    @property
    def messages(self) -> list[Received]:
        box: _Box = self._server.box  # type: ignore[attr-defined]
        with box.lock:
            return list(box.messages)

    def start(self) -> LocalSmtp:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


DEMO_ACCOUNT = "Demo shop"
DEMO_PASSWORD = "demo"  # the local receiver's login; nothing secret, never in a keyring


class DemoSecrets(SecretStore):
    """What the demo's actions read the SMTP password from (the demo never touches the keyring)."""

    def __init__(self) -> None:
        super().__init__(backend=None)  # type: ignore[arg-type]

    def get(self, account: str, kind: str = "password") -> str | None:
        return DEMO_PASSWORD if account == DEMO_ACCOUNT else None

    def require(self, account: str, kind: str = "password") -> str:
        from bouncedesk.errors import SecretStoreError

        value = self.get(account, kind)
        if value is None:
            raise SecretStoreError(f"no {kind} for account {account!r} in the demo")
        return value


def add_demo_account(conn, port: int, now: int) -> None:
    """The demo's sending account: SMTP to the local receiver without a login. Its IMAP side names
    a server that does not exist; the demo never syncs (Sync now is off in demo mode)."""
    from bouncedesk import store

    store.add_account(
        conn, now=now, name=DEMO_ACCOUNT, host="imap.demo.example", port=993, security="ssl",
        username="shop@demo.example", address="shop@demo.example",
        smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
    )  # fmt: skip
