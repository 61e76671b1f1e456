"""One story per result: its headline, what it means and what happens next, in en and de.

The detail pane, the CLI and exports read this one function, so the words for a status code never
disagree with what BounceDesk does: the code's class only says what the server did, the kind and
reason are the classifier's (in the glossary's words, docs/GLOSSARY.md), and the next step comes
from the policy's decision and the recipient's real state (its next retry, the attempts so far).
Pure: the caller passes `now`, the state and the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from bouncedesk.classify.codes import describe, is_valid, lookup, normalize_lang, subject_label
from bouncedesk.classify.explain import capitalized, explain_reason, next_step, term
from bouncedesk.policy.machine import settle
from bouncedesk.policy.model import (
    ACTIVE,
    INACTIVE,
    PAUSED,
    RECORD,
    RECOVER,
    RETRY,
    RETRYING,
    SENDER_ALERT,
    SUPPRESS,
    SUPPRESSED,
    WAIT,
    Observation,
    RecipientState,
)
from bouncedesk.policy.provenance import REVIEW_DISMISSED, REVIEW_PENDING, word
from bouncedesk.policy.recovery import recovery_parts
from bouncedesk.policy.rules import decide
from bouncedesk.policy.settings import HOUR, PolicySettings

# Reasons whose label says nothing: the code's own meaning heads the story instead.
_VAGUE_REASONS = frozenset({"", "undefined", "onhold"})

_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."),
}

_T = {
    "en": {
        "no-code": "No status code was given",
        "no-bounce": "No bounce from this address",
        "code": "Code {status}: {meaning}.",
        "retry-on": "BounceDesk retries on {when} (attempt {k} of {n}). Pause this recipient to stop the retries.",
        "retry-due": "A retry is due now (attempt {k} of {n}): “{run}” sends it. Pause this recipient to stop "
                     "the retries.",
        "retry-last": "BounceDesk has sent all {n} retries; if no new bounce arrives by {when}, the address "
                      "counts as {active} again.",
        "suppressed": "{State}: BounceDesk will not send to this address again. Unsuppress it if you learn that "
                      "the address works.",
        "suppressed-user": "{State} by you: BounceDesk will not send to this address again until you unsuppress "
                           "it.",
        "suppressed-complaint": "{State}: BounceDesk will not send to this address again. Unsuppress it only if "
                                "the person asks for your mail again.",
        "inactive": "{State}: the last of {n} retries bounced too, so BounceDesk no longer sends to this address. "
                    "Retry it by hand if you learn that it works again.",
        "paused": "{State}: BounceDesk sends nothing to this address and retries nothing until you resume it.",
        "active": "{State}: mail to this address goes out as usual; no retry is scheduled.",
        "sender": "Nothing changes for this address: the problem is on your side, so BounceDesk neither "
                  "retries nor suppresses it.",
        "record": "BounceDesk only records this: it neither retries nor suppresses the address.",
        "record-delay": "Your mail server is still trying to deliver; BounceDesk only records this and changes "
                        "nothing.",
        "wait": "An auto-reply: BounceDesk changes nothing for this address.",
        "wait-until": "An auto-reply: BounceDesk changes nothing for this address. The reply says the person is "
                      "back on {when}.",
        "recover": "Delivered: this address works.",
        "would-retry": "BounceDesk would retry {hours} h after the bounce (attempt 1 of {n}).",
        "would-suppress": "BounceDesk would suppress this address and send nothing more to it.",
        "would-sender": "BounceDesk would change nothing for this address: the problem is on your side.",
        "would-record": "BounceDesk would only record this and change nothing.",
        "would-wait": "BounceDesk would change nothing: this is an auto-reply.",
        "would-recover": "BounceDesk would count this address as working.",
        "dismissed": "You dismissed this bounce: it changes nothing.",
        "at": "{day} {month}{year} at {hm}",
    },
    "de": {
        "no-code": "Kein Statuscode angegeben",
        "no-bounce": "Kein Bounce von dieser Adresse",
        "code": "Code {status}: {meaning}.",
        "retry-on": "BounceDesk wiederholt am {when} (Versuch {k} von {n}). Pausieren Sie diesen Empfänger, um "
                    "die Wiederholungen anzuhalten.",
        "retry-due": "Eine Wiederholung ist jetzt fällig (Versuch {k} von {n}): „{run}“ sendet sie. Pausieren "
                     "Sie diesen Empfänger, um die Wiederholungen anzuhalten.",
        "retry-last": "BounceDesk hat alle {n} Wiederholungen gesendet; kommt bis zum {when} kein neuer Bounce, "
                      "gilt die Adresse wieder als {active}.",
        "suppressed": "{State}: BounceDesk sendet nicht mehr an diese Adresse. Entsperren Sie sie, wenn Sie "
                      "erfahren, dass die Adresse funktioniert.",
        "suppressed-user": "Von Ihnen {state}: BounceDesk sendet nicht mehr an diese Adresse, bis Sie sie "
                           "entsperren.",
        "suppressed-complaint": "{State}: BounceDesk sendet nicht mehr an diese Adresse. Entsperren Sie sie nur, "
                                "wenn die Person wieder um Ihre E-Mails bittet.",
        "inactive": "{State}: Auch die letzte von {n} Wiederholungen kam zurück, daher sendet BounceDesk nicht "
                    "mehr an diese Adresse. Wiederholen Sie von Hand, wenn Sie erfahren, dass sie wieder "
                    "funktioniert.",
        "paused": "{State}: BounceDesk sendet nichts an diese Adresse und wiederholt nichts, bis Sie sie "
                  "fortsetzen.",
        "active": "{State}: E-Mails an diese Adresse gehen normal hinaus; keine Wiederholung geplant.",
        "sender": "Für diese Adresse ändert sich nichts: Das Problem liegt auf Ihrer Seite, daher wiederholt "
                  "BounceDesk nicht und sperrt die Adresse nicht.",
        "record": "BounceDesk vermerkt das nur: keine Wiederholung, keine Sperre.",
        "record-delay": "Ihr Mailserver versucht noch zuzustellen; BounceDesk vermerkt das nur und ändert nichts.",
        "wait": "Eine Abwesenheitsnotiz: BounceDesk ändert nichts an dieser Adresse.",
        "wait-until": "Eine Abwesenheitsnotiz: BounceDesk ändert nichts an dieser Adresse. Laut Antwort ist die "
                      "Person ab dem {when} zurück.",
        "recover": "Zugestellt: Diese Adresse funktioniert.",
        "would-retry": "BounceDesk würde {hours} Stunden nach dem Bounce wiederholen (Versuch 1 von {n}).",
        "would-suppress": "BounceDesk würde diese Adresse sperren und nichts mehr an sie senden.",
        "would-sender": "BounceDesk würde für diese Adresse nichts ändern: Das Problem liegt auf Ihrer Seite.",
        "would-record": "BounceDesk würde das nur vermerken und nichts ändern.",
        "would-wait": "BounceDesk würde nichts ändern: Das ist eine Abwesenheitsnotiz.",
        "would-recover": "BounceDesk würde diese Adresse als funktionierend zählen.",
        "dismissed": "Sie haben diesen Bounce verworfen: Er ändert nichts.",
        "at": "{day}. {month}{year} um {hm} Uhr",
    },
}  # fmt: skip

_WOULD = {RETRY: "would-retry", SUPPRESS: "would-suppress", SENDER_ALERT: "would-sender", RECORD: "would-record",
          WAIT: "would-wait", RECOVER: "would-recover"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Story:
    """What one result means and what follows; `next_step` is `app` then `advice`."""

    headline: str  # "5.2.2 — Mailbox full · soft bounce"
    explanation: str  # the reason in plain words, then the code's own meaning
    next_step: str
    app: str  # what BounceDesk does next (from the policy and the recipient's state)
    advice: str  # what the user can do about the cause ("" when the app's part says it all)

    def as_dict(self) -> dict[str, str]:
        return {"headline": self.headline, "explanation": self.explanation, "next": self.next_step}


def display_kind(kind: str, hard: bool) -> str:
    """The Kind column's key: a bounce is 'hard' (the address is bad) or 'soft'; other kinds stay."""
    if kind == "bounce":
        return "hard" if hard else "soft"
    return kind or ""


