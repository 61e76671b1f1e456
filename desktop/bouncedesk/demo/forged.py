"""A few reports that are not about the shop's own mail, so the demo's Needs review list shows what
provenance holds back. Each is what a real mailbox gets now and then:

- backscatter: spam that forged the shop's address bounced at a server the shop never mailed;
- a complaint (ARF) about a "newsletter" the shop never sent, from a spammer using its domain;
- a bounce from the address a customer forwards to: it names a real shop message, but that
  message went to the customer, not to the address that failed;
- a stranger's bounce: another company's mail, with the shop's address mistyped as its sender;
- a forged bounce meant to get a real customer suppressed, naming a message the shop never sent.

None of them may move a recipient: they wait in Needs review. They are made after every
simulated life, from a random stream of their own, so the rest of the demo stays byte for byte
what it was.
"""

from __future__ import annotations

import dataclasses
import random
from typing import TYPE_CHECKING

from bouncedesk.demo.mailtext import hexid, local_time, token
from bouncedesk.demo.model import FBL, Channel, DemoMessage, Phrase, Report, Sent

if TYPE_CHECKING:
    from bouncedesk.demo.world import World

DAY = 86400
HOUR = 3600
MINUTE = 60

# Evidence codes of bouncedesk.policy.provenance a correct judge gives each (kept as text here:
# the generator does not depend on the policy it is checked against).
OWN_SENDER = "own-sender"
OWN_DOMAIN = "own-domain"
OTHER_RECIPIENT = "other-recipient"
NONE = "none"

_SPAM_RELAY = Channel("spam", "postfix", "mta4.bulk-relay.test", "203.0.113.201", "bulk-relay.test", 0, False, 0.0)
_STRANGER = Channel("stranger", "postfix", "mail.lindqvist-moebel.test", "192.0.2.188", "lindqvist-moebel.test", 60,
                    False, 0.0, from_addr="orders@lindqvist-moebel.test", name="Lindqvist Möbel")  # fmt: skip


def forged_messages(w: World) -> list[DemoMessage]:
    """The five reports, in no particular order (the plan sorts them in by time)."""
    rng = random.Random(w.seed * 7_919 + 20_250_219)
    shop, news = w.channels["shop"], w.channels["newsletter"]
    out = [
        _backscatter(w, rng, shop, w.now - int(63.2 * DAY)),
        _complaint(w, rng, news, w.now - int(41.5 * DAY)),
        _forwarded(w, rng, shop, w.now - int(17.3 * DAY)),
        _stranger(w, rng, shop, w.now - int(6.8 * DAY)),
        _against_a_customer(w, rng, shop, w.now - int(0.6 * DAY)),
    ]
    return [m for m in out if m is not None]


def _name(w: World, rng: random.Random) -> tuple[str, str]:
    pd = w.people_data
    first, last = rng.choice(pd["first_names"]), rng.choice(pd["last_names"])
    return f"{first} {last}", _ascii(f"{first}.{last}".lower())


def _fresh(w: World, rng: random.Random, domain: str) -> tuple[str, str]:
    """A name and an address the shop never mailed."""
    while True:
        name, local = _name(w, rng)
        email = f"{local}{rng.randrange(10, 99)}@{domain}"
        if email not in w.used:
            return name, email


def _finish(w: World, rep: Report, evidence: str) -> DemoMessage:
    msg = w.finish_report(rep, None, None)
    return dataclasses.replace(msg, intended=dataclasses.replace(msg.intended, forged=evidence))


def _shop_like_id(ch: Channel, t: int, rng: random.Random) -> str:
    """A Message-ID in the style of the shop's own server (its domain), for a message it never sent."""
    return f"<{local_time(t, 0):%Y%m%d%H%M%S}.{token(rng, 10)}@{ch.sender_domain}>"


def _backscatter(w: World, rng: random.Random, shop: Channel, t: int) -> DemoMessage:
    """Spam with the shop's address as sender, refused by a qmail server: the bounce comes to the shop."""
    name, rcpt = _fresh(w, rng, "kabelnet.test")
    sent_at = t - rng.randrange(HOUR, 5 * HOUR)
    s = Sent(
        message_id=f"<{hexid(rng, 16)}.{token(rng, 6)}@{_SPAM_RELAY.host}>",
        subject="Your parcel is waiting - confirm your delivery address", from_name=shop.name,
        from_addr=shop.from_addr, to_name=name, to_addr=rcpt, at=sent_at, channel=_SPAM_RELAY,
        body="Dear customer,\n\nyour parcel could not be delivered. Confirm your address within 24 hours:\n"
             "http://parcel-confirm.bulk-relay.test/track\n",
        return_path=shop.from_addr,
    )  # fmt: skip
    phrase = Phrase("", "5.1.1", ("Sorry, no mailbox here by that name. (#5.1.1)",), local=True)
    host = "mx01.kabelnet.test"
    rep = Report("qmail", "bounce", t, rcpt, name, s, w._tick(), reason="userunknown", phrase=phrase, mx=host,
                 mx_ip="198.51.100.61", extra={"host": host, "tz": 60})  # fmt: skip
    return _finish(w, rep, OWN_SENDER)


