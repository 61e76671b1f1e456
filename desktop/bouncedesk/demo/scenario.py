"""The demo's story: 90 days of mail from a fictitious bookshop, and every report that came back.

Each recipient who ever caused a report is simulated on its own: the mail it was sent (its
channel's schedule, plus retries), what its mailbox or server did with each one (a condition
with a time span: address gone, mailbox full, away, server down, the sender blocked ...), and
the reports that follow. Retries follow the real policy (bouncedesk.policy with default
settings): the simulated operator runs due retries on weekday mornings, except in the last two
days, so the final store has retries scheduled, due now, recovered, exhausted and paused.

Nothing here reads the clock: `now` and `seed` decide everything.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator
from datetime import UTC, datetime

from bouncedesk.classify import classify
from bouncedesk.demo.forged import forged_messages
from bouncedesk.demo.mailtext import iso_day, token
from bouncedesk.demo.model import FBL, Channel, Intended, Phrase, Report, Sent
from bouncedesk.demo.sentvolume import sent_per_day
from bouncedesk.demo.world import DAY, HOUR, MINUTE, SPAN_DAYS, Condition, Person, Plan, PlanItem, World
from bouncedesk.dsn.model import Finding
from bouncedesk.policy import machine
from bouncedesk.policy.model import DO_NOT_SEND, PAUSED, Observation, RecipientState
from bouncedesk.policy.settings import PolicySettings

# How long each sending server keeps retrying a 4xx answer, and when it warns (None: never).
GIVE_UP = {"postfix": 1 * DAY, "ses": 14 * HOUR, "o365": 1 * DAY, "gmail": 2 * DAY, "sendmail": 5 * DAY,
           "exim": 4 * DAY}  # fmt: skip
WARN_AFTER = {"postfix": 4 * HOUR, "sendmail": 4 * HOUR, "exim": 24 * HOUR, "o365": 4 * HOUR, "gmail": 4 * HOUR}
WARN_CHANCE = {"postfix": 0.6, "sendmail": 1.0, "exim": 1.0, "o365": 0.7, "gmail": 0.8}
# Formats a receiving server writes when it accepted the mail and bounces it itself.
RECEIVER_FORMATS = {"qmail": ("qmail",), "exim": ("exim-text",), "exchange": ("exchange", "exchange-text")}
RECIPIENT_REASONS = ("userunknown", "mailboxfull", "suspend", "suspend_temp", "hasmoved")
DELIVERED_FORMAT = {"shop": "postfix", "billing": "sendmail", "office": "o365"}
SES_REPORTER = {"name": "", "from": "complaints@email-abuse.amazonses.com", "host": "email-abuse.amazonses.com",
                "agent": "Amazon SES Complaint Forwarding"}  # fmt: skip
SETTINGS = PolicySettings()  # a fresh store's defaults

# How many recipients of each fate (the default mix, ~2,000 messages).
MIX = {
    "userunknown": 390, "hostunknown": 60, "hasmoved": 14, "notaccept": 8,
    "mailboxfull": 100, "suspend_temp": 62, "suspend": 24, "down": 24,
    "complaint": 55, "away": 125, "flaky": 95,
}  # fmt: skip
EPISODES = (
    # (reason, channel, first day, days, people, recipient server software or None for any)
    ("blocked", "shop", 61, 3, 42, None),
    ("authfailure", "office", 38, 5, 46, ("gmail", "o365", "yahoo", "exchange", "postfix")),
    ("requireptr", "cafe", 80, 10, 22, None),
    ("badreputation", "newsletter", 20, 3, 24, ("gmail", "o365", "yahoo")),
    ("rejected", "billing", 0, 1, 14, None),  # day 0: the first of a month, see _episode_window
    ("mesgtoobig", "shop", 45, 0, 34, None),  # the catalogue with a 24 MB attachment (one send)
    ("spamdetected", "newsletter", 27, 0, 36, None),  # one newsletter issue with a spammy subject
)


# --- the cast ----------------------------------------------------------------------------------


# --- one recipient's life ------------------------------------------------------------------


class Life:
    """Runs one person's timeline: sends, operator runs, reports, and the policy state."""

    def __init__(self, world: World, p: Person, conditions: list[Condition], *, extra_sends: list[int] | None = None,
                 sends: list[int] | None = None, pause_after_bounces: int | None = None, big_send: int | None = None,
                 subject_at: dict[int, str] | None = None, complain_on: int | None = None) -> None:  # fmt: skip
        self.w, self.p, self.conditions = world, p, conditions
        self.state = RecipientState()
        self.heap: list = []
        self.last_failed: Sent | None = None
        self.bounces = 0
        self.pause_after = pause_after_bounces
        self.paused = False
        self.big_send = big_send
        self.subject_at = subject_at or {}
        self.complain_on = complain_on
        self.send_count = 0
        self.last_auto: dict[str, int] = {}
        self.messages = 0
        base = sends if sends is not None else world.sends(p, world.start, world.now)
        for t in sorted(set(base + (extra_sends or []))):
            heapq.heappush(self.heap, (t, 4, world._tick(), "send", None))
        for t in world.runs:
            heapq.heappush(self.heap, (t, 0, world._tick(), "run", None))

    def run(self) -> None:
        w, now = self.w, self.w.now
        while self.heap:
            t, _, _, what, payload = heapq.heappop(self.heap)
            if t > now:
                break
            if what == "send":
                if self.state.state in DO_NOT_SEND:
                    continue
                s = w.sent(self.p, t, subject=self.subject_at.get(t), big=t == self.big_send)
                self.deliver(s, t, retry=False)
            elif what == "run":
                if machine.is_retry_due(self.state, t, SETTINGS) and self.last_failed is not None:
                    self.state = machine.apply_retry_sent(self.state, t, SETTINGS).state
                    w.items.append(PlanItem(t, 1, "retry", self.p.email))
                    w.retried.add(self.p.email)
                    self.deliver(w.resend(self.last_failed, t), t, retry=True)
            elif what == "pause":
                if self.state.state not in (PAUSED, "suppressed"):
                    self.state = machine.apply_user(self.state, "pause", t, SETTINGS).state
                    w.items.append(PlanItem(t, 2, "pause", self.p.email))
            elif what == "report":
                report, reason, ret = payload
                msg = w.finish_report(report, reason, ret)
                w.items.append(PlanItem(t, 3, "message", message=msg))
                self.messages += 1
                self.observe(msg.intended, report)
        if self.messages:
            w.states[self.p.email] = machine.settle(self.state, now, SETTINGS).state

    def observe(self, it: Intended, report: Report) -> None:
        """Fold the report into the state as ingest will (classified by the real classifier)."""
        f = Finding(kind=it.kind, recipient=it.recipient, status=it.status, status_source="dsn" if it.status else "",
                    reason_hint=it.reason if it.kind not in ("auto-reply", "delivered", "complaint") else "",
                    action={"delay": "delayed", "delivered": "relayed"}.get(it.kind, "failed"))  # fmt: skip
        v = classify(f)
        obs = Observation(it.kind, report.at, v.status, v.reason, v.hard, v.side, v.action_hint, report.return_at)
        self.state = machine.apply_observation(self.state, obs, report.at, SETTINGS).state
        if it.kind == "bounce" and self.pause_after is not None and not self.paused:
            self.bounces += 1
            if self.bounces >= self.pause_after:
                self.paused = True
                t = report.at + self.p.rng.randrange(2 * HOUR, 3 * DAY)
                heapq.heappush(self.heap, (t, 2, self.w._tick(), "pause", None))

    # -- what the recipient's side does with one mail --------------------------------------------

    def deliver(self, s: Sent, t: int, *, retry: bool) -> None:
        p = self.p
        if not retry:
            self.send_count += 1
            if self.complain_on is not None and self.send_count == self.complain_on:
                self.complaint(s, t)
                return
        for c in self.conditions:
            if not (c.start <= t < c.end) or (c.channel and c.channel != s.channel.key):
                continue
            if c.what == "message" and not s.big and c.reason in ("mesgtoobig", "exceedlimit"):
                continue
            if c.what == "away":
                self.auto_reply(s, t, c)
                return
            if c.what == "down":
                self.server_down(s, t, c, retry)
                return
            self.refuse(s, t, c, retry)
            return
        if retry:
            self.delivered(s, t + p.rng.randrange(5, 90))

    def _report(self, fmt: str, kind: str, at: int, s: Sent, **kw) -> Report:
        p = self.p
        return Report(fmt=fmt, kind=kind, at=at, rcpt=p.email, rcpt_name=p.name, sent=s, seq=self.w._tick(),
                      mx=p.domain.mx, mx_ip=self.w.mx_ip(p.domain.mx), **kw)  # fmt: skip

    def refuse(self, s: Sent, t: int, c: Condition, retry: bool) -> None:
        """A failure answer: written by the receiving server, or by our sending server."""
        p, w, r = self.p, self.w, self.p.rng
        mta = s.channel.mta
        reason = c.reason
        phrase = c.phrase
        stage = _stage(reason)
        receiver = (p.domain.writes_bounces and reason in RECIPIENT_REASONS and c.what in ("hard", "soft")
                    and r.random() < 0.75)  # fmt: skip
        if receiver:  # the MX took the mail, its mailstore (or its own delivery) refused it
            fmt = r.choice(RECEIVER_FORMATS[p.domain.sw])
            extra = {"host": p.domain.mx, "tz": 60}
            own = w.local_phrase(p, fmt, _base(reason)) if r.random() < 0.6 else None
            if own is not None:
                phrase = own
            rep = self._report(fmt, "bounce", t + r.randrange(40, 25 * MINUTE), s, reason=_base(reason),
                               phrase=phrase, stage=stage, extra=extra)  # fmt: skip
            rep.mx = f"mailstore.{p.domain.domain}"
            rep.mx_ip = w.mx_ip(rep.mx)
            self.failed(rep, s)
            return
        fmt = _sender_format(s.channel, r)
        temporary = phrase is not None and phrase.reply.startswith("4") and not phrase.local
        if not temporary:
            rep = self._report(fmt, "bounce", t + r.randrange(2, 90), s, reason=_base(reason), phrase=phrase,
                               stage=stage)  # fmt: skip
            self.failed(rep, s)
            return
        # A 4xx answer: the sending server keeps trying, may warn, and gives up or gets through.
        give_up = t + GIVE_UP[mta]
        warn = WARN_AFTER.get(mta)
        if warn and warn < GIVE_UP[mta] and r.random() < WARN_CHANCE[mta] and t + warn < c.end:
            self.delay_notice(s, t, warn, phrase, _base(reason))
        if c.end <= give_up:
            if retry:
                self.delivered(s, c.end + r.randrange(60, HOUR))
            return
        extra = {}
        if fmt in ("exim", "exim-text"):  # Exim says why it stopped trying
            phrase = Phrase(phrase.reply, phrase.status, (*phrase.lines[:-1], phrase.lines[-1] + ": retry timeout exceeded"))
        if mta == "ses":
            extra = {"dsn_status": "4.4.7", "ses_diag": f"554 4.4.7 Message expired: unable to deliver in 840 minutes."
                     f"<{phrase.text}>"}  # fmt: skip
        rep = self._report(fmt, "bounce", give_up + r.randrange(60, 1800), s, reason=_base(reason), phrase=phrase,
                           stage=stage, extra=extra)  # fmt: skip
        self.failed(rep, s)

    def failed(self, rep: Report, s: Sent) -> None:
        self.last_failed = Sent(s.message_id, s.subject, s.from_name, s.from_addr, s.to_name, s.to_addr, s.at,
                                s.channel, s.body, s.return_path, big=s.big, bulk=s.bulk)  # fmt: skip
        self.w.emit(self.heap, rep.at, rep)

    def delay_notice(self, s: Sent, t: int, after: int, phrase: Phrase | None, reason: str) -> None:
        r = self.p.rng
        fmt = _sender_format(s.channel, r, delay=True)
        hours = after // HOUR
        extra = {"hours": hours, "left": "1 days, 19 hours and 54 minutes", "left_hours": 44}
        intended_reason = reason
        if fmt in ("o365", "exchange") and (phrase is None or phrase.local):
            phrase, intended_reason = None, "expired"  # "400 4.4.7 Message delayed" says no more
        rep = self._report(fmt, "delay", t + after + r.randrange(60, 1800), s, reason=reason, phrase=phrase,
                           extra=extra)  # fmt: skip
        self.w.emit(self.heap, rep.at, rep, intended_reason)

    def server_down(self, s: Sent, t: int, c: Condition, retry: bool) -> None:
        """The recipient's server does not answer: warnings, then either delivery or an expiry bounce."""
        p, w, r = self.p, self.w, self.p.rng
        mta = s.channel.mta
        warn = WARN_AFTER.get(mta)
        net = w.local_phrase(p, mta, "networkerror")
        if warn and t + warn < c.end and net is not None:
            self.delay_notice(s, t, warn, net, "networkerror")
        give_up = t + GIVE_UP[mta]
        if c.end <= give_up:
            if retry or (s.channel.notify_success and s.channel.key in DELIVERED_FORMAT and r.random() < 0.7):
                self.delivered(s, c.end + r.randrange(60, 3 * HOUR))
            return
        phrase = w.local_phrase(p, mta, "expired")
        if phrase is None:
            return
        fmt = _sender_format(s.channel, r)
        extra = {"dsn_status": phrase.status} if mta in ("ses",) else {}
        if mta == "ses":
            extra["ses_diag"] = phrase.text
        rep = self._report(fmt, "bounce", give_up + r.randrange(60, 1800), s, reason="expired", phrase=phrase,
                           extra=extra)  # fmt: skip
        self.failed(rep, s)

    def delivered(self, s: Sent, at: int) -> None:
        fmt = DELIVERED_FORMAT.get(s.channel.key)
        if fmt is None or not s.channel.notify_success:
            return
        r = self.p.rng
        rep = self._report(fmt, "delivered", at, s, reason="delivered",
                           extra={"ok": f"250 2.0.0 Ok: queued as {token(r, 12)}"})  # fmt: skip
        self.w.emit(self.heap, at, rep)

    def auto_reply(self, s: Sent, t: int, c: Condition) -> None:
        p, r = self.p, self.p.rng
        last = self.last_auto.get(s.from_addr)
        if last is not None and t - last < 7 * DAY:
            return
        self.last_auto[s.from_addr] = t
        style = {"o365": "outlook", "exchange": "outlook", "gmail": "webmail", "yahoo": "webmail"}.get(
            p.domain.sw, "sieve")
        lang = p.lang if style != "webmail" else "en"
        ret = _day_start(c.end) if c.return_stated else None
        at = t + r.randrange(30, 25 * MINUTE)
        pd = self.w.people_data
        colleague = f"{r.choice(pd['first_names'])} {r.choice(pd['last_names'])}"
        rep = self._report("auto-reply", "auto-reply", at, s, reason="vacation", return_at=ret, lang=lang,
                           extra={"style": style, "colleague": colleague, "host": p.domain.mx})  # fmt: skip
        self.w.emit(self.heap, at, rep, None, iso_day(ret) if ret else None)

    def complaint(self, s: Sent, t: int) -> None:
        p, r = self.p, self.p.rng
        via_ses = s.channel.mta == "ses"
        reporter = SES_REPORTER if via_ses else FBL.get(p.domain.sw, FBL["postfix"])
        kind = r.choices(("abuse", "fraud", "other"), weights=(90, 5, 5))[0]
        at = t + r.randrange(HOUR, 3 * DAY)
        rep = self._report("arf", "complaint", at, s, reason="feedback", feedback_type=kind,
                           extra={"via_ses": via_ses, "reporter": reporter, "headers_only": r.random() < 0.25})  # fmt: skip
        self.w.emit(self.heap, at, rep)


