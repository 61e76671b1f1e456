"""The demo's world: its people, the conditions of their mailboxes, the plan of what happens to each, and
the `World` that sends mail and writes the reports that come back."""

from __future__ import annotations

import heapq
import json
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from bouncedesk.config import resources_dir
from bouncedesk.demo.dsnparts import dsn_status
from bouncedesk.demo.mailtext import hexid, local_time, token
from bouncedesk.demo.model import Channel, DemoMessage, Domain, Intended, Phrase, Report, Sent
from bouncedesk.demo.render import render
from bouncedesk.policy.model import RecipientState

DAY = 86400
HOUR = 3600
MINUTE = 60
SPAN_DAYS = 90
QUIET_DAYS = 1.5  # the operator has not run retries for this long: some are due now


@lru_cache(maxsize=1)
def seed_data() -> tuple[dict, dict]:
    base = resources_dir() / "demo"
    people = json.loads((base / "people.json").read_text(encoding="utf-8"))
    servers = json.loads((base / "servers.json").read_text(encoding="utf-8"))
    return people, servers



@dataclass(slots=True)
class Person:
    email: str
    name: str
    domain: Domain
    channel: Channel
    sender: tuple[str, str]  # (name, address) the mail comes from
    offset: int  # minutes: where this person sits in a bulk send
    rng: random.Random
    lang: str = "en"


@dataclass(slots=True)
class Condition:
    """What happens to mail that reaches the person between `start` and `end`."""

    what: str  # hard, soft, down, away, sender, message
    start: int
    end: int
    reason: str = ""
    phrase: Phrase | None = None
    channel: str | None = None  # only mail of this channel is affected
    return_stated: bool = False


@dataclass(slots=True)
class PlanItem:
    at: int
    order: int  # ties: operator run (0), retry (1), pause (2), message (3)
    what: str  # run, retry, pause, message
    email: str = ""
    message: DemoMessage | None = None

    def key(self) -> tuple[int, int, str]:
        return (self.at, self.order, self.message.name if self.message else self.email)


@dataclass(slots=True)
class Plan:
    """Everything the demo does, in time order, and the states the policy reaches by `now`."""

    now: int
    seed: int
    items: list[PlanItem]
    states: dict[str, RecipientState] = field(default_factory=dict)  # final, settled at `now`
    retried: set[str] = field(default_factory=set)  # recipients that had at least one retry
    sent_per_day: dict[int, int] = field(default_factory=dict)  # UTC day number -> messages sent (Sent folder)
    # Every message the shop sent to a simulated recipient (first sends; a retry re-sends one of
    # them under its own Message-ID), in time order: what its Sent folder holds about them.
    sent: list[Sent] = field(default_factory=list)

    @property
    def messages(self) -> list[DemoMessage]:
        return [it.message for it in self.items if it.message is not None]