def when(ts: int, now: int, lang: str = "en", tz: tzinfo | None = None) -> str:
    """'9 Dec at 14:00' / '9. Dez. um 14:00 Uhr' in local time (tz None), with the year if not now's."""
    lang = normalize_lang(lang)
    t = datetime.fromtimestamp(int(ts), tz)
    year = f" {t.year}" if t.year != datetime.fromtimestamp(int(now), tz).year else ""
    return _T[lang]["at"].format(day=t.day, month=_MONTHS[lang][t.month - 1], year=year, hm=t.strftime("%H:%M"))


def headline(status: str, reason: str, kind: str, lang: str = "en") -> str:
    """'5.2.2 — Mailbox full · soft bounce': the code, the reason (or the code's meaning), the kind."""
    lang = normalize_lang(lang)
    status = (status or "").strip()
    if not (status or reason or kind):  # a recipient with no result at all (suppressed by you, imported)
        return _T[lang]["no-bounce"]
    if reason not in _VAGUE_REASONS:
        title = term("reason", reason, lang)
    elif status:
        info = lookup(status)
        title = info.text(lang) if info else (subject_label(int(status.split(".")[1]), lang) if is_valid(status)
                                              else "")  # fmt: skip
    else:
        title = ""
    kind_word = term("kind", kind, lang) if kind else ""
    head = f"{status} — {capitalized(title)}" if status and title else (status or capitalized(title))
    if not head:
        head = _T[lang]["no-code"]
    return f"{head} · {kind_word}" if kind_word else head


