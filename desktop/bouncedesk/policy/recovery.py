"""Recovery: when an address that bounced counts as working again, and how that reads.

Two kinds of evidence recover a retrying or inactive recipient: a trusted `delivered` report
(policy.machine, action RECOVER) and an ordinary reply *from* the address to mail we sent to
it (here). Pure: the caller has already checked that the reply is tied to our mail (its
In-Reply-To/References name a message we sent to this address, its From is this address)
and passes the reply's date and subject, `now` and the settings.

What never recovers by itself: a suppressed recipient (a hard bounce, a complaint or the
user decided) and a paused one (the user decided); a reply not newer than the bounce or
event that set the state; a reply read a second time (the caller keeps the event's `why`
as the key, see `reply_why`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bouncedesk.policy.model import (
    ACTIVE,
    E_RECOVERED,
    INACTIVE,
    RETRYING,
    Effect,
    RecipientState,
    Transition,
)
from bouncedesk.policy.settings import PolicySettings

# States a reply or a delivery report may turn active again. Never SUPPRESSED or PAUSED: those
# are decisions (a hard bounce, a complaint, or the user's) that only the user reverses.
RECOVERABLE = frozenset({RETRYING, INACTIVE})
# The event log's actor of a recovery by evidence: not "policy", so `undo` can reverse it.
RECOVERY_ACTOR = "recovery"
# Why-texts of recoveries (English, as every event's why); `recovery_parts` reads them back.
REPLIED = "replied on "  # the start of every reply's why-text (reparse replays those events)
_DELIVERED = "delivery confirmed"
_SETTLED = "no new bounce after retry "
MAX_SUBJECT = 120  # characters of a reply's subject kept in the why-text


def _clean_subject(subject: str) -> str:
    """One line, no control characters or quotes that would end the quoted part, at most MAX_SUBJECT."""
    text = "".join(
        c if c.isprintable() and c != "'" else ("’" if c == "'" else " ") for c in subject[: MAX_SUBJECT * 4]
    )
    text = " ".join(text.split())
    return text[:MAX_SUBJECT] + ("…" if len(text) > MAX_SUBJECT else "")


def utc_minute(ts: int) -> str:
    """'2026-12-03 14:05 UTC': a stable spelling for why-texts (the UI shows local time)."""
    return datetime.fromtimestamp(int(ts), UTC).strftime("%Y-%m-%d %H:%M UTC")


def reply_why(at: int, subject: str) -> str:
    """The event's why-text and the reply's key: replied on 2026-12-03 14:05 UTC to 'Re: Spring offer'."""
    return f"{REPLIED}{utc_minute(at)} to '{_clean_subject(subject)}'"


def delivered_why(status: str) -> str:
    """The why-text of a delivery report's recovery: delivery confirmed (2.0.0)."""
    status = " ".join((status or "").split())[:20]
    return f"{_DELIVERED} ({status})" if status else _DELIVERED


def settled_why(attempts: int) -> str:
    return f"{_SETTLED}{attempts}"


def is_evidence_recovery(why: str) -> bool:
    """A recovery by a reply or a delivery report (not the schedule's 'no new bounce')."""
    return why.startswith((REPLIED, _DELIVERED))


def recovery_parts(why: str) -> tuple[str, dict[str, str]]:
    """A recovery's why-text as (kind, fields) for words in any language: ('reply', {date, subject}),
    ('delivered', {status}), ('settled', {attempts}) or ('other', {text}). Plain string work."""
    if why.startswith(REPLIED):
        date, sep, rest = why[len(REPLIED) :].partition(" to '")
        if sep:
            return "reply", {"date": date, "subject": rest[:-1] if rest.endswith("'") else rest}
    if why.startswith(_DELIVERED):
        status = why[len(_DELIVERED) :].strip().strip("()")
        return "delivered", {"status": status}
    if why.startswith(_SETTLED):
        return "settled", {"attempts": why[len(_SETTLED) :]}
    return "other", {"text": why}


def reply_threshold(state: RecipientState) -> int:
    """A reply must be newer than this: the newest counted bounce and the newest event that moved
    the state (a reply older than those says nothing about the address now)."""
    return max(state.last_bounce_at or 0, state.last_event_at or 0)


def apply_reply(
    state: RecipientState, reply_at: int, subject: str, now: int, settings: PolicySettings
) -> Transition:
    """A verified reply from the address: retrying or inactive → active (attempts and the schedule
    cleared); anything else, an older reply, or `recover_on_reply` off → no change."""
    if not settings.recover_on_reply or state.state not in RECOVERABLE:
        return Transition(state)
    at = min(int(reply_at), int(now))
    if at <= reply_threshold(state):
        return Transition(state)
    new = replace(state, state=ACTIVE, attempts=0, next_retry_at=None, last_event_at=at, reason="replied")
    return Transition(new, (Effect(E_RECOVERED, reply_why(at, subject), at),))


def recovery_actor(effects: tuple[Effect, ...], actor: str) -> str:
    """The event's actor: RECOVERY_ACTOR for a policy step that recovered by evidence (a delivery
    report), so `undo` can reverse it; `actor` otherwise."""
    if any(e.kind == E_RECOVERED and is_evidence_recovery(e.why) for e in effects):
        return RECOVERY_ACTOR
    return actor
