"""policy.story: one story per result, told from what BounceDesk really does (no Qt)."""

from __future__ import annotations

from datetime import UTC

import pytest

from bouncedesk.classify.explain import next_step, term
from bouncedesk.policy import machine
from bouncedesk.policy.model import (
    ACTIONS,
    ACTIVE,
    INACTIVE,
    PAUSED,
    RETRY,
    RETRYING,
    SUPPRESS,
    SUPPRESSED,
    Observation,
    RecipientState,
)
from bouncedesk.policy.provenance import REVIEW_DISMISSED, REVIEW_PENDING, word
from bouncedesk.policy.rules import decide
from bouncedesk.policy.settings import DAY, HOUR, PolicySettings
from bouncedesk.policy.story import display_kind, headline, tell, tell_result, when

NOW = 1_767_225_600  # 2026-01-01 00:00 UTC
S = PolicySettings()
KINDS = ("hard", "soft", "delay", "complaint", "auto-reply", "delivered")
REASON_OF = {"hard": "userunknown", "soft": "mailboxfull", "delay": "expired", "complaint": "feedback",
             "auto-reply": "vacation", "delivered": "delivered"}  # fmt: skip
STATUS_OF = {"hard": "5.1.1", "soft": "5.2.2", "delay": "4.4.7", "complaint": "", "auto-reply": "",
             "delivered": "2.0.0"}  # fmt: skip
