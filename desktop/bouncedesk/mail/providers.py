"""Sign-in providers and mail server presets, read from data (resources/mail/providers.json).

So that a user types only an address: `preset_for_address("x@gmail.com")` gives the servers and
the way to sign in. Providers are data, not code: a third one is an entry in the bundled file or
in `<data dir>/oauth_providers.json` (same shape, entries there win).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from bouncedesk.errors import InputError

USER_PROVIDERS_FILE = "oauth_providers.json"


@dataclass(frozen=True)
class OAuthProvider:
    """Where and how to sign in: endpoints, scopes and the client (app) identity. No user tokens."""

    name: str
    title: str
    authorize_url: str
    token_url: str
    scopes: tuple[str, ...]
    client_id: str = ""
    client_secret: str | None = field(default=None, repr=False)  # installed apps: not really secret
    client_secret_required: bool = False
    revoke_url: str = ""
    authorize_params: tuple[tuple[str, str], ...] = ()
    client_help: tuple[tuple[str, str], ...] = ()  # (language, text)
    # The host name in the loopback redirect (RFC 8252 prefers the IP literal; Microsoft's app
    # registration takes http://localhost, with any port). The listener always binds 127.0.0.1.
    redirect_host: str = "127.0.0.1"

    def with_client(self, client_id: str | None, client_secret: str | None = None) -> OAuthProvider:
        """The same provider with the user's own client ID (and secret, where the provider needs one)."""
        return replace(
            self,
            client_id=(client_id or self.client_id or "").strip(),
            client_secret=client_secret if client_secret is not None else self.client_secret,
        )

    def check_client(self) -> None:
        """A clear error before the browser opens, when the app identity is missing."""
        if not self.client_id:
            raise InputError(
                f"signing in with {self.title} needs the client ID of your own registered app "
                f"(--client-id); {self.help('en')}".rstrip("; ")
            )
        if self.client_secret_required and not self.client_secret:
            raise InputError(f"signing in with {self.title} needs the client secret of your OAuth client as well")

    def help(self, language: str = "en") -> str:
        texts = dict(self.client_help)
        return texts.get(language) or texts.get("en", "")

    def to_config(self) -> dict:
        """What the store may keep about an account's sign-in: endpoints and client ID, no secret."""
        return {
            "name": self.name, "title": self.title, "authorize_url": self.authorize_url,
            "token_url": self.token_url, "scopes": list(self.scopes), "client_id": self.client_id,
            "client_secret_required": self.client_secret_required, "revoke_url": self.revoke_url,
            "authorize_params": dict(self.authorize_params), "redirect_host": self.redirect_host,
        }  # fmt: skip

    @classmethod
    def from_config(cls, name: str, data: dict) -> OAuthProvider:
        try:
            scopes = data["scopes"]
            if isinstance(scopes, str):
                scopes = scopes.split()
            for key in ("authorize_url", "token_url"):
                if not str(data[key]).startswith(("https://", "http://127.0.0.1", "http://localhost")):
                    raise InputError(f"sign-in provider {name!r}: {key} must be an https:// address")
            redirect_host = str(data.get("redirect_host") or "127.0.0.1")
            if redirect_host not in ("127.0.0.1", "localhost"):
                raise InputError(f"sign-in provider {name!r}: redirect_host must be 127.0.0.1 or localhost")
            return cls(
                name=name,
                title=str(data.get("title") or name),
                authorize_url=str(data["authorize_url"]),
                token_url=str(data["token_url"]),
                scopes=tuple(str(s) for s in scopes),
                client_id=str(data.get("client_id") or ""),
                client_secret_required=bool(data.get("client_secret_required", False)),
                revoke_url=str(data.get("revoke_url") or ""),
                authorize_params=tuple(sorted((str(k), str(v)) for k, v in (data.get("authorize_params") or {}).items())),
                client_help=tuple(sorted((str(k), str(v)) for k, v in (data.get("client_help") or {}).items())),
                redirect_host=redirect_host,
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"sign-in provider {name!r} is incomplete: {exc} is missing or wrong") from exc


