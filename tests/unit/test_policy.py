"""The retry policy as tables: each kind of result through its whole schedule, with an injected clock."""

from __future__ import annotations

import pytest

from bouncedesk.errors import InputError
from bouncedesk.policy import (
    ACTIVE,
    INACTIVE,
    PAUSED,
    RETRYING,
    SUPPRESSED,
    Observation,
    PolicySettings,
    RecipientState,
    UserEvent,
    apply_observation,
    apply_retry_sent,
    apply_user,
    decide,
    is_frequent,
    is_retry_due,
    replay,
    settle,
)

H = 3600
D = 86400
T0 = 1_700_000_000
DEFAULT = PolicySettings()


def soft(at: int, status: str = "4.2.1", reason: str = "suspend") -> Observation:
    return Observation("bounce", at, status, reason, False, "recipient", "retry-schedule")


def hard(at: int) -> Observation:
    return Observation("bounce", at, "5.1.1", "userunknown", True, "recipient", "suppress")


def kinds(t) -> list[str]:
    return [e.kind for e in t.effects]


@pytest.mark.parametrize("max_attempts", [3, 4, 5])
def test_soft_bounce_walks_the_whole_schedule_then_goes_inactive(max_attempts: int) -> None:
    settings = PolicySettings(max_attempts=max_attempts)
    waits = [24 * H, 48 * H, 72 * H, 168 * H, 168 * H, 168 * H]  # the last step repeats
    t = apply_observation(RecipientState(), soft(T0), T0, settings)
    s = t.state
    assert s.state == RETRYING and s.attempts == 0 and s.next_retry_at == T0 + waits[0]
    assert kinds(t) == ["retry-scheduled"]
    now = T0
    for k in range(1, max_attempts + 1):
        due = s.next_retry_at
        assert not is_retry_due(s, due - 1, settings)
        assert is_retry_due(s, due, settings)
        now = due
        s = apply_retry_sent(s, now, settings).state
        assert s.attempts == k and s.next_retry_at == now + waits[k]
        # The retry bounces back an hour later.
        t = apply_observation(s, soft(now + H), now + H, settings)
        s = t.state
        if k < max_attempts:
            assert s.state == RETRYING, k
            assert "retry-scheduled" in kinds(t)
        else:
            assert s.state == INACTIVE
            assert "inactive" in kinds(t)
        # Three bounces within 30 days (the first, and the first two retries bouncing) make it frequent.
        assert ("frequent" in kinds(t)) == (k == 2)
    assert not is_retry_due(s, now + 365 * D, settings)


def test_retried_recipient_without_new_bounce_is_active_again_when_next_attempt_is_due() -> None:
    s = apply_observation(RecipientState(), soft(T0), T0, DEFAULT).state
    s = apply_retry_sent(s, T0 + 24 * H, DEFAULT).state
    due = T0 + 24 * H + 48 * H
    assert settle(s, due - 1, DEFAULT).state.state == RETRYING
    t = settle(s, due, DEFAULT)
    assert t.state.state == ACTIVE and t.state.attempts == 0 and t.state.next_retry_at is None
    assert kinds(t) == ["recovered"]
    assert not is_retry_due(s, due, DEFAULT)  # not sent again: it is settling instead


def test_after_the_last_attempt_no_bounce_means_active() -> None:
    settings = PolicySettings(max_attempts=3)
    s = apply_observation(RecipientState(), soft(T0), T0, settings).state
    for _ in range(3):
        due = s.next_retry_at
        s = apply_retry_sent(s, due, settings).state
        if s.attempts < 3:
            s = apply_observation(s, soft(due + 60), due + 60, settings).state
    assert s.attempts == 3 and s.state == RETRYING
    assert settle(s, s.next_retry_at, settings).state.state == ACTIVE


@pytest.mark.parametrize(
    "obs, expected",
    [
        (hard(T0), SUPPRESSED),
        (Observation("complaint", T0, "", "feedback", False, "recipient", "suppress"), SUPPRESSED),
        (Observation("delay", T0, "4.4.7", "expired", False, "network", "none"), ACTIVE),
        (Observation("auto-reply", T0, "", "vacation", False, "recipient", "none"), ACTIVE),
        (Observation("delivered", T0, "2.0.0", "delivered", False, "recipient", "none"), ACTIVE),
        (soft(T0, "4.2.2", "mailboxfull"), RETRYING),
        (soft(T0, "5.2.2", "mailboxfull"), RETRYING),
        (Observation("bounce", T0, "5.7.1", "spamdetected", False, "message", "fix-message"), ACTIVE),
    ],
)
def test_first_result_of_each_kind(obs: Observation, expected: str) -> None:
    assert apply_observation(RecipientState(), obs, T0, DEFAULT).state.state == expected