STATES = {
    "active": RecipientState(),
    "retrying": RecipientState(RETRYING, attempts=1, next_retry_at=NOW + 2 * DAY, last_retry_at=NOW - DAY,
                               last_bounce_at=NOW - HOUR),
    "retrying-due": RecipientState(RETRYING, attempts=0, next_retry_at=NOW - HOUR),
    "retrying-last": RecipientState(RETRYING, attempts=4, next_retry_at=NOW + 7 * DAY, last_retry_at=NOW - HOUR),
    "inactive": RecipientState(INACTIVE, attempts=4),
    "suppressed": RecipientState(SUPPRESSED, reason="5.1.1"),
    "suppressed-user": RecipientState(SUPPRESSED, reason="user"),
    "paused": RecipientState(PAUSED, paused_state=RETRYING, attempts=1, next_retry_at=NOW + DAY),
    "none": None,
}  # fmt: skip
FORBIDDEN = ("permanent", "dauerhaft", "few weeks", "einigen Wochen")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("decision", ACTIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_decision_and_state_tells_a_whole_story(kind, decision, state, lang) -> None:
    st = tell(STATUS_OF[kind], REASON_OF[kind], kind, decision, STATES[state], NOW, lang, S, tz=UTC)
    assert st.headline and st.explanation and st.next_step
    assert st.next_step.startswith(st.app)
    text = f"{st.headline} {st.explanation} {st.next_step}"
    assert not any(w in text for w in FORBIDDEN), text
    assert "{" not in text and "}" not in text  # every placeholder filled
    assert term("kind", kind, lang) in st.headline
    rs = STATES[state]
    if rs is None:
        assert ("würde" if lang == "de" else "would") in st.app  # no recipient: what the policy would do
    elif rs.state in (SUPPRESSED, INACTIVE, PAUSED):
        assert st.app.startswith(term("state", rs.state, lang).capitalize()) or "user" in state
    elif state == "retrying":
        assert when(rs.next_retry_at, NOW, lang, UTC) in st.app
        assert ("2 von 4" if lang == "de" else "2 of 4") in st.app


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_retried_5_2_2_never_says_permanent_and_names_the_retry(lang) -> None:
    obs = Observation("bounce", NOW - HOUR, "5.2.2", "mailboxfull", False, "recipient", "retry-schedule")
    assert decide(obs, S) == RETRY  # the default policy retries a full mailbox, whatever the class says
    state = machine.apply_observation(RecipientState(), obs, NOW, S).state
    st = tell_result("bounce", "5.2.2", "mailboxfull", False, state, NOW, lang, S, side="recipient",
                     action_hint="retry-schedule", tz=UTC)  # fmt: skip
    text = f"{st.headline} {st.explanation} {st.next_step}".lower()
    assert "permanent" not in text and "dauerhaft" not in text
    assert st.headline == ("5.2.2 — Mailbox full · soft bounce" if lang == "en"
                           else "5.2.2 — Postfach voll · weicher Bounce")  # fmt: skip
    assert when(NOW - HOUR + 24 * HOUR, NOW, lang, UTC) in st.next_step
    assert ("1 of 4" if lang == "en" else "1 von 4") in st.next_step


@pytest.mark.parametrize("lang", ["en", "de"])
def test_4_2_1_next_step_names_the_real_retry_time_not_weeks(lang) -> None:
    at = NOW - 2 * HOUR
    obs = Observation("bounce", at, "4.2.1", "suspend", False, "recipient", "retry-schedule")
    state = machine.apply_observation(RecipientState(), obs, NOW, S).state
    assert state.state == RETRYING and state.next_retry_at == at + S.delay_after(0)
    st = tell_result("bounce", "4.2.1", "suspend", False, state, NOW, lang, S, tz=UTC)
    expected = when(state.next_retry_at, NOW, lang, UTC)
    assert expected in st.next_step
    assert expected == ("1 Jan at 22:00" if lang == "en" else "1. Jan. um 22:00 Uhr")
    assert "week" not in st.next_step and "Woche" not in st.next_step
    assert st.advice == next_step("suspend", lang)
    assert st.headline == ("4.2.1 — Mailbox disabled · soft bounce" if lang == "en"
                           else "4.2.1 — Postfach deaktiviert · weicher Bounce")  # fmt: skip


def test_generic_code_is_headed_by_the_reason_and_says_the_code_plainly() -> None:
    st = tell_result("bounce", "5.0.0", "mailboxfull", False, None, NOW)
    assert st.headline == "5.0.0 — Mailbox full · soft bounce"
    assert st.explanation.endswith("Code 5.0.0: No further details given (the server refused).")
    # Without a reason the code's own meaning heads it; without either, it says no code was given.
    assert headline("5.2.2", "", "soft") == "5.2.2 — Mailbox full · soft bounce"
    assert headline("5.2.99", "undefined", "soft", "de") == "5.2.99 — Problem mit dem Postfach des Empfängers · " \
        "weicher Bounce"  # fmt: skip
    assert headline("", "", "soft") == "No status code was given · soft bounce"
    # No result at all (an address suppressed by you or imported from a tool's list): no bounce to name.
    assert headline("", "", "") == "No bounce from this address"
    assert headline("", "", "", "de") == "Kein Bounce von dieser Adresse"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_bounce_waiting_for_review_changes_nothing_and_says_so(lang) -> None:
    for state in (None, STATES["retrying"]):
        st = tell_result("bounce", "5.1.1", "userunknown", True, state, NOW, lang, review=REVIEW_PENDING)
        assert st.next_step == word("review-next", lang)
    for state in (None, STATES["retrying"]):
        st = tell_result("bounce", "5.1.1", "userunknown", True, state, NOW, lang, review=REVIEW_DISMISSED)
        assert st.next_step == ("You dismissed this bounce: it changes nothing." if lang == "en"
                                else "Sie haben diesen Bounce verworfen: Er ändert nichts.")  # fmt: skip


def test_suppressed_states_say_who_and_how_to_undo() -> None:
    st = tell_result("bounce", "5.1.1", "userunknown", True, STATES["suppressed"], NOW)
    assert st.app.startswith("Suppressed: BounceDesk will not send to this address again. Unsuppress it if")
    assert st.advice == next_step("userunknown")
    de = tell_result("bounce", "5.1.1", "userunknown", True, STATES["suppressed"], NOW, "de")
    assert de.app.startswith("Gesperrt: BounceDesk sendet nicht mehr an diese Adresse.")
    user = tell_result("bounce", "5.2.2", "mailboxfull", False, STATES["suppressed-user"], NOW, "de")
    assert user.app.startswith("Von Ihnen gesperrt:")
    complaint = tell_result("complaint", "", "feedback", False, RecipientState(SUPPRESSED, reason="feedback"), NOW)
    assert "only if the person asks" in complaint.app and complaint.advice == ""


def test_due_last_attempt_paused_and_settled_states() -> None:
    due = tell_result("bounce", "4.2.2", "mailboxfull", False, STATES["retrying-due"], NOW)
    assert due.app.startswith("A retry is due now (attempt 1 of 4): “Run due retries” sends it.")
    last = tell_result("bounce", "4.2.2", "mailboxfull", False, STATES["retrying-last"], NOW, tz=UTC)
    assert "all 4 retries" in last.app and when(NOW + 7 * DAY, NOW, "en", UTC) in last.app
    paused = tell_result("bounce", "4.2.2", "mailboxfull", False, STATES["paused"], NOW, "de")
    assert paused.app.startswith("Pausiert: BounceDesk sendet nichts")
    # A retry went out and its due time passed without a new bounce: the policy counts it active again.
    settled = RecipientState(RETRYING, attempts=1, next_retry_at=NOW - HOUR, last_retry_at=NOW - DAY,
                             last_bounce_at=NOW - 2 * DAY)  # fmt: skip
    st = tell_result("bounce", "4.2.2", "mailboxfull", False, settled, NOW)
    assert st.app.startswith("Active: mail to this address goes out as usual")


def test_active_recipient_is_told_by_the_decision() -> None:
    sender = tell_result("bounce", "5.7.1", "blocked", False, RecipientState(ACTIVE), NOW, side="sender",
                         action_hint="fix-sender-setup")  # fmt: skip
    assert sender.app.startswith("Nothing changes for this address: the problem is on your side")
    assert sender.headline == "5.7.1 — Sender IP blocked · soft bounce"
    delay = tell_result("delay", "4.4.7", "expired", False, RecipientState(ACTIVE), NOW)
    assert delay.app.startswith("Your mail server is still trying")
    back = RecipientState(ACTIVE, return_at=NOW + 3 * DAY)
    auto = tell_result("auto-reply", "", "vacation", False, back, NOW, tz=UTC)
    assert auto.app.endswith(f"back on {when(NOW + 3 * DAY, NOW, 'en', UTC)}.")


def test_would_texts_follow_the_users_settings() -> None:
    strict = PolicySettings(code_actions={"5.2.2": SUPPRESS}, schedule_hours=(6, 12), max_attempts=3)
    st = tell_result("bounce", "5.2.2", "mailboxfull", False, None, NOW, settings=strict)
    assert st.app == "BounceDesk would suppress this address and send nothing more to it."
    st = tell_result("bounce", "4.2.2", "mailboxfull", False, None, NOW, "de", strict)
    assert st.app == "BounceDesk würde 6 Stunden nach dem Bounce wiederholen (Versuch 1 von 3)."


def test_dates_are_local_with_the_year_only_when_it_differs() -> None:
    assert when(NOW + 8 * DAY + 14 * HOUR, NOW, "en", UTC) == "9 Jan at 14:00"
    assert when(NOW + 8 * DAY + 14 * HOUR, NOW, "de", UTC) == "9. Jan. um 14:00 Uhr"
    assert when(NOW - DAY, NOW, "en", UTC) == "31 Dec 2025 at 00:00"
    assert display_kind("bounce", True) == "hard" and display_kind("bounce", False) == "soft"
    assert display_kind("delay", False) == "delay"