@dataclass(frozen=True)
class ServerSettings:
    host: str
    port: int
    security: str  # tls | starttls (the names mail.imap and mail.smtp use)


@dataclass(frozen=True)
class Preset:
    """A mail service's published settings, so the user types only an address."""

    key: str
    title: str
    domains: tuple[str, ...]
    imap: ServerSettings
    smtp: ServerSettings
    auth_method: str  # "oauth2" or "password"
    oauth_provider: str | None = None
    username: str = "email"  # "email": the full address; "localpart": the part before @
    app_password: bool = False  # the provider wants an app password instead of the normal one
    help_texts: tuple[tuple[str, str], ...] = ()

    def help(self, language: str = "en") -> str:
        texts = dict(self.help_texts)
        return texts.get(language) or texts.get("en", "")

    def username_for(self, email: str) -> str:
        return email.split("@", 1)[0] if self.username == "localpart" else email


def _bundled_file() -> Path:
    from bouncedesk.config import resources_dir

    return resources_dir() / "mail" / "providers.json"


@lru_cache(maxsize=4)
def _load(path: str) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the mail provider list {path}: {exc}") from exc


def _data(data_dir: Path | None = None) -> tuple[dict, dict]:
    base = _load(str(_bundled_file()))
    providers = dict(base.get("oauth_providers", {}))
    presets = dict(base.get("presets", {}))
    if data_dir is not None:
        user_file = Path(data_dir) / USER_PROVIDERS_FILE
        if user_file.is_file():
            _load.cache_clear()  # the user may have edited it since
            user = _load(str(user_file))
            providers.update(user.get("oauth_providers", {}))
            presets.update(user.get("presets", {}))
    return providers, presets


def oauth_providers(data_dir: Path | None = None) -> dict[str, OAuthProvider]:
    providers, _ = _data(data_dir)
    return {name: OAuthProvider.from_config(name, d) for name, d in providers.items() if not name.startswith("_")}


def oauth_provider(name: str, data_dir: Path | None = None) -> OAuthProvider:
    found = oauth_providers(data_dir)
    key = (name or "").strip().lower()
    if key not in found:
        raise InputError(f"unknown sign-in provider {name!r}; known: {', '.join(sorted(found)) or 'none'}")
    return found[key]


def _server(d: dict) -> ServerSettings:
    return ServerSettings(str(d["host"]), int(d["port"]), str(d["security"]))


def presets(data_dir: Path | None = None) -> dict[str, Preset]:
    _, raw = _data(data_dir)
    out = {}
    for key, d in raw.items():
        if key.startswith("_"):
            continue
        try:
            out[key] = Preset(
                key=key,
                title=str(d.get("title") or key),
                domains=tuple(x.lower() for x in d.get("domains", ())),
                imap=_server(d["imap"]),
                smtp=_server(d["smtp"]),
                auth_method=str(d.get("auth_method", "password")),
                oauth_provider=d.get("oauth_provider"),
                username=str(d.get("username", "email")),
                app_password=bool(d.get("app_password", False)),
                help_texts=tuple(sorted((d.get("help") or {}).items())),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"mail preset {key!r} is incomplete: {exc}") from exc
    return out


def split_address(email: str) -> tuple[str, str]:
    """'Name@Example.COM ' -> ('Name', 'example.com'); InputError for anything that is not an address."""
    text = (email or "").strip()
    local, at, domain = text.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in text) or domain.startswith("."):
        raise InputError(f"not an e-mail address: {email!r}")
    return local, domain.lower().rstrip(".")


def preset_for_address(email: str, data_dir: Path | None = None) -> Preset | None:
    """The preset whose domains include the address's domain (or a parent domain), else None."""
    _, domain = split_address(email)
    by_domain = {d: p for p in presets(data_dir).values() for d in p.domains}
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        hit = by_domain.get(".".join(parts[i:]))
        if hit is not None:
            return hit
    return None
