"""A scripted SMTP server for the corpus generator: it answers RCPT and DATA from the reply table.

Stdlib only (the generator runs with the system python3, before any venv exists). One thread per
connection; each listening port stands for one provider's MX, so a 421 that makes an MTA treat a
host as down never spills over to another provider's replies. The same class, in sink mode,
accepts everything and stores it: that is where the MTAs' bounces and delay warnings land.
"""

from __future__ import annotations

import os
import socketserver
import threading
import time

MAX_LINE = 4096
MAX_MESSAGE = 20 * 1024 * 1024


def norm_address(path: str) -> str:
    """The address inside an SMTP path, lower-cased: `<"a..b"@x> SIZE=1` -> `"a..b"@x`."""
    path = path.strip()
    if path.startswith("<"):
        end = path.find(">")
        path = path[1:end] if end > 0 else path[1:]
    else:
        path = path.split(" ", 1)[0]
    return path.strip().lower()


def unquote_local(addr: str) -> str:
    local, _, domain = addr.rpartition("@")
    if len(local) >= 2 and local[0] == local[-1] == '"':
        local = local[1:-1]
    return f"{local}@{domain}"


class Script:
    """Who gets which reply: address -> (stage, code, lines). Thread-safe reads only."""

    def __init__(self, replies: dict[str, tuple[str, int, list[str]]]):
        self.replies = {}
        for addr, reply in replies.items():
            self.replies[addr.lower()] = reply
            self.replies.setdefault(unquote_local(addr.lower()), reply)

    def lookup(self, addr: str):
        return self.replies.get(addr) or self.replies.get(unquote_local(addr))


class _Handler(socketserver.StreamRequestHandler):
    timeout = 120

    def send(self, code: int, lines: list[str]) -> None:
        out = []
        for i, line in enumerate(lines):
            sep = " " if i == len(lines) - 1 else "-"
            out.append(f"{code}{sep}{line}\r\n")
        self.wfile.write("".join(out).encode("utf-8"))
        self.wfile.flush()

    def readline(self) -> str | None:
        raw = self.rfile.readline(MAX_LINE)
        if not raw:
            return None
        return raw.decode("utf-8", "replace").rstrip("\r\n")

    def handle(self) -> None:  # noqa: C901 - one SMTP state machine reads best in one place
        srv: ScriptedSMTP = self.server  # type: ignore[assignment]
        self.send(220, [f"{srv.banner} ESMTP ready"])
        mail_from = None
        rcpts: list[str] = []
        while True:
            line = self.readline()
            if line is None:
                return
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                if verb == "HELO":
                    self.send(250, [srv.banner])
                else:
                    self.send(250, [srv.banner, "PIPELINING", "SIZE 52428800", "8BITMIME", "SMTPUTF8",
                                    "ENHANCEDSTATUSCODES"])
                mail_from, rcpts = None, []
            elif verb == "MAIL":
                mail_from = norm_address(line.split(":", 1)[1]) if ":" in line else ""
                rcpts = []
                self.send(250, ["2.1.0 Sender ok"])
            elif verb == "RCPT":
                if mail_from is None:
                    self.send(503, ["5.5.1 Need MAIL command first"])
                    continue
                addr = norm_address(line.split(":", 1)[1]) if ":" in line else ""
                reply = None if srv.sink else srv.script.lookup(addr)
                if reply and reply[0] == "rcpt":
                    srv.log(f"RCPT {addr} -> {reply[1]}")
                    self.send(reply[1], reply[2])
                    if reply[1] == 421:
                        return
                    continue
                rcpts.append(addr)
                self.send(250, ["2.1.5 Recipient ok"])
            elif verb == "DATA":
                if not rcpts:
                    self.send(554, ["5.5.1 No valid recipients"])
                    continue
                self.send(354, ["End data with <CR><LF>.<CR><LF>"])
                data = self.read_data()
                if data is None:
                    return
                if srv.sink:
                    srv.store(mail_from or "", rcpts, data)
                    self.send(250, ["2.0.0 Ok: stored"])
                else:
                    reply = next((r for r in map(srv.script.lookup, rcpts) if r and r[0] == "data"), None)
                    if reply:
                        srv.log(f"DATA {rcpts[0]} -> {reply[1]}")
                        self.send(reply[1], reply[2])
                        if reply[1] == 421:
                            return
                    else:
                        self.send(250, ["2.0.0 Ok: queued"])
                mail_from, rcpts = None, []
            elif verb == "RSET":
                mail_from, rcpts = None, []
                self.send(250, ["2.0.0 Ok"])
            elif verb == "NOOP":
                self.send(250, ["2.0.0 Ok"])
            elif verb == "QUIT":
                self.send(221, ["2.0.0 Bye"])
                return
            elif verb == "VRFY":
                self.send(252, ["2.0.0 Cannot VRFY user"])
            else:
                self.send(502, ["5.5.2 Command not recognized"])

    def read_data(self) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            raw = self.rfile.readline(MAX_LINE * 4)
            if not raw:
                return None
            if raw in (b".\r\n", b".\n"):
                return b"".join(chunks)
            if raw.startswith(b".."):
                raw = raw[1:]
            size += len(raw)
            if size <= MAX_MESSAGE:
                chunks.append(raw)


class ScriptedSMTP(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, banner: str, script: Script | None = None, sink_dir: str | None = None,
                 logfile=None, host: str = "127.0.0.1"):
        self.banner = banner
        self.script = script or Script({})
        self.sink = sink_dir is not None
        self.sink_dir = sink_dir
        self.logfile = logfile
        self._lock = threading.Lock()
        self._n = 0
        super().__init__((host, port), _Handler)

    def log(self, text: str) -> None:
        if self.logfile is not None:
            with self._lock:
                self.logfile.write(f"{time.strftime('%H:%M:%S')} {self.banner}: {text}\n")
                self.logfile.flush()

    def store(self, mail_from: str, rcpts: list[str], data: bytes) -> None:
        """Write like a local delivery agent: Return-Path and Delivered-To on top, LF line ends."""
        with self._lock:
            self._n += 1
            n = self._n
        head = f"Return-Path: <{mail_from}>\nDelivered-To: {rcpts[0]}\n".encode()
        body = data.replace(b"\r\n", b"\n")
        name = f"{time.time():.6f}.{os.getpid()}.{n}.sink"
        tmp = os.path.join(self.sink_dir, "tmp", name)
        with open(tmp, "wb") as fh:
            fh.write(head + body)
        os.rename(tmp, os.path.join(self.sink_dir, "new", name))
        self.log(f"stored {name} from <{mail_from}>")


def serve_in_thread(server: ScriptedSMTP) -> threading.Thread:
    t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    t.start()
    return t
