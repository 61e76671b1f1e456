"""Which policy action one classified result calls for.

Kept apart from the state machine so the GUI can show "what would happen" for a reason or
code, and so the per-reason/per-code settings have one place where they take effect.
"""

from __future__ import annotations

from bouncedesk.classify.verdict import SENDER_SIDE_REASONS
from bouncedesk.policy.model import RECORD, RECOVER, RETRY, SENDER_ALERT, SUPPRESS, WAIT, Observation
from bouncedesk.policy.settings import PolicySettings

_KIND_ACTIONS = {"complaint": SUPPRESS, "auto-reply": WAIT, "delay": RECORD, "delivered": RECOVER}
_HINT_ACTIONS = {
    "retry-schedule": RETRY,
    "suppress": SUPPRESS,
    "fix-sender-setup": SENDER_ALERT,
    "fix-message": RECORD,
}


def decide(obs: Observation, settings: PolicySettings) -> str:
    """The action for one result, most specific rule first.

    Non-bounce kinds have fixed meanings (complaint → suppress, auto-reply → wait, delay →
    record, delivered → recover). For a bounce: the status code's setting, then the reason's,
    then the verdict (hard → suppress, sender side → alert), then the classifier's hint; a
    4.x.x failure nobody claimed is retried, anything else is only recorded.
    """
    fixed = _KIND_ACTIONS.get(obs.kind)
    if fixed is not None:
        return fixed
    if obs.status and obs.status in settings.code_actions:
        return settings.code_actions[obs.status]
    if obs.reason and obs.reason in settings.reason_actions:
        return settings.reason_actions[obs.reason]
    if obs.hard:
        return SUPPRESS
    if obs.side == "sender" or obs.reason in SENDER_SIDE_REASONS:
        return SENDER_ALERT
    hinted = _HINT_ACTIONS.get(obs.action_hint)
    if hinted is not None:
        return hinted
    return RETRY if obs.status.startswith("4") else RECORD


def moves_recipient(obs: Observation, settings: PolicySettings) -> bool:
    """Whether this result would change a recipient's state (so its provenance matters)."""
    return decide(obs, settings) in (RETRY, SUPPRESS, RECOVER, WAIT)


def counts_against_recipient(obs: Observation, action: str) -> bool:
    """Bounces that are the recipient's problem count towards `frequent`; sender-side never do."""
    return obs.kind == "bounce" and action in (RETRY, SUPPRESS)


def is_temporarily_disabled(status: str, reason: str, settings: PolicySettings) -> bool:
    """4.2.1 "mailbox temporarily disabled" and its kin (a suspended account reported as 4.x.x)."""
    return status in settings.temp_disabled_codes or (reason == "suspend" and status.startswith("4"))
