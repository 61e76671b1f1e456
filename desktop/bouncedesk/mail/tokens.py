"""Where OAuth2 access tokens come from, as far as IMAP (and SMTP) need to know.

The sign-in flows (Google, Microsoft) live in `mail.oauth`; the mail code only
asks a `TokenProvider` for a current token, so a static token works the same way in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

# How an account logs in. "password": LOGIN (or AUTHENTICATE PLAIN); "oauth2": a bearer token with
# XOAUTH2 when the server offers it, else OAUTHBEARER; "xoauth2"/"oauthbearer": that mechanism only.
AUTH_METHODS = ("password", "oauth2", "xoauth2", "oauthbearer")


@runtime_checkable
class TokenProvider(Protocol):
    """Gives a valid OAuth2 access token for one account, refreshing it when needed."""

    def access_token(self, now: int) -> str:
        """A bearer token valid at `now` (UTC epoch seconds). Raises AuthError if none can be had."""
        ...

    # Optional: `invalidate()` drops a cached token the server refused; mail.imap and the SMTP
    # XOAUTH2 login then ask once more (mail.oauth.OAuthTokenProvider has it, StaticToken not).


@dataclass(frozen=True)
class StaticToken:
    """A fixed token: for tests and for users who paste a token from elsewhere."""

    token: str = field(repr=False)

    def access_token(self, now: int) -> str:
        return self.token

