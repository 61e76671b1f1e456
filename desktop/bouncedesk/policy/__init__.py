"""Retry schedule and recipient state machine: pure functions of (state, event, now, settings).

Public API (everything a caller needs):
    RecipientState, Observation, Effect, Transition      plain data (policy.model)
    PolicySettings                                       schedule, max attempts, per-reason/code actions
    apply_observation(state, obs, now, settings)         a parser result for the recipient
    apply_retry_sent(state, now, settings)               a retry went out (or was marked re-sent)
    apply_user(state, action, now, settings)             suppress / unsuppress / pause / resume
    settle(state, now, settings)                         no bounce after a retry by its due time → active
    is_retry_due, is_frequent, frequent_until, replay, decide
"""

from bouncedesk.policy.machine import (
    RETRY_SENT,
    UserEvent,
    apply_observation,
    apply_retry_sent,
    apply_user,
    frequent_until,
    is_frequent,
    is_retry_due,
    replay,
    settle,
)
from bouncedesk.policy.model import (
    ACTIVE,
    DO_NOT_SEND,
    INACTIVE,
    PAUSED,
    RETRYING,
    STATES,
    SUPPRESSED,
    USER_ACTIONS,
    Effect,
    Observation,
    RecipientState,
    Transition,
)
from bouncedesk.policy.rules import decide, is_temporarily_disabled
from bouncedesk.policy.settings import PolicySettings

__all__ = [
    "ACTIVE",
    "DO_NOT_SEND",
    "INACTIVE",
    "PAUSED",
    "RETRYING",
    "RETRY_SENT",
    "STATES",
    "SUPPRESSED",
    "USER_ACTIONS",
    "Effect",
    "Observation",
    "PolicySettings",
    "RecipientState",
    "Transition",
    "UserEvent",
    "apply_observation",
    "apply_retry_sent",
    "apply_user",
    "decide",
    "frequent_until",
    "is_frequent",
    "is_retry_due",
    "is_temporarily_disabled",
    "replay",
    "settle",
]