@pytest.mark.parametrize("reason", ["blocked", "badreputation", "requireptr", "authfailure", "rejected", "norelaying"])
def test_sender_side_reasons_never_penalise_the_recipient(reason: str) -> None:
    s = RecipientState()
    for i in range(5):
        obs = Observation("bounce", T0 + i * D, "5.7.1", reason, False, "sender", "fix-sender-setup")
        t = apply_observation(s, obs, T0 + i * D, DEFAULT)
        assert kinds(t) == ["sender-alert"]
        s = t.state
    assert s.state == ACTIVE and s.recent_bounces == () and not is_frequent(s, T0 + 5 * D, DEFAULT)


def test_delivered_report_brings_retrying_and_inactive_back() -> None:
    delivered = Observation("delivered", T0 + D, "2.0.0", "delivered", False, "recipient", "none")
    retrying = apply_observation(RecipientState(), soft(T0), T0, DEFAULT).state
    assert apply_observation(retrying, delivered, T0 + D, DEFAULT).state.state == ACTIVE
    inactive = RecipientState(state=INACTIVE, last_event_at=T0)
    t = apply_observation(inactive, delivered, T0 + D, DEFAULT)
    assert t.state.state == ACTIVE and kinds(t) == ["recovered"]
    # A suppression is a decision a delivery report does not overturn.
    assert apply_observation(RecipientState(state=SUPPRESSED), delivered, T0 + D, DEFAULT).state.state == SUPPRESSED


def test_auto_reply_with_return_date_delays_the_next_retry() -> None:
    s = apply_observation(RecipientState(), soft(T0), T0, DEFAULT).state
    back = T0 + 10 * D
    ooo = Observation("auto-reply", T0 + H, "", "vacation", False, "recipient", "none", return_at=back)
    t = apply_observation(s, ooo, T0 + H, DEFAULT)
    assert t.state.state == RETRYING and t.state.next_retry_at == back
    assert kinds(t) == ["waiting"]
    assert not is_retry_due(t.state, back - 1, DEFAULT) and is_retry_due(t.state, back, DEFAULT)
    # An auto-reply first, then a soft bounce: the retry waits for the return date too.
    first = apply_observation(RecipientState(), ooo, T0 + H, DEFAULT).state
    assert first.state == ACTIVE
    assert apply_observation(first, soft(T0 + 2 * H), T0 + 2 * H, DEFAULT).state.next_retry_at == back


def test_frequent_is_three_counted_bounces_within_thirty_days() -> None:
    s = RecipientState()
    for day in (0, 10, 29):
        s = apply_observation(s, Observation("bounce", T0 + day * D, "5.2.2", "mailboxfull", False, "recipient",
                                             "retry-schedule"), T0 + day * D, DEFAULT).state  # fmt: skip
    assert is_frequent(s, T0 + 29 * D, DEFAULT)
    assert is_frequent(s, T0 + 30 * D - 1, DEFAULT)
    assert not is_frequent(s, T0 + 30 * D, DEFAULT)  # the first one left the window
    spread = RecipientState()
    for day in (0, 16, 31):
        spread = apply_observation(spread, soft(T0 + day * D), T0 + day * D, DEFAULT).state
    assert not is_frequent(spread, T0 + 31 * D, DEFAULT)


def test_status_code_setting_beats_reason_and_verdict() -> None:
    settings = PolicySettings(code_actions={"4.2.1": "suppress"}, reason_actions={"mailboxfull": "record"})
    assert decide(soft(T0, "4.2.1", "suspend"), settings) == "suppress"
    assert decide(soft(T0, "4.2.2", "mailboxfull"), settings) == "record"
    assert apply_observation(RecipientState(), soft(T0, "4.2.2", "mailboxfull"), T0, settings).state.state == ACTIVE
    assert decide(soft(T0, "4.2.1", "suspend"), DEFAULT) == "retry"


def test_older_result_never_overturns_newer_news() -> None:
    s = apply_user(RecipientState(state=SUPPRESSED), "unsuppress", T0 + 5 * D, DEFAULT).state
    t = apply_observation(s, hard(T0), T0 + 6 * D, DEFAULT)  # an old bounce imported late
    assert t.state.state == ACTIVE and t.state.last_bounce_at == T0


