"""Where OAuth2 access tokens come from, as far as IMAP (and SMTP) need to know.

The sign-in flows (Google, Microsoft) live in `mail.oauth` (a later issue); the mail code only
asks a `TokenProvider` for a current token, so a static token works the same way in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

# The SASL mechanisms an account can log in with. "password" means LOGIN (or AUTHENTICATE PLAIN).
AUTH_METHODS = ("password", "xoauth2", "oauthbearer")


@runtime_checkable
class TokenProvider(Protocol):
    """Gives a valid OAuth2 access token for one account, refreshing it when needed."""

    def access_token(self, now: int) -> str:
        """A bearer token valid at `now` (UTC epoch seconds). Raises AuthError if none can be had."""
        ...


@dataclass(frozen=True)
class StaticToken:
    """A fixed token: for tests and for users who paste a token from elsewhere."""

    token: str = field(repr=False)

    def access_token(self, now: int) -> str:
        return self.token