def explanation(status: str, reason: str, lang: str = "en") -> str:
    """The reason in plain words, then what the code itself says (its class neutrally: no promise)."""
    lang = normalize_lang(lang)
    status = (status or "").strip()
    parts = [explain_reason(reason, lang)] if reason else []
    if status:
        parts.append(_T[lang]["code"].format(status=status, meaning=describe(status, lang)))
    return " ".join(p for p in parts if p)


def app_step(decision: str, kind: str, state: RecipientState | None, now: int, lang: str = "en",
             settings: PolicySettings | None = None, *, review: str = "", tz: tzinfo | None = None) -> str:  # fmt: skip
    """What BounceDesk really does next: from the recipient's state when there is one, else from the
    policy's decision ("would"); a bounce waiting for review, or dismissed, changes nothing and says so."""
    lang = normalize_lang(lang)
    settings = settings or PolicySettings()
    t = _T[lang]
    n = settings.max_attempts
    if review == REVIEW_PENDING:
        return word("review-next", lang)
    if review == REVIEW_DISMISSED:
        return t["dismissed"]
    if state is None:
        return t[_WOULD.get(decision, "would-record")].format(hours=settings.delay_after(0) // HOUR, n=n)
    s = settle(state, now, settings).state
    inner = s.paused_state if s.state == PAUSED else s.state
    label = term("state", s.state, lang)
    fill = {"State": capitalized(label), "state": label, "n": n, "active": term("state", ACTIVE, lang)}
    if s.state == PAUSED:
        return t["paused"].format(**fill)
    if inner == SUPPRESSED:
        key = "suppressed-user" if s.reason == "user" else "suppressed-complaint" if kind == "complaint" \
            else "suppressed"  # fmt: skip
        return t[key].format(**fill)
    if inner == INACTIVE:
        return t["inactive"].format(**fill)
    if inner == RETRYING and s.next_retry_at is not None:
        if s.attempts >= n:
            return t["retry-last"].format(when=when(s.next_retry_at, now, lang, tz), **fill)
        k = s.attempts + 1
        if s.next_retry_at <= now:
            return t["retry-due"].format(k=k, run=term("action", "run-due", lang), **fill)
        return t["retry-on"].format(when=when(s.next_retry_at, now, lang, tz), k=k, **fill)
    # Active: the result's decision says why nothing is scheduled.
    if decision == SENDER_ALERT:
        return t["sender"]
    if decision == RECORD:
        return t["record-delay"] if kind == "delay" else t["record"]
    if decision == WAIT:
        if s.return_at is not None and s.return_at > now:
            return t["wait-until"].format(when=when(s.return_at, now, lang, tz))
        return t["wait"]
    if decision == RECOVER:
        return t["recover"]
    return t["active"].format(**fill)


def tell(status: str, reason: str, kind: str, decision: str, state: RecipientState | None, now: int,
         lang: str = "en", settings: PolicySettings | None = None, *, review: str = "",
         tz: tzinfo | None = None) -> Story:  # fmt: skip
    """The story of one result.

    `kind` is the Kind column's key (display_kind: hard, soft, delay, complaint, auto-reply,
    delivered); `decision` is policy.rules.decide's action for the result; `state` the recipient's
    state as stored (None when the result has no recipient, e.g. `bouncedesk parse`).
    """
    app = app_step(decision, kind, state, now, lang, settings, review=review, tz=tz)
    waiting = review in (REVIEW_PENDING, REVIEW_DISMISSED)  # the bounce changes nothing: no advice on it
    said_it_all = state is not None and kind == "complaint" and state.state == SUPPRESSED
    advice = "" if waiting or said_it_all or not reason else next_step(reason, lang)
    return Story(
        headline(status, reason, kind, lang),
        explanation(status, reason, lang),
        " ".join(p for p in (app, advice) if p),
        app,
        advice,
    )


def tell_result(kind: str, status: str, reason: str, hard: bool, state: RecipientState | None, now: int,
                lang: str = "en", settings: PolicySettings | None = None, *, side: str = "unknown",
                action_hint: str = "none", review: str = "", tz: tzinfo | None = None) -> Story:  # fmt: skip
    """tell() for a stored or parsed result: the policy's decision is taken here, with its settings."""
    settings = settings or PolicySettings()
    obs = Observation(kind or "bounce", now, status or "", reason or "", bool(hard), side or "unknown",
                      action_hint or "none")  # fmt: skip
    return tell(status, reason, display_kind(kind, hard), decide(obs, settings), state, now, lang, settings,
                review=review, tz=tz)  # fmt: skip


# --- recoveries (the detail pane, the CLI's `recoveries` and the help read these words) ------------

_RECOVERED = {
    "en": {
        "reply": "Recovered on {when}: the address replied to your mail on {date} (“{subject}”).",
        "delivered": "Recovered on {when}: a delivery report confirmed that your mail arrived{status}.",
        "settled": "Active again since {when}: no new bounce after retry {attempts}.",
        "other": "Recovered on {when}: {text}.",
    },
    "de": {
        "reply": "Wieder aktiv seit {when}: Die Adresse hat am {date} auf Ihre E-Mail geantwortet "
                 "(„{subject}“).",
        "delivered": "Wieder aktiv seit {when}: Ein Zustellbericht bestätigt, dass Ihre E-Mail angekommen "
                     "ist{status}.",
        "settled": "Wieder aktiv seit {when}: kein neuer Bounce nach Wiederholung {attempts}.",
        "other": "Wieder aktiv seit {when}: {text}.",
    },
}  # fmt: skip


def _why_time(text: str) -> int | None:
    """policy.recovery.utc_minute's spelling back to epoch seconds (None if it is not that)."""
    try:
        return int(datetime.strptime(text[:30], "%Y-%m-%d %H:%M UTC").replace(tzinfo=UTC).timestamp())
    except ValueError:
        return None


def recovery_text(at: int, why: str, now: int, lang: str = "en", tz: tzinfo | None = None) -> str:
    """'Recovered on 9 Dec at 14:00: the address replied on …': when and why a recipient recovered,
    from its `recovered` event (its time and why-text, see policy.recovery)."""
    lang = normalize_lang(lang)
    kind, parts = recovery_parts(why)
    fill = {"when": when(at, now, lang, tz), **parts}
    if kind == "reply":
        t = _why_time(parts["date"])
        fill["date"] = when(t, now, lang, tz) if t is not None else parts["date"]
    if kind == "delivered":
        fill["status"] = f" ({parts['status']})" if parts["status"] else ""
    return _RECOVERED[lang][kind].format(**fill)
