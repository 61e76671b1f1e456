"""When a mailing's bounce or complaint rate needs the user's attention. Pure: counts and settings in,
an alert out; the levels are PolicySettings (their sources are cited in the help page)."""

from __future__ import annotations

from dataclasses import dataclass

from bouncedesk.policy.settings import PolicySettings

BOUNCE_WARN = "warn"  # at or above mailing_warn_percent
BOUNCE_HIGH = "high"  # at or above mailing_high_percent
# Below this many recipients a rate says little (one bounce of 19 is already 5 %): no alert.
MIN_ALERT_SENT = 20


def percent(part: int, whole: int) -> float | None:
    """part of whole in per cent; None without a whole."""
    return 100.0 * part / whole if whole > 0 else None


@dataclass(frozen=True, slots=True)
class MailingAlert:
    """What is wrong with a mailing's rates: bounce level ('' | warn | high) and complaints over the line."""

    bounce: str = ""
    complaints: bool = False

    @property
    def level(self) -> str:
        """'' (fine), 'warn' or 'high'; complaints over the line are urgent: providers start to refuse."""
        if self.bounce == BOUNCE_HIGH or self.complaints:
            return BOUNCE_HIGH
        return self.bounce

    def __bool__(self) -> bool:
        return bool(self.level)


def mailing_alert(sent: int, bounced: int, complaints: int, settings: PolicySettings) -> MailingAlert:
    """The alert for a mailing with `sent` recipients, `bounced` of them bounced, `complaints` complained."""
    if sent < MIN_ALERT_SENT:
        return MailingAlert()
    rate = percent(bounced, sent) or 0.0
    level = ""
    if rate >= settings.mailing_high_percent:
        level = BOUNCE_HIGH
    elif rate >= settings.mailing_warn_percent:
        level = BOUNCE_WARN
    over = (percent(complaints, sent) or 0.0) >= settings.mailing_complaint_percent
    return MailingAlert(level, over)