def test_pause_overlays_the_state_until_resumed() -> None:
    s = apply_user(RecipientState(), "pause", T0, DEFAULT).state
    assert s.state == PAUSED
    s = apply_observation(s, soft(T0 + H), T0 + H, DEFAULT).state
    assert s.state == PAUSED and s.paused_state == RETRYING
    assert not is_retry_due(s, T0 + 10 * D, DEFAULT)
    with pytest.raises(InputError):
        apply_retry_sent(s, T0 + 2 * D, DEFAULT)
    resumed = apply_user(s, "resume", T0 + 2 * D, DEFAULT).state
    assert resumed.state == RETRYING and is_retry_due(resumed, T0 + 2 * D, DEFAULT)


@pytest.mark.parametrize(
    "state, action",
    [(SUPPRESSED, "suppress"), (ACTIVE, "unsuppress"), (PAUSED, "pause"), (SUPPRESSED, "pause"), (ACTIVE, "resume"),
     (ACTIVE, "explode")],
)  # fmt: skip
def test_user_actions_that_do_not_apply_are_refused(state: str, action: str) -> None:
    with pytest.raises(InputError):
        apply_user(RecipientState(state=state, paused_state=ACTIVE if state == PAUSED else None), action, T0, DEFAULT)


def test_manual_retry_of_inactive_recipient_gets_one_more_chance() -> None:
    s = apply_retry_sent(RecipientState(state=INACTIVE, last_event_at=T0), T0 + D, DEFAULT).state
    assert s.state == RETRYING and s.attempts == DEFAULT.max_attempts
    assert apply_observation(s, soft(T0 + D + H), T0 + D + H, DEFAULT).state.state == INACTIVE


@pytest.mark.parametrize("bad", [{"max_attempts": 2}, {"max_attempts": 6}, {"schedule_hours": ()},
                                 {"schedule_hours": (24, 0)}, {"reason_actions": {"userunknown": "nuke"}}])  # fmt: skip
def test_settings_are_validated(bad: dict) -> None:
    with pytest.raises(InputError):
        PolicySettings(**bad)


def test_settings_round_trip_through_json() -> None:
    s = PolicySettings(max_attempts=5, schedule_hours=(12, 24), code_actions={"4.2.1": "suppress"})
    assert PolicySettings.from_json(s.to_json()) == s
    assert PolicySettings.from_json({"max_attempts": 3, "unknown_future_key": 1}).max_attempts == 3


def test_replay_in_time_order_keeps_user_decisions() -> None:
    items = [soft(T0), UserEvent("retry-sent", T0 + D), soft(T0 + D + H), UserEvent("pause", T0 + 2 * D)]
    s = replay(list(reversed(items)), T0 + 3 * D, DEFAULT)
    assert s.state == PAUSED and s.paused_state == RETRYING and s.attempts == 1
    # An action that no longer applies is skipped, not fatal.
    assert replay([UserEvent("unsuppress", T0)], T0, DEFAULT).state == ACTIVE


@pytest.mark.parametrize("reason", ["speeding", "toomanyconn"])
def test_a_rate_limited_recipient_is_retried_within_hours_then_on_the_normal_schedule(reason: str) -> None:
    """Gmail's '450 4.2.1 ... receiving mail too quickly' is a rate limit: 2 h, not a day, then 48 h, 72 h, 1 week."""
    t = apply_observation(RecipientState(), soft(T0, "4.2.1", reason), T0, DEFAULT)
    s = t.state
    assert s.state == RETRYING and s.next_retry_at == T0 + 2 * H
    s = apply_retry_sent(s, s.next_retry_at, DEFAULT).state
    assert s.next_retry_at == s.last_retry_at + 48 * H


def test_a_disabled_mailbox_keeps_the_day_long_first_wait() -> None:
    s = apply_observation(RecipientState(), soft(T0, "4.2.1", "suspend"), T0, DEFAULT).state
    assert s.next_retry_at == T0 + 24 * H
    assert DEFAULT.delay_after(0, "mailboxfull") == 24 * H and DEFAULT.delay_after(1, "speeding") == 48 * H


def test_per_reason_first_wait_is_a_setting() -> None:
    custom = PolicySettings(reason_first_hours={"speeding": 6})
    assert custom.delay_after(0, "speeding") == 6 * H and custom.delay_after(0, "toomanyconn") == 24 * H
    assert PolicySettings.from_json(custom.to_json()).reason_first_hours == custom.reason_first_hours
    with pytest.raises(InputError):
        PolicySettings(reason_first_hours={"speeding": 0})