class World:
    """Builds people, their mail and the reports, deterministically from (now, seed)."""

    def __init__(self, now: int, seed: int) -> None:
        self.now = int(now)
        self.seed = seed
        self.start = self.now - SPAN_DAYS * DAY
        self.rng = random.Random(seed)
        people, servers = seed_data()
        self.people_data, self.servers = people, servers
        self.channels = {k: _channel(k, v) for k, v in servers["channels"].items()}
        self.domains = [Domain(d["domain"], d["sw"], d["mx"], d["weight"], d.get("writes_bounces", False))
                        for d in servers["domains"]]  # fmt: skip
        self.used: set[str] = set()
        self.seq = 0
        self.items: list[PlanItem] = []
        self.states: dict[str, RecipientState] = {}
        self.retried: set[str] = set()
        self.runs = self._operator_runs()
        self.mx_ips: dict[str, str] = {}
        self.sent_times: list[int] = []  # every mail sent to a simulated recipient (first sends and retries)
        self.sent_log: list[Sent] = []  # every first send, as sent

    # -- schedule -------------------------------------------------------------------------

    def _operator_runs(self) -> list[int]:
        """Weekday mornings ~08:30 UTC when someone clicked "Run due retries"; none in the quiet days."""
        runs = []
        day0 = datetime.fromtimestamp(self.start, UTC).replace(hour=0, minute=0, second=0)
        for i in range(SPAN_DAYS + 1):
            d = day0 + timedelta(days=i)
            if d.weekday() >= 5:
                continue
            t = int(d.timestamp()) + 8 * HOUR + 30 * MINUTE + self.rng.randrange(40 * MINUTE)
            if self.start <= t <= self.now - QUIET_DAYS * DAY:
                runs.append(t)
        for t in runs:
            self.items.append(PlanItem(t, 0, "run"))
        return runs

    def sends(self, p: Person, start: int, end: int) -> list[int]:
        """When the person's channel mails them between start and end."""
        key = p.channel.key
        out: list[int] = []
        r = p.rng
        if key == "newsletter":
            d = datetime.fromtimestamp(self.start, UTC).replace(hour=7, minute=0, second=0)
            d += timedelta(days=(1 - d.weekday()) % 7)  # Tuesdays
            t = int(d.timestamp()) + p.offset * MINUTE
            while t < end:
                if t >= start:
                    out.append(t)
                t += 7 * DAY
        elif key in ("billing", "cafe"):
            d = datetime.fromtimestamp(self.start, UTC).replace(day=1, hour=5 if key == "billing" else 10, minute=0,
                                                                 second=0)  # fmt: skip
            while int(d.timestamp()) < end:
                if key == "cafe":
                    first = d + timedelta(days=(4 - d.weekday()) % 7)  # first Friday
                    t = int(first.timestamp()) + p.offset * MINUTE
                else:
                    t = int(d.timestamp()) + p.offset * MINUTE
                if start <= t < end:
                    out.append(t)
                if key == "billing" and r.random() < 0.4 and start <= t + 14 * DAY < end:
                    out.append(t + 14 * DAY)
                d = (d + timedelta(days=32)).replace(day=1)
            if key == "cafe":
                out += self._poisson(r, start, end, 25 * DAY, 9, 21)
        else:
            gap = 9 * DAY if key == "shop" else 6 * DAY
            out += self._poisson(r, start, end, gap, 6 if key == "shop" else 8, 21 if key == "shop" else 17,
                                 weekdays=key != "shop")  # fmt: skip
        return sorted(out)

    def _poisson(self, r: random.Random, start: int, end: int, mean_gap: int, h0: int, h1: int,
                 weekdays: bool = False) -> list[int]:  # fmt: skip
        out = []
        t = start + int(r.expovariate(1 / mean_gap))
        while t < end:
            d = datetime.fromtimestamp(t, UTC)
            if weekdays and d.weekday() >= 5:
                t += (7 - d.weekday()) * DAY
                continue
            hour = h0 + r.randrange(h1 - h0)
            day_start = int(d.replace(hour=0, minute=0, second=0).timestamp())
            out.append(day_start + hour * HOUR + r.randrange(HOUR))
            t += int(r.expovariate(1 / mean_gap)) + HOUR
        return [x for x in out if start <= x < end]

    # -- people -----------------------------------------------------------------------------

    def person(self, *, channel: str | None = None, domains: list[Domain] | None = None,
               sw: tuple[str, ...] | None = None, domain_name: str | None = None) -> Person:  # fmt: skip
        rng = self.rng
        ch = self.channels[channel] if channel else self._pick_channel()
        if domain_name is not None:
            dom = Domain(domain_name, "generic", f"mx.{domain_name}", 1.0)
        else:
            pool = domains or [d for d in self.domains if sw is None or d.sw in sw]
            dom = rng.choices(pool, weights=[d.weight for d in pool])[0]
        pd = self.people_data
        while True:
            first, last = rng.choice(pd["first_names"]), rng.choice(pd["last_names"])
            style = rng.random()
            company = not dom.domain.endswith((".test",)) or dom.sw in ("exchange",)
            if company and style < 0.12:
                local = rng.choice(pd["role_locals"])
            elif style < 0.5:
                local = f"{first}.{last}"
            elif style < 0.62:
                local = f"{first[0]}{last}"
            elif style < 0.72:
                local = f"{first}_{last}"
            elif style < 0.86 and not company:
                local = f"{first}{last[:1]}{rng.randrange(70, 100)}"
            elif style < 0.93:
                local = f"{last}.{first}"
            else:
                local = f"{first}{rng.randrange(1, 999)}"
            local = _ascii(local.lower())
            email = f"{local}@{dom.domain}"
            if email not in self.used:
                break
        self.used.add(email)
        name = "" if local in pd["role_locals"] else f"{first} {last}"
        staff_key = {"office": "office", "studio": "studio"}.get(ch.key)
        if staff_key:
            sname, slocal = rng.choice(pd["staff"][staff_key])
            sender = (sname, f"{slocal}@{ch.domain}")
        else:
            sender = (ch.name, ch.from_addr)
        lang = "de" if rng.random() < 0.3 else ("fr" if rng.random() < 0.1 else "en")
        prng = random.Random(rng.getrandbits(64))
        return Person(email, name, dom, ch, sender, rng.randrange(95), prng, lang)

    def _pick_channel(self) -> Channel:
        chans = list(self.channels.values())
        return self.rng.choices(chans, weights=[c.weight for c in chans])[0]

    def mx_ip(self, host: str) -> str:
        if host not in self.mx_ips:
            self.mx_ips[host] = f"{self.rng.choice(('192.0.2', '198.51.100'))}.{len(self.mx_ips) % 250 + 3}"
        return self.mx_ips[host]

    # -- what was sent ------------------------------------------------------------------------

    def sent(self, p: Person, t: int, *, subject: str | None = None, big: bool = False) -> Sent:
        ch, r = p.channel, p.rng
        pd = self.people_data
        d = datetime.fromtimestamp(t, UTC)
        week = (t - self.start) // (7 * DAY)
        fill = {
            "n": str(10000 + r.randrange(90000)), "theme": pd["themes"][week % len(pd["themes"])],
            "topic": r.choice(pd["topics"]), "year": str(d.year), "month": d.strftime("%B %Y"),
            "day": (d + timedelta(days=r.randrange(3, 12))).strftime("%A, %d %B"),
        }  # fmt: skip
        if subject is None:
            options = pd["subjects"][ch.key]
            subject = options[week % len(options)] if ch.key == "newsletter" else r.choice(options)
        subject = subject.format(**fill)
        self.sent_times.append(t)
        first = p.name.split(" ")[0] if p.name else "there"
        body = pd["bodies"]["template"].format(first=first, line=r.choice(pd["bodies"]["lines"][ch.key]),
                                               signature=p.sender[0])  # fmt: skip
        s = Sent(
            message_id=_message_id(ch, t, r), subject=subject, from_name=p.sender[0], from_addr=p.sender[1],
            to_name=p.name, to_addr=p.email, at=t, channel=ch, body=body,
            return_path=ch.return_path or p.sender[1], big=big, bulk=ch.key == "newsletter",
        )  # fmt: skip
        self.sent_log.append(s)
        return s

    def resend(self, s: Sent, t: int) -> Sent:
        self.sent_times.append(t)
        rid = f"<resent.{hexid(random.Random(t ^ hash_str(s.message_id)), 32)}@{s.from_addr.rpartition('@')[2]}>"
        return Sent(s.message_id, s.subject, s.from_name, s.from_addr, s.to_name, s.to_addr, s.at, s.channel, s.body,
                    s.return_path, resent_at=t, resent_id=rid, big=s.big, bulk=s.bulk)  # fmt: skip

    # -- phrases --------------------------------------------------------------------------------

    def phrase(self, p: Person, reason: str, *, rng: random.Random | None = None) -> Phrase:
        """A remote server's answer for this person's server software."""
        rng = rng or p.rng
        options = [ph for ph in self.servers["phrases"][reason]
                   if p.domain.sw in ph["sw"] or "*" in ph["sw"]]  # fmt: skip
        if not options:
            options = [ph for ph in self.servers["phrases"][reason] if "generic" in ph["sw"]] or list(
                self.servers["phrases"][reason])
        ph = rng.choices(options, weights=[o.get("weight", 1.0) for o in options])[0]
        return self._fill(p, ph, local=False)

    def local_phrase(self, p: Person, server: str, reason: str) -> Phrase | None:
        options = self.servers["local"].get(server, {}).get(reason)
        if not options:
            return None
        return self._fill(p, p.rng.choice(options), local=True)

    def _fill(self, p: Person, ph: dict, *, local: bool) -> Phrase:
        local_part, _, domain = p.email.partition("@")
        ch = p.channel
        values = {
            "rcpt": p.email, "local": local_part, "domain": domain, "mx": p.domain.mx, "mx_ip": self.mx_ip(p.domain.mx),
            "sender_ip": ch.ip, "sender_domain": ch.sender_domain, "sender_from": ch.return_path or p.sender[1],
            "gid": f"{token(p.rng, 13).lower()}-{token(p.rng, 6).lower()}si{p.rng.randrange(1000, 9999)}.{p.rng.randrange(100)}",
            "alt": f"{local_part}@{p.rng.choice(self.domains).domain}",
        }  # fmt: skip
        if "lines" in ph:
            lines = tuple(_fill_text(ln, values) for ln in ph["lines"])
            m = re.match(r"(\d{3})[- ](\d\.\d{1,3}\.\d{1,3})?", lines[0])
            return Phrase(m.group(1) if m else "", (m.group(2) or "") if m else "", lines, local)
        text = _fill_text(ph["text"], values)
        if local:
            return Phrase(ph.get("reply", ""), ph.get("status", ""), (text,), True)
        reply, status = ph["reply"], ph.get("status", "")
        line = " ".join(x for x in (reply, status, text) if x)
        return Phrase(reply, status, (line,), False)

    # -- reports ------------------------------------------------------------------------------

    def emit(self, heap: list, at: int, report: Report, intended_reason: str | None = None,
             return_date: str | None = None) -> None:  # fmt: skip
        """Queue a report for the person's timeline (rendered when it is due)."""
        heapq.heappush(heap, (at, 3, self._tick(), "report", (report, intended_reason, return_date)))

    def _tick(self) -> int:
        self.seq += 1
        return self.seq

    def finish_report(self, report: Report, intended_reason: str | None, return_date: str | None) -> DemoMessage:
        data = render(report, self.seed)
        statuses = intended_statuses(report)
        reason = intended_reason or report.reason
        # A warning is also fairly read as "still waiting in the queue" when its cause is the network,
        # or when its Status says so (4.4.7) whatever the remote answered.
        waiting = report.kind == "delay" and (reason == "networkerror" or "4.4.7" in statuses)
        reasons = (reason, "expired") if waiting and reason != "expired" else (reason,)
        original = None if report.kind == "auto-reply" else report.sent.message_id
        intended = Intended(report.kind, report.rcpt, reason, statuses[0] if statuses else "", report.fmt, return_date,
                            statuses, reasons, original)  # fmt: skip
        name = f"{report.seq:05d}-{report.fmt}-{report.kind}.eml"
        return DemoMessage(name, report.at, data, intended)


