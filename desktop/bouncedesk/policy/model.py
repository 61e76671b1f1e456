"""The policy's plain data: a recipient's state, what can happen to it, and what follows.

No I/O here: the store persists these values, the policy functions compute them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Recipient states.
ACTIVE = "active"  # mail goes out normally
RETRYING = "retrying"  # soft bounce: a retry is scheduled (see RecipientState.next_retry_at)
INACTIVE = "inactive"  # the last scheduled retry bounced too: not sent to, listed for clean-up
SUPPRESSED = "suppressed"  # hard bounce, complaint or the user's decision: never sent to
PAUSED = "paused"  # the user paused it: no retries, not sent to, until resumed
STATES = (ACTIVE, RETRYING, INACTIVE, SUPPRESSED, PAUSED)
# States whose addresses must not be mailed (export/scrub drop them).
DO_NOT_SEND = frozenset({SUPPRESSED, INACTIVE, PAUSED})

# What the policy decides to do about one observed result (settings map reasons/codes to these).
RETRY = "retry"  # schedule a retry (soft bounce)
SUPPRESS = "suppress"  # suppress the address at once
SENDER_ALERT = "sender-alert"  # the sender's setup is at fault: no penalty, raise an alert
RECORD = "record"  # keep the result, change nothing
WAIT = "wait"  # auto-reply: no penalty, wait for a stated return date
RECOVER = "recover"  # proof of delivery: back to active
ACTIONS = (RETRY, SUPPRESS, SENDER_ALERT, RECORD, WAIT, RECOVER)

# User actions the policy knows (retry sends are RetrySent, see machine.apply_retry_sent).
USER_SUPPRESS = "suppress"
USER_UNSUPPRESS = "unsuppress"
USER_PAUSE = "pause"
USER_RESUME = "resume"
USER_ACTIONS = (USER_SUPPRESS, USER_UNSUPPRESS, USER_PAUSE, USER_RESUME)

# Effect kinds (also the `action` of policy rows in the event log).
E_RETRY_SCHEDULED = "retry-scheduled"
E_RETRY_SENT = "retry-sent"
E_SUPPRESSED = "suppressed"
E_UNSUPPRESSED = "unsuppressed"
E_INACTIVE = "inactive"
E_RECOVERED = "recovered"
E_PAUSED = "paused"
E_RESUMED = "resumed"
E_SENDER_ALERT = "sender-alert"
E_FREQUENT = "frequent"
E_WAITING = "waiting"
E_RECORDED = "recorded"


@dataclass(frozen=True, slots=True)
class RecipientState:
    """Everything the policy needs to know about one recipient; all times are UTC epoch seconds."""

    state: str = ACTIVE
    attempts: int = 0  # retries sent in the current soft-bounce cycle
    # When the next retry is due; after the last allowed attempt, when "no new bounce" turns it active.
    next_retry_at: int | None = None
    last_bounce_at: int | None = None  # newest bounce that counts against the recipient
    last_retry_at: int | None = None  # when the latest retry was sent
    last_event_at: int | None = None  # newest event that moved the state; older ones only count
    return_at: int | None = None  # an auto-reply's stated return date
    recent_bounces: tuple[int, ...] = ()  # counted bounce times inside the `frequent` window, ascending
    paused_state: str | None = None  # the state underneath while PAUSED
    reason: str = ""  # why it is in this state (a reason, a status code or "user")


@dataclass(frozen=True, slots=True)
class Observation:
    """One classified parser result about a recipient, as the policy sees it."""

    kind: str  # bounce, delay, complaint, auto-reply, delivered
    at: int  # when it happened (the bounce's date), epoch seconds
    status: str = ""
    reason: str = ""
    hard: bool = False
    side: str = "unknown"
    action_hint: str = "none"
    return_at: int | None = None  # auto-reply: stated return date
    received_at: int | None = None  # when we got the message (an old bounce schedules nothing)


@dataclass(frozen=True, slots=True)
class Effect:
    """Something that follows from a transition: worth an event row, an alert or a UI notice."""

    kind: str  # one of the E_* names
    why: str = ""
    at: int | None = None  # e.g. the time a retry was scheduled for


@dataclass(frozen=True, slots=True)
class Transition:
    """A policy step's answer: the new state and what follows from it."""

    state: RecipientState
    effects: tuple[Effect, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return bool(self.effects)
