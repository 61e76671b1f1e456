"""The classifier's answer for one finding: what the code means and what to do."""

from __future__ import annotations

from dataclasses import dataclass

# Who must act.
SIDES = ("recipient", "sender", "message", "network", "unknown")
# What the user is advised to do.
ACTION_HINTS = ("retry-schedule", "suppress", "fix-sender-setup", "fix-message", "none")
# Reasons that concern the sender's own setup: they never count against a recipient.
SENDER_SIDE_REASONS = frozenset({"blocked", "badreputation", "requireptr", "authfailure", "rejected", "norelaying"})
# Reasons that say the address itself is bad (a hard bounce).
HARD_REASONS = frozenset({"userunknown", "hostunknown", "hasmoved", "notaccept"})
# Reasons about how the sender sends (too fast, too many connections): the address is fine.
RATE_REASONS = frozenset({"speeding", "toomanyconn"})
# Reasons that never make a hard bounce, whatever else a table says: the sender's own setup, its rate,
# and what a filter thought of the message.
NEVER_HARD = SENDER_SIDE_REASONS | RATE_REASONS | frozenset(
    {"spamdetected", "virusdetected", "policyviolation", "securityerror", "failedstarttls", "filtered",
     "contenterror", "notcompliantrfc", "syntaxerror", "expired", "onhold"})


def is_hard(reason: str, temporary: bool) -> bool:
    """The address itself is bad: a hard reason, and never one that blames the sender or its rate
    (a temporary 'accepts no mail' is not final either)."""
    if reason in NEVER_HARD or reason not in HARD_REASONS:
        return False
    return not (reason == "notaccept" and temporary)


@dataclass(slots=True, frozen=True)
class Verdict:
    status: str  # enhanced status code, "" when none could be found or inferred
    status_source: str  # "dsn", "text", "inferred", "corrected" (a user's correction replaced it) or ""
    reason: str  # in the corpus vocabulary (userunknown, mailboxfull, ...)
    hard: bool  # the address itself is bad
    side: str  # one of SIDES
    action_hint: str  # one of ACTION_HINTS

    @property
    def status_class(self) -> str:
        """'2', '4' or '5' ('' without a code)."""
        return self.status[:1]