def _day_start(t: int) -> int:
    return t - t % DAY


def _base(reason: str) -> str:
    return "suspend" if reason == "suspend_temp" else reason


def _stage(reason: str) -> str:
    if reason in ("spamdetected", "authfailure", "badreputation", "mesgtoobig", "exceedlimit"):
        return "DATA"
    if reason == "rejected":
        return "MAIL"
    return "RCPT"


def _sender_format(ch: Channel, r: random.Random, *, delay: bool = False) -> str:
    if ch.mta == "exim":
        return "exim" if delay or r.random() < 0.55 else "exim-text"
    return ch.mta


# --- the cast and their fates ----------------------------------------------------------------


def _soft_end(w: World, r: random.Random, start: int, reason: str) -> tuple[int, bool]:
    """When a soft problem ends (a huge number for never) and whether the user pauses the person."""
    never = w.now + 400 * DAY
    roll = r.random()
    if reason == "suspend":
        return (never, roll < 0.15) if roll < 0.75 else (start + r.randrange(2 * DAY, 12 * DAY), False)
    if roll < 0.35:
        return start + r.randrange(12 * HOUR, 60 * HOUR), False
    if roll < 0.57:
        return start + r.randrange(3 * DAY, 10 * DAY), False
    if roll < 0.67:
        return start + r.randrange(10 * DAY, 25 * DAY), False
    if roll < 0.90:
        return never, False
    return never, True