def _complaint(w: World, rng: random.Random, news: Channel, t: int) -> DemoMessage:
    """A feedback-loop report about a "newsletter" sent from elsewhere with the shop's domain."""
    name, rcpt = _fresh(w, rng, "yoomail.test")
    relay = dataclasses.replace(_SPAM_RELAY, sender_domain=news.sender_domain)
    s = Sent(
        message_id=_shop_like_id(news, t - 2 * DAY, rng), subject="Last chance: 80% off every audiobook today",
        from_name=news.name, from_addr=news.from_addr, to_name=name, to_addr=rcpt, at=t - rng.randrange(DAY, 2 * DAY),
        channel=relay, body="Only today: every audiobook 80% off. Pay by gift card:\n"
                            "http://deals.bulk-relay.test/audiobooks\n",
        return_path=news.return_path or news.from_addr, bulk=True,
    )  # fmt: skip
    rep = Report("arf", "complaint", t, rcpt, name, s, w._tick(), reason="feedback", feedback_type="abuse",
                 extra={"via_ses": False, "reporter": FBL["yahoo"], "headers_only": False})  # fmt: skip
    return _finish(w, rep, OWN_DOMAIN)


def _forwarded(w: World, rng: random.Random, shop: Channel, t: int) -> DemoMessage | None:
    """A customer forwards their mail to an old address that is gone: the bounce names the shop's
    real message, but for an address the shop never wrote to."""
    mine = sorted((s for s in w.sent_log if s.channel.key == "shop" and s.at < t - HOUR),
                  key=lambda s: (s.at, s.message_id))  # fmt: skip
    if not mine:
        return None
    s = mine[-1 - rng.randrange(min(40, len(mine)))]
    local = s.to_addr.partition("@")[0]
    target = f"{local}.old@fibermail.test"
    host = "mx2.fibermail.test"
    phrase = Phrase("550", "5.1.1", (f"550 5.1.1 <{target}>: unknown user",))
    rep = Report("exim-text", "bounce", s.at + rng.randrange(10 * MINUTE, 3 * HOUR), target, s.to_name, s,
                 w._tick(), reason="userunknown", phrase=phrase, mx=host, mx_ip="198.51.100.92",
                 extra={"host": f"mail.{s.to_addr.partition('@')[2]}", "tz": 60})  # fmt: skip
    return _finish(w, rep, OTHER_RECIPIENT)


def _stranger(w: World, rng: random.Random, shop: Channel, t: int) -> DemoMessage:
    """Another company's bounce: its mail named the shop's address as the envelope sender by mistake."""
    name, rcpt = _fresh(w, rng, "webpost.test")
    s = Sent(
        message_id=_shop_like_id(_STRANGER, t - HOUR, rng), subject="Ihre Bestellung 48213: Liefertermin",
        from_name=_STRANGER.name, from_addr=_STRANGER.from_addr, to_name=name, to_addr=rcpt,
        at=t - rng.randrange(5 * MINUTE, HOUR), channel=_STRANGER,
        body="Guten Tag,\n\nIhr Sofa wird am Donnerstag zwischen 8 und 12 Uhr geliefert.\n",
        return_path=f"info@{shop.sender_domain}",
    )  # fmt: skip
    phrase = Phrase("550", "5.1.1", (f"550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual "
                                     f"mailbox table",))  # fmt: skip
    rep = Report("postfix", "bounce", t, rcpt, name, s, w._tick(), reason="userunknown", phrase=phrase,
                 mx="mx.webpost.test", mx_ip="198.51.100.14")  # fmt: skip
    return _finish(w, rep, NONE)


def _against_a_customer(w: World, rng: random.Random, shop: Channel, t: int) -> DemoMessage | None:
    """A bounce in the shop's own server's format, for a real customer who receives the shop's mail
    fine, naming a message the shop never sent: someone wants that customer suppressed."""
    fine = sorted(e for e, st in w.states.items() if st.state == "active")
    if not fine:
        return None
    rcpt = fine[rng.randrange(len(fine))]
    sent_at = t - rng.randrange(MINUTE, 10 * MINUTE)
    s = Sent(
        message_id=_shop_like_id(shop, sent_at, rng), subject="Your order has shipped", from_name=shop.name,
        from_addr=shop.from_addr, to_name="", to_addr=rcpt, at=sent_at, channel=shop,
        body="Hello,\n\nyour order has shipped and will arrive in 2-3 days.\n", return_path=shop.from_addr,
    )  # fmt: skip
    domain = rcpt.partition("@")[2]
    phrase = Phrase("550", "5.1.1", (f"550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in local "
                                     f"recipient table",))  # fmt: skip
    rep = Report("postfix", "bounce", t, rcpt, "", s, w._tick(), reason="userunknown", phrase=phrase,
                 mx=f"mx.{domain}", mx_ip="192.0.2.77")  # fmt: skip
    return _finish(w, rep, OWN_DOMAIN)


def _ascii(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ç": "c", "ø": "o"})
    return "".join(c for c in text.translate(table) if c.isascii() and (c.isalnum() or c in "._-"))
