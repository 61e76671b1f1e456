"""BounceDesk: collect bounce messages, tell why they bounced, and act on them."""

__version__ = "0.1.0"
