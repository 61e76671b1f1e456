"""The policy's editable knobs and their defaults (the store keeps the user's copy as JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from bouncedesk.classify.verdict import SENDER_SIDE_REASONS
from bouncedesk.errors import InputError
from bouncedesk.policy.model import ACTIONS, RETRY, SENDER_ALERT, SUPPRESS
from bouncedesk.policy.provenance import TRUST_MODES, TRUST_VERIFIED

HOUR = 3600
DAY = 86400

# Default action per reason. Reasons not listed fall through to the verdict (hard → suppress,
# sender side → alert, else the classifier's action hint); see rules.decide.
DEFAULT_REASON_ACTIONS: dict[str, str] = {
    **{r: SENDER_ALERT for r in sorted(SENDER_SIDE_REASONS)},
    "userunknown": SUPPRESS,
    "hostunknown": SUPPRESS,
    "hasmoved": SUPPRESS,
    "mailboxfull": RETRY,
    "suspend": RETRY,
}
# Default action per enhanced status code; these beat the reason.
DEFAULT_CODE_ACTIONS: dict[str, str] = {
    "4.2.1": RETRY,  # mailbox temporarily disabled
    "4.2.2": RETRY,  # mailbox full
    "5.2.2": RETRY,  # mailbox full, reported as permanent: the person may still be reachable
    "5.1.1": SUPPRESS,  # no such user
    "5.1.2": SUPPRESS,  # no such domain
    "5.1.10": SUPPRESS,  # null MX
}
# "Temporarily disabled mailboxes": these codes, plus reason `suspend` with a 4.x.x code.
DEFAULT_TEMP_DISABLED_CODES = ("4.2.1",)
# Hours before the first retry, per reason, where the schedule's first step would be wrong: a server
# that says we send too fast or open too many connections takes mail again within hours (Gmail's
# "450 4.2.1 ... receiving mail too quickly"), while a disabled mailbox needs days.
DEFAULT_REASON_FIRST_HOURS: dict[str, int] = {"speeding": 2, "toomanyconn": 2}


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """Retry schedule, attempt limit, `frequent` threshold and per-reason/per-code actions."""

    # Wait before attempt 1 (after the bounce), 2 (after attempt 1), ...; the last one repeats.
    schedule_hours: tuple[int, ...] = (24, 48, 72, 168)
    max_attempts: int = 4
    frequent_count: int = 3
    frequent_days: int = 30
    reason_actions: MappingProxyType = field(default_factory=lambda: MappingProxyType(dict(DEFAULT_REASON_ACTIONS)))
    code_actions: MappingProxyType = field(default_factory=lambda: MappingProxyType(dict(DEFAULT_CODE_ACTIONS)))
    temp_disabled_codes: tuple[str, ...] = DEFAULT_TEMP_DISABLED_CODES
    # Which bounces move a recipient without review (see policy.provenance.TRUST_MODES).
    trust: str = TRUST_VERIFIED
    # A soft bounce older than this when it arrives is history: recorded, never retried.
    # None: the schedule's own span (the sum of its steps, 13 days by default).
    history_hours: int | None = None
    # Per-reason wait before the first retry (hours); later retries follow `schedule_hours`.
    reason_first_hours: MappingProxyType = field(
        default_factory=lambda: MappingProxyType(dict(DEFAULT_REASON_FIRST_HOURS)))
    # A reply from a retrying or inactive address to mail we sent to it makes it active again
    # (see policy.recovery).
    recover_on_reply: bool = True
    # Mailings (store.mailings, policy.mailings): messages with the same subject and sender belong to
    # one mailing while they span less than this; a mailing's bounce rate (per cent of its
    # recipients) warns from `mailing_warn_percent`, urgently from `mailing_high_percent`, and its
    # complaint rate from `mailing_complaint_percent` (where these come from: ui/views/help.py).
    mailing_window_hours: int = 24
    mailing_warn_percent: float = 5.0
    mailing_high_percent: float = 10.0
    mailing_complaint_percent: float = 0.3

    def __post_init__(self) -> None:
        if not 3 <= self.max_attempts <= 5:
            raise InputError(f"max attempts must be between 3 and 5, not {self.max_attempts}")
        if not self.schedule_hours or any(int(h) <= 0 for h in self.schedule_hours):
            raise InputError("the retry schedule needs at least one positive number of hours")
        if self.frequent_count < 1 or self.frequent_days < 1:
            raise InputError("the 'frequent' threshold needs a count and a number of days of at least 1")
        for table in (self.reason_actions, self.code_actions):
            for key, action in table.items():
                if action not in ACTIONS:
                    raise InputError(f"unknown policy action {action!r} for {key!r} (known: {', '.join(ACTIONS)})")
        if self.trust not in TRUST_MODES:
            raise InputError(f"unknown trust setting {self.trust!r} (known: {', '.join(TRUST_MODES)})")
        if self.history_hours is not None and int(self.history_hours) <= 0:
            raise InputError("the age after which a bounce is history must be a positive number of hours")
        for reason, hours in self.reason_first_hours.items():
            if not isinstance(hours, int | float) or hours <= 0:
                raise InputError(f"the first retry after {reason!r} needs a positive number of hours, not {hours!r}")
        if not 1 <= int(self.mailing_window_hours) <= 24 * 31:
            raise InputError(f"a mailing spans 1 to {24 * 31} hours, not {self.mailing_window_hours}")
        rates = (self.mailing_warn_percent, self.mailing_high_percent, self.mailing_complaint_percent)
        if any(not isinstance(p, int | float) or not 0 < p <= 100 for p in rates):
            raise InputError("the mailing alert levels are per cent values above 0 and up to 100")
        if self.mailing_high_percent < self.mailing_warn_percent:
            raise InputError("the urgent bounce-rate level of a mailing must not be below its warning level")
        # Freeze plain dicts handed in by callers.
        object.__setattr__(self, "reason_actions", MappingProxyType(dict(self.reason_actions)))
        object.__setattr__(self, "code_actions", MappingProxyType(dict(self.code_actions)))
        object.__setattr__(self, "reason_first_hours", MappingProxyType(dict(self.reason_first_hours)))
        object.__setattr__(self, "schedule_hours", tuple(int(h) for h in self.schedule_hours))
        object.__setattr__(self, "temp_disabled_codes", tuple(self.temp_disabled_codes))

    def delay_after(self, attempts: int, reason: str = "") -> int:
        """Seconds to wait before the next attempt when `attempts` retries were sent so far; the first
        wait after a bounce whose reason has its own first delay (a rate limit: hours, not a day) is that."""
        if attempts == 0 and reason in self.reason_first_hours:
            return int(self.reason_first_hours[reason] * HOUR)
        hours = self.schedule_hours
        return hours[min(attempts, len(hours) - 1)] * HOUR

    @property
    def history_span(self) -> int:
        """Seconds after which a soft bounce is too old to schedule a retry."""
        if self.history_hours is not None:
            return int(self.history_hours) * HOUR
        return sum(self.delay_after(k) for k in range(self.max_attempts))

    @property
    def frequent_window(self) -> int:
        return self.frequent_days * DAY

    def to_json(self) -> dict[str, Any]:
        return {
            "schedule_hours": list(self.schedule_hours),
            "max_attempts": self.max_attempts,
            "frequent_count": self.frequent_count,
            "frequent_days": self.frequent_days,
            "reason_actions": dict(self.reason_actions),
            "code_actions": dict(self.code_actions),
            "temp_disabled_codes": list(self.temp_disabled_codes),
            "trust": self.trust,
            "history_hours": self.history_hours,
            "reason_first_hours": dict(self.reason_first_hours),
            "recover_on_reply": self.recover_on_reply,
            "mailing_window_hours": self.mailing_window_hours,
            "mailing_warn_percent": self.mailing_warn_percent,
            "mailing_high_percent": self.mailing_high_percent,
            "mailing_complaint_percent": self.mailing_complaint_percent,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PolicySettings:
        """Unknown keys are ignored and missing ones take the default, so old stores keep working."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for k in ("schedule_hours", "temp_disabled_codes"):
            if k in known:
                known[k] = tuple(known[k])
        return cls(**known)
