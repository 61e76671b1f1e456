"""Bounce parsing: bytes of one message in, findings out. No I/O, no store, no Qt."""

from bouncedesk.dsn.model import Finding, OriginalMessage, ParsedMessage
from bouncedesk.dsn.parse import parse_message

__all__ = ["Finding", "OriginalMessage", "ParsedMessage", "parse_message"]
