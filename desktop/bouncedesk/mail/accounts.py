"""What the poller knows about one mail account: server, login, folders. Never the password."""

from __future__ import annotations

from dataclasses import dataclass

from bouncedesk.errors import InputError
from bouncedesk.mail.endpoint import DEFAULT_PORTS, ImapEndpoint, check_endpoint, normalize_fingerprint


@dataclass(frozen=True)
class Account:
    name: str
    host: str
    username: str
    port: int = 0  # 0: the default for the security mode (993 tls, 143 starttls/plain)
    security: str = "tls"
    auth_method: str = "password"
    folders: tuple[str, ...] = ("INBOX",)
    sent_folder: str | None = None  # None: found through SPECIAL-USE \Sent when needed
    processed_folder: str | None = None  # None: recognized bounces stay where they are
    tls_fingerprint: str | None = None  # SHA-256 of a self-signed certificate the user trusts

    def __post_init__(self) -> None:
        name = (self.name or "").strip()
        if not name or any(c in name for c in "\r\n\t"):
            raise InputError("an account needs a name (one line, not empty)")
        object.__setattr__(self, "name", name)
        if not self.username:
            raise InputError(f"account {name!r} needs a user name (--user)")
        if not self.port:
            object.__setattr__(self, "port", DEFAULT_PORTS.get(self.security, 993))
        check_endpoint(self.host, self.port, self.security, self.auth_method)
        folders = tuple(f for f in (x.strip() for x in self.folders) if f) or ("INBOX",)
        object.__setattr__(self, "folders", tuple(dict.fromkeys(folders)))
        if self.processed_folder is not None and not self.processed_folder.strip():
            object.__setattr__(self, "processed_folder", None)
        if self.processed_folder and self.processed_folder in self.folders:
            raise InputError(f"the processed folder {self.processed_folder!r} cannot also be a watched folder")
        if self.tls_fingerprint:
            if self.security == "plain":
                raise InputError("a certificate fingerprint needs --security tls or starttls")
            object.__setattr__(self, "tls_fingerprint", normalize_fingerprint(self.tls_fingerprint))

    def endpoint(self, timeout: float | None = None) -> ImapEndpoint:
        kw = {"timeout": timeout} if timeout else {}
        return ImapEndpoint(
            host=self.host,
            port=self.port,
            security=self.security,
            username=self.username,
            auth_method=self.auth_method,
            tls_fingerprint=self.tls_fingerprint,
            **kw,
        )