def build_plan(now: int, seed: int = 7) -> Plan:
    """Simulate the demo's 90 days; the plan lists messages, retries, pauses and operator runs in time order."""
    w = World(now, seed)
    r = w.rng
    never = w.now + 400 * DAY
    lives: list[Life] = []

    def window_start(lo_days: float = 0.0, hi_days: float = SPAN_DAYS) -> int:
        return w.now - int(r.uniform(lo_days, hi_days) * DAY)

    for reason, n in MIX.items():
        for _ in range(n):
            if reason in ("userunknown", "hasmoved"):
                p = w.person()
                start = w.start if r.random() < 0.3 else window_start(0.1, SPAN_DAYS)
                lives.append(Life(w, p, [Condition("hard", start, never, reason, w.phrase(p, reason))]))
            elif reason == "hostunknown":
                p = w.person(domain_name=r.choice(w.servers["dead_domains"]))
                lp = w.local_phrase(p, p.channel.mta, "hostunknown")
                lives.append(Life(w, p, [Condition("hard", w.start, never, reason, lp)], sends=_first_sends(w, p)))
            elif reason == "notaccept":
                p = w.person(channel="shop", domain_name=r.choice(w.servers["nullmx_domains"]))
                lp = w.local_phrase(p, "postfix", "notaccept")
                lives.append(Life(w, p, [Condition("hard", w.start, never, reason, lp)], sends=_first_sends(w, p)))
            elif reason in ("mailboxfull", "suspend_temp", "suspend"):
                p = w.person()
                # More in the last two weeks, so the Retries view has work scheduled and due.
                start = window_start(0.2, 14) if p.rng.random() < 0.3 else window_start(0.2, SPAN_DAYS - 1)
                end, pause = _soft_end(w, p.rng, start, reason)
                ph = w.phrase(p, reason)
                lives.append(Life(w, p, [Condition("soft", start, end, reason, ph)],
                                  pause_after_bounces=(1 + p.rng.randrange(2)) if pause else None))  # fmt: skip
            elif reason == "down":
                p = w.person(channel=r.choice(("shop", "billing", "office", "cafe", "newsletter")))
                start = window_start(1, SPAN_DAYS - 2)
                end = start + (never - start if r.random() < 0.3 else r.randrange(5 * DAY, 18 * DAY))
                lives.append(Life(w, p, [Condition("down", start, end, "expired")],
                                  extra_sends=[start + r.randrange(HOUR, 6 * HOUR)]))  # fmt: skip
            elif reason == "flaky":
                p = w.person(channel=r.choice(("shop", "shop", "billing", "office", "office", "cafe", "studio")))
                t = window_start(0.3, SPAN_DAYS - 0.5)
                end = t + r.randrange(6 * HOUR, 30 * HOUR)
                lives.append(Life(w, p, [Condition("down", t - HOUR, end, "networkerror")], sends=[t]))
            elif reason == "complaint":
                ch = "newsletter" if r.random() < 0.75 else r.choice(("shop", "cafe"))
                sw = ("yahoo", "o365", "postfix") if ch != "newsletter" else None
                p = w.person(channel=ch, sw=sw)
                n_sends = len(w.sends(p, w.start, w.now)) if ch == "newsletter" else 0
                if ch == "newsletter":
                    lives.append(Life(w, p, [], complain_on=1 + p.rng.randrange(max(1, n_sends))))
                else:
                    lives.append(Life(w, p, [], sends=[window_start(0.2, SPAN_DAYS)], complain_on=1))
            elif reason == "away":
                p = w.person(channel=r.choice(("office", "office", "newsletter", "shop", "studio", "cafe")))
                conds = []
                for _ in range(1 + (p.rng.random() < 0.25)):
                    a = window_start(0, SPAN_DAYS)
                    conds.append(Condition("away", a, a + p.rng.randrange(3 * DAY, 21 * DAY), "vacation",
                                           return_stated=p.rng.random() < 0.65))  # fmt: skip
                lives.append(Life(w, p, conds))

    for reason, ch, first_day, days, n, sw in EPISODES:
        a, b = _episode_window(w, first_day, days)
        subject = None
        if reason == "mesgtoobig":
            subject = w.people_data["catalogue_subject"]
        elif reason == "spamdetected":
            subject = w.people_data["spam_issue_subject"]
        for _ in range(n):
            p = w.person(channel=ch, sw=sw)
            send = a + p.offset * MINUTE if days == 0 else a + p.rng.randrange(max(1, b - a))
            if reason == "mesgtoobig" and p.domain.sw == "gmail":
                cond = Condition("message", a, b, "exceedlimit", w.phrase(p, "exceedlimit"), channel=ch)
            else:
                what = "message" if reason in ("mesgtoobig", "spamdetected") else "sender"
                cond = Condition(what, a, b, reason, w.phrase(p, reason), channel=ch)
            sends = [send] if days == 0 else sorted(set(w.sends(p, w.start, w.now) + [send]))
            lives.append(Life(w, p, [cond], sends=sends, big_send=send if reason == "mesgtoobig" else None,
                              subject_at={send: subject} if subject else None))  # fmt: skip

    for life in lives:
        life.run()
    for msg in forged_messages(w):  # after every life, from a stream of their own: the rest stays as it was
        w.items.append(PlanItem(msg.at, 3, "message", message=msg))
    items = sorted(w.items, key=PlanItem.key)
    sent = sorted(w.sent_log, key=lambda s: (s.at, s.message_id))
    return Plan(w.now, seed, items, w.states, w.retried, sent_per_day(w.start, w.now, w.sent_times, seed), sent)


def _first_sends(w: World, p: Person) -> list[int]:
    """An address with a dead or mail-less domain: someone signs up or orders, one mail goes out."""
    t = w.now - int(p.rng.uniform(0.05, SPAN_DAYS) * DAY)
    return [t]


def _episode_window(w: World, first_day: int, days: int) -> tuple[int, int]:
    if first_day == 0:  # the 1st of a month, from 04:00 UTC: just before the monthly invoices go out
        d = datetime.fromtimestamp(w.now - 20 * DAY, UTC).replace(day=1, hour=4, minute=0, second=0)
        a = int(d.timestamp())
        return a, a + days * DAY
    d = datetime.fromtimestamp(w.now - first_day * DAY, UTC).replace(hour=9, minute=0, second=0)
    a = int(d.timestamp())
    return a, (a + days * DAY if days else a + 6 * HOUR)  # days == 0: one send, a few hours wide


def demo_messages(now: int, seed: int = 7) -> Iterator[tuple[str, bytes]]:
    """Every generated message as (file name, raw bytes), in the order they arrive."""
    for m in build_plan(now, seed).messages:
        yield m.name, m.data