def _channel(key: str, v: dict) -> Channel:
    return Channel(key=key, mta=v["mta"], host=v["host"], ip=v["ip"], sender_domain=v["sender_domain"], tz=v["tz"],
                   notify_success=v["notify_success"], weight=v["weight"], from_addr=v.get("from", ""),
                   name=v.get("name", ""), return_path=v.get("return_path", ""), domain=v.get("domain", ""))  # fmt: skip


def hash_str(text: str) -> int:
    """A stable hash (Python's hash() of str changes per process)."""
    h = 1469598103934665603
    for ch in text.encode("utf-8"):
        h = ((h ^ ch) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def _fill_text(text: str, values: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def _ascii(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ç": "c", "ø": "o"})
    return text.translate(table)


def _message_id(ch: Channel, t: int, r: random.Random) -> str:
    d = local_time(t, 0)
    if ch.mta == "ses":
        return f"<0102{hexid(r, 12)}-{hexid(r, 8)}-{hexid(r, 4)}-{hexid(r, 4)}-{hexid(r, 12)}-000000@eu-west-1.amazonses.com>"
    if ch.mta == "o365":
        return f"<{ch.host.split('.')[0]}{token(r, 24).upper()}@{ch.host}>"
    if ch.mta == "gmail":
        return f"<CAF{token(r, 40)}@mail.gmail.com>"
    if ch.mta == "sendmail":
        return f"<{d:%Y%m%d%H%M}.{token(r, 6)}{r.randrange(100000, 999999)}@{ch.host}>"
    if ch.mta == "exim":
        return f"<E{token(r, 6)}-{token(r, 6)}-{token(r, 2)}@{ch.host}>"
    return f"<{d:%Y%m%d%H%M%S}.{token(r, 10)}@{ch.sender_domain}>"
_CODE = re.compile(r"(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.])")


def intended_statuses(r: Report) -> tuple[str, ...]:
    """The enhanced codes a careful reader may take from the message, the best first.

    The DSN Status field, unless it is only X.0.0 and the server's words carry a more specific
    code of the same class. When the field and the words name different codes of one class
    (Status 4.4.7, words "452 4.2.1 ..."), either is a fair reading: both are listed.
    """
    field_status = dsn_status(r)
    words = _CODE.findall(r.phrase.text) if r.phrase is not None else []
    if r.phrase is not None and r.phrase.status:
        words.insert(0, r.phrase.status)
    if r.extra.get("ses_diag"):
        words += _CODE.findall(r.extra["ses_diag"])
    if not field_status:
        return tuple(dict.fromkeys(words[:1]))
    same = [c for c in words if c[0] == field_status[0] and c != field_status]
    if field_status.endswith(".0.0"):  # a placeholder: the words' own code (any class) is as fair a reading
        other = [c for c in words if c[0] != field_status[0]]
        return tuple(dict.fromkeys([*(same[:1] or [field_status]), *other]))
    return tuple(dict.fromkeys([field_status, *same]))
