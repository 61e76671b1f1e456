"""The recipient state machine: pure functions of (state, event, now, settings) → Transition.

Nothing here reads the clock or the store: the caller passes `now` (UTC epoch seconds) and
persists the returned state. Effects say what happened, for the event log and the UI.

Retry cycle (default schedule 24 h, 48 h, 72 h, 1 week; max 4 attempts):
  soft bounce at t0 → RETRYING, attempt 1 due t0+24h
  retry k sent at tk → attempt k+1 due tk + schedule[k] (the last step repeats)
  a bounce after retry k < max → attempt k+1 stays due; after retry max → INACTIVE
  no bounce after retry k by its due time → ACTIVE again (settle)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from bouncedesk.errors import InputError
from bouncedesk.policy.model import (
    ACTIVE,
    E_FREQUENT,
    E_INACTIVE,
    E_PAUSED,
    E_RECORDED,
    E_RECOVERED,
    E_RESUMED,
    E_RETRY_SCHEDULED,
    E_RETRY_SENT,
    E_SENDER_ALERT,
    E_SUPPRESSED,
    E_UNSUPPRESSED,
    E_WAITING,
    INACTIVE,
    PAUSED,
    RECOVER,
    RETRY,
    RETRYING,
    SENDER_ALERT,
    SUPPRESS,
    SUPPRESSED,
    USER_PAUSE,
    USER_RESUME,
    USER_SUPPRESS,
    USER_UNSUPPRESS,
    WAIT,
    Effect,
    Observation,
    RecipientState,
    Transition,
)
from bouncedesk.policy.recovery import RECOVERABLE, apply_reply, delivered_why, settled_why
from bouncedesk.policy.rules import counts_against_recipient, decide
from bouncedesk.policy.settings import PolicySettings

RETRY_SENT = "retry-sent"  # the replay name of apply_retry_sent


def _unwrap(state: RecipientState) -> RecipientState:
    return replace(state, state=state.paused_state or ACTIVE, paused_state=None)


def _rewrap(inner: Transition) -> Transition:
    return Transition(replace(inner.state, state=PAUSED, paused_state=inner.state.state), inner.effects)


def frequent_until(state: RecipientState, settings: PolicySettings) -> int | None:
    """Until when the recipient counts as `frequent` (N counted bounces within M days), or None."""
    n = settings.frequent_count
    if len(state.recent_bounces) < n:
        return None
    return state.recent_bounces[-n] + settings.frequent_window


def is_frequent(state: RecipientState, now: int, settings: PolicySettings) -> bool:
    until = frequent_until(state, settings)
    return until is not None and now < until


def _needs_settling(s: RecipientState, now: int) -> bool:
    return (
        s.state == RETRYING
        and s.attempts > 0
        and s.next_retry_at is not None
        and now >= s.next_retry_at
        and (s.last_bounce_at is None or s.last_retry_at is None or s.last_bounce_at < s.last_retry_at)
    )


def settle(state: RecipientState, now: int, settings: PolicySettings) -> Transition:
    """A retried recipient with no new bounce by the time its next attempt is due is active again."""
    if state.state == PAUSED:
        inner = settle(_unwrap(state), now, settings)
        return _rewrap(inner) if inner.effects else Transition(state)
    if not _needs_settling(state, now):
        return Transition(state)
    due = state.next_retry_at
    new = replace(
        state, state=ACTIVE, attempts=0, next_retry_at=None, last_event_at=max(due, state.last_event_at or 0), reason=""
    )
    return Transition(new, (Effect(E_RECOVERED, settled_why(state.attempts), due),))


def is_retry_due(state: RecipientState, now: int, settings: PolicySettings) -> bool:
    """True when a retry should be sent now (the store's pending-retries query mirrors this)."""
    return (
        state.state == RETRYING
        and state.next_retry_at is not None
        and state.next_retry_at <= now
        and state.attempts < settings.max_attempts
        and not _needs_settling(state, now)
    )


def _count_bounce(s: RecipientState, at: int, settings: PolicySettings) -> RecipientState:
    recent = tuple(sorted((*s.recent_bounces, at)))[-settings.frequent_count :]
    last = at if s.last_bounce_at is None else max(s.last_bounce_at, at)
    return replace(s, recent_bounces=recent, last_bounce_at=last)


def is_history(obs: Observation, settings: PolicySettings) -> bool:
    """A soft bounce that was already older than the whole retry schedule when it arrived."""
    return obs.received_at is not None and obs.received_at - obs.at > settings.history_span


def _why(obs: Observation) -> str:
    parts = [obs.kind, obs.status, obs.reason]
    return " ".join(p for p in parts if p)


def apply_observation(
    state: RecipientState, obs: Observation, now: int, settings: PolicySettings
) -> Transition:
    """Fold one classified result into the recipient's state.

    A result older than the last state-moving event only counts (towards `frequent`); it
    never overturns what newer news or the user decided.
    """
    at = min(obs.at, now)
    if state.state == PAUSED:
        if decide(obs, settings) == RECOVER:
            return Transition(state)  # a pause is the user's decision: a delivery report leaves it as it is
        inner = apply_observation(_unwrap(state), replace(obs, at=at), now, settings)
        return _rewrap(inner)
    pre = settle(state, at, settings)
    s = pre.state
    effects: list[Effect] = list(pre.effects)
    action = decide(obs, settings)
    was_frequent = is_frequent(s, at, settings)
    if counts_against_recipient(obs, action):
        s = _count_bounce(s, at, settings)
        if not was_frequent and is_frequent(s, at, settings):
            effects.append(Effect(E_FREQUENT, f"{settings.frequent_count} bounces in {settings.frequent_days} days"))
    stale = s.last_event_at is not None and at < s.last_event_at
    if action == SENDER_ALERT:
        effects.append(Effect(E_SENDER_ALERT, obs.reason or obs.status))
    elif stale:
        pass
    elif action == WAIT:
        if obs.return_at is not None and obs.return_at > at:
            ret = max(obs.return_at, s.return_at or 0)
            s = replace(s, return_at=ret)
            if s.state == RETRYING and s.next_retry_at is not None and s.next_retry_at < ret:
                s = replace(s, next_retry_at=ret)
            effects.append(Effect(E_WAITING, "auto-reply states a return date", ret))
    elif action == RECOVER:
        if s.state in RECOVERABLE:
            s = replace(s, state=ACTIVE, attempts=0, next_retry_at=None, last_event_at=at, reason="delivered")
            effects.append(Effect(E_RECOVERED, delivered_why(obs.status), at))
    elif action == SUPPRESS:
        if s.state != SUPPRESSED:
            s = replace(
                s, state=SUPPRESSED, attempts=0, next_retry_at=None, last_event_at=at, reason=obs.status or obs.reason
            )
            effects.append(Effect(E_SUPPRESSED, _why(obs), at))
    elif action == RETRY and is_history(obs, settings):
        effects.append(Effect(E_RECORDED, f"{_why(obs)}: older than the retry schedule when it arrived, not retried"))
    elif action == RETRY:
        s, more = _soft_bounce(s, obs, at, settings)
        effects += more
    return Transition(s, tuple(effects))


def _soft_bounce(
    s: RecipientState, obs: Observation, at: int, settings: PolicySettings
) -> tuple[RecipientState, list[Effect]]:
    if s.state == ACTIVE:
        due = at + settings.delay_after(0, obs.reason)
        if s.return_at is not None and s.return_at > due:
            due = s.return_at
        s = replace(s, state=RETRYING, attempts=0, next_retry_at=due, last_event_at=at, reason=obs.status or obs.reason)
        return s, [Effect(E_RETRY_SCHEDULED, f"{_why(obs)}: attempt 1/{settings.max_attempts}", due)]
    if s.state != RETRYING or s.attempts == 0 or s.last_retry_at is None or at < s.last_retry_at:
        # Already scheduled, or inactive/suppressed, or a bounce of mail sent before the retry.
        return s, []
    if s.attempts >= settings.max_attempts:
        s = replace(s, state=INACTIVE, next_retry_at=None, last_event_at=at, reason=obs.status or obs.reason)
        return s, [Effect(E_INACTIVE, f"retry {s.attempts}/{settings.max_attempts} bounced too: {_why(obs)}", at)]
    s = replace(s, last_event_at=at, reason=obs.status or obs.reason)
    why = f"retry {s.attempts} bounced ({_why(obs)}): attempt {s.attempts + 1}/{settings.max_attempts}"
    return s, [Effect(E_RETRY_SCHEDULED, why, s.next_retry_at)]


def apply_retry_sent(state: RecipientState, now: int, settings: PolicySettings) -> Transition:
    """A retry went out at `now` (sent, or marked as re-sent by hand): count it, schedule the next check.

    Raises InputError for a suppressed or paused recipient (unsuppress or resume first).
    """
    if state.state == PAUSED:
        raise InputError("this recipient is paused: resume it before retrying")
    if state.state == SUPPRESSED:
        raise InputError("this recipient is suppressed: unsuppress it before retrying")
    s = settle(state, now, settings).state
    if s.state == RETRYING:
        attempts = min(s.attempts + 1, settings.max_attempts)
    elif s.state == INACTIVE:
        attempts = settings.max_attempts  # one more chance: a bounce makes it inactive again
    else:
        attempts = 1
    due = now + settings.delay_after(attempts)
    new = replace(s, state=RETRYING, attempts=attempts, last_retry_at=now, next_retry_at=due, last_event_at=now)
    return Transition(new, (Effect(E_RETRY_SENT, f"attempt {attempts}/{settings.max_attempts}", due),))


def apply_user(state: RecipientState, action: str, now: int, settings: PolicySettings) -> Transition:
    """suppress / unsuppress / pause / resume; InputError when the action does not apply."""
    st = state.state
    if action == USER_SUPPRESS:
        if st == SUPPRESSED:
            raise InputError("this recipient is already suppressed")
        new = replace(
            state, state=SUPPRESSED, paused_state=None, next_retry_at=None, attempts=0, last_event_at=now, reason="user"
        )
        return Transition(new, (Effect(E_SUPPRESSED, "by the user", now),))
    if action == USER_UNSUPPRESS:
        if st != SUPPRESSED:
            raise InputError(f"this recipient is not suppressed (it is {st})")
        new = replace(state, state=ACTIVE, attempts=0, next_retry_at=None, last_event_at=now, reason="user")
        return Transition(new, (Effect(E_UNSUPPRESSED, "by the user", now),))
    if action == USER_PAUSE:
        if st == PAUSED:
            raise InputError("this recipient is already paused")
        if st == SUPPRESSED:
            raise InputError("this recipient is suppressed: there is nothing to pause")
        new = replace(state, state=PAUSED, paused_state=st, last_event_at=now)
        return Transition(new, (Effect(E_PAUSED, "by the user", now),))
    if action == USER_RESUME:
        if st != PAUSED:
            raise InputError(f"this recipient is not paused (it is {st})")
        inner = replace(_unwrap(state), last_event_at=now)
        settled = settle(inner, now, settings)
        return Transition(settled.state, (Effect(E_RESUMED, "by the user", now), *settled.effects))
    raise InputError(f"unknown action {action!r}")


@dataclass(frozen=True, slots=True)
class UserEvent:
    """A user action or retry send as it appears in the event log, for replay."""

    action: str  # suppress, unsuppress, pause, resume, "retry-sent" or "recovered" (a reply, policy.recovery)
    at: int


def replay(
    items: Iterable[Observation | UserEvent], now: int, settings: PolicySettings, start: RecipientState | None = None
) -> RecipientState:
    """Rebuild a state from its history in time order (used by `reparse`).

    Actions that no longer apply (e.g. unsuppress of a recipient that a re-parse no longer
    suppresses) are skipped; the rest keep the user's decisions.
    """
    s = start or RecipientState()
    ordered = sorted(items, key=lambda it: (it.at, isinstance(it, UserEvent)))
    for it in ordered:
        try:
            if isinstance(it, Observation):
                s = apply_observation(s, it, max(now, it.at), settings).state
            elif it.action == RETRY_SENT:
                s = apply_retry_sent(s, it.at, settings).state
            elif it.action == E_RECOVERED:  # a reply to our mail (policy.recovery): no stored result holds it
                s = apply_reply(s, it.at, "", max(now, it.at), settings).state
            else:
                s = apply_user(s, it.action, it.at, settings).state
        except InputError:
            continue
    return settle(s, now, settings).state

