#!/usr/bin/env python3
"""Generate tests/fixtures/mta: real bounces and delay warnings from Postfix, Exim and OpenSMTPD.

    python3 tools/mta_corpus/generate.py --out tests/fixtures/mta [--mta postfix ...] [--i-know]

Installs each MTA from Debian in turn, routes the test domains to the scripted receiver on
127.0.0.1 (replies from replies.py), sends test messages through it, collects what the MTA sends
back to the sender (bounces and delay warnings, via a sink on 127.0.0.1), writes them as .eml
files and writes gold.jsonl from the reply table, then purges the MTA. Throwaway machines only.
"""

from __future__ import annotations

import argparse
import email.utils
import json
import os
import random
import re
import shutil
import smtplib
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mtas  # noqa: E402
import receiver  # noqa: E402
from replies import ENTRIES, Entry, domains, reply_lines  # noqa: E402

BASE_PORT = 2525
SINK_PORT = 2600
SEED = 13
SENDERS = {  # one made-up company per MTA
    "postfix": ("newsletter@lindqvist-outdoor.example", "mx-out.lindqvist-outdoor.example", "Lindqvist Outdoor"),
    "exim": ("orders@bergamot-books.example", "mail.bergamot-books.example", "Bergamot Books"),
    "opensmtpd": ("hello@quillfeather.example", "smtp.quillfeather.example", "Quillfeather Studio"),
}
FIRST = ["anna", "ben", "clara", "david", "elif", "farid", "greta", "hugo", "ines", "jonas", "kira", "lars",
         "maja", "nils", "olga", "pavel", "quinn", "rosa", "sven", "tara", "umut", "vera", "wim", "xenia",
         "yusuf", "zoe", "amir", "bea", "cem", "dana", "emil", "fenna", "gil", "hana", "ivo", "jade"]
LAST = ["achterberg", "brandvold", "castellan", "drummond", "eskilsen", "falkner", "grimaldi", "holloway",
        "ivanova", "jablonski", "kettering", "lindahl", "marchetti", "nakagawa", "oyelaran", "pellegrini",
        "quenneville", "rasmussen", "sandoval", "thorsby", "underhill", "valcourt", "whitlock", "yilmaz"]
UTF8_LOCAL = {  # RFC 6531 local parts: the MTA must carry them with SMTPUTF8
    "gmx-550-5.1.1": "jörg.müller", "gmx-552-5.2.2": "sören.weiß", "webde-550-5.2.1": "zoë.brandstätter",
    "tonline-550-5.1.1": "björn.größ", "tonline-552-5.2.2": "jürgen.käßmann",
    "smallbiz-550-5.1.1": "josé.peña", "smallbiz-550-5.1.6": "françois.lefèvre", "zoho-550-5.1.1": "李雷",
    "dnsbl-554-zen": "åsa.lindström", "apple-550-5.1.1": "chloé.durand",
}
QUOTED_LOCAL = {  # RFC 5321 quoted-string local parts
    "yahoo-554-userunknown": '"john..doe"', "microsoft-550-5.1.10": '"mary..ann"',
    "smallbiz-550-5.1.1": '"ola..nordmann"', "proofpoint-550-5.1.1": '"sales team"',
    "mimecast-550-invalid": '"r.o..berts"',
}
SINGLES_PER_ENTRY = 2
MULTI_MESSAGES = 24


@dataclass
class Rcpt:
    address: str
    entry: Entry | None  # None: the receiver accepts it


@dataclass
class Message:
    stem: str  # file-name stem for what comes back
    token: str
    rcpts: list[Rcpt]
    failed: list[Rcpt] = field(default_factory=list)

    def __post_init__(self):
        self.failed = [r for r in self.rcpts if r.entry is not None]

    @property
    def temporary(self) -> bool:
        return any(r.entry.temporary for r in self.failed)


def make_plan(mta: str, smtputf8: bool = True, quoted_local: bool = True) -> list[Message]:
    rnd = random.Random(f"{SEED}-{mta}")
    used: set[str] = set()

    def person(domain: str) -> str:
        while True:
            f, la = rnd.choice(FIRST), rnd.choice(LAST)
            local = rnd.choice([f"{f}.{la}", f"{f[0]}{la}", f"{f}_{la}", f"{f}{la[:3]}", f"{f}.{la}{rnd.randint(2, 99)}"])
            addr = f"{local}@{domain}"
            if addr not in used:
                used.add(addr)
                return addr

    plan: list[Message] = []
    n = 0
    for e in ENTRIES:
        for i in range(1, SINGLES_PER_ENTRY + 1):
            n += 1
            if i == 1 and e.key in UTF8_LOCAL and smtputf8:
                addr = f"{UTF8_LOCAL[e.key]}@{e.domain}"
            elif i == 2 and e.key in QUOTED_LOCAL and quoted_local:
                addr = f"{QUOTED_LOCAL[e.key]}@{e.domain}"
            else:
                addr = person(e.domain)
            used.add(addr)
            plan.append(Message(f"{e.key}-{i}", f"{mta}.{n:04d}.{rnd.getrandbits(32):08x}", [Rcpt(addr, e)]))
    # several failed recipients in one message: one report with several recipient blocks
    rcpt_5xx = [e for e in ENTRIES if e.stage == "rcpt" and not e.temporary]
    for i in range(1, MULTI_MESSAGES + 1):
        n += 1
        picks = rnd.sample(rcpt_5xx, rnd.choice([2, 2, 3]))
        rcpts = [Rcpt(person(e.domain), e) for e in picks]
        if i % 3 == 0:  # one recipient that is accepted: it must not appear as a bounce
            rcpts.insert(rnd.randrange(len(rcpts) + 1), Rcpt(person(rnd.choice(domains())), None))
        plan.append(Message(f"multi-{i:02d}", f"{mta}.{n:04d}.{rnd.getrandbits(32):08x}", rcpts))
    return plan


def build_message(msg: Message, sender: str, company: str, n: int) -> bytes:
    from email.message import EmailMessage
    from email.policy import SMTPUTF8

    m = EmailMessage(policy=SMTPUTF8)
    m["From"] = f"{company} <{sender}>"
    m["To"] = ", ".join(r.address for r in msg.rcpts)
    m["Subject"] = f"{company}: your order update #{4100 + n}"
    m["Date"] = email.utils.formatdate(localtime=False)
    m["Message-ID"] = f"<{msg.token}@{sender.rpartition('@')[2]}>"
    m.set_content(f"Hello,\n\nthis is a short update about order #{4100 + n} from {company}.\n"
                  "Reply to this message if anything looks wrong.\n\n-- \n"
                  f"{company}, 12 Example Street, Exampletown\n")
    return m.as_bytes()


def submit(plan: list[Message], sender: str, company: str) -> list[Message]:
    """Send every message; returns those the MTA took (refused recipients dropped from them)."""
    taken: list[Message] = []
    for start in range(0, len(plan), 40):  # OpenSMTPD takes at most 100 messages a session
        taken += _submit(plan[start:start + 40], sender, company, start)
    return taken


def _submit(plan: list[Message], sender: str, company: str, first: int) -> list[Message]:
    taken = []
    with smtplib.SMTP("127.0.0.1", 25, local_hostname="app.internal.example", timeout=60) as s:
        s.ehlo()
        utf8_ok = s.has_extn("smtputf8")
        for n, msg in enumerate(plan):
            addrs = [r.address for r in msg.rcpts]
            need_utf8 = any(not a.isascii() for a in addrs)
            if need_utf8 and not utf8_ok:
                print(f"  ! MTA does not offer SMTPUTF8; {msg.stem} goes without it", flush=True)
            opts = ["SMTPUTF8", "BODY=8BITMIME"] if need_utf8 and utf8_ok else []
            refused = {}
            try:
                refused = s.sendmail(sender, addrs, build_message(msg, sender, company, first + n),
                                    mail_options=opts)
            except smtplib.SMTPRecipientsRefused as exc:
                refused = exc.recipients
            except (smtplib.SMTPException, UnicodeError) as exc:
                print(f"  ! submission of {msg.stem} failed: {exc}", flush=True)
                s.rset()
                continue
            if refused:
                print(f"  ! refused at submission: {refused}", flush=True)
                msg.rcpts = [r for r in msg.rcpts if r.address not in refused]
                msg.failed = [r for r in msg.failed if r.address not in refused]
            if msg.failed:
                taken.append(msg)
    return taken


_CUT = re.compile(rb"(?im)^content-type:\s*(message/(rfc822|global)\b|text/rfc822-headers|message/global-headers)"
                  rb"|^------ This is a copy of the message")


def report_region(raw: bytes) -> str:
    """The notice without the returned original, for finding which recipients it names."""
    m = _CUT.search(raw)
    return (raw[: m.start()] if m else raw).decode("utf-8", "replace").lower()


def address_forms(addr: str) -> list[str]:
    local, _, dom = addr.rpartition("@")
    forms = [addr.lower()]
    if local.startswith('"'):
        forms.append(f"{local[1:-1]}@{dom}".lower())
    if not addr.isascii():  # RFC 6533 utf-8-addr-xtext: \x{HEX}
        forms.append("".join(c if c.isascii() else f"\\x{{{ord(c):x}}}" for c in addr).lower())
    return forms


def collect(mta: mtas.MTA, plan: list[Message], sink: Path, deadline: float) -> dict[str, list[bytes]]:
    """Wait for every planned message's final bounce (flushing the queue now and then)."""
    by_token = {m.token: m for m in plan}
    got: dict[str, list[bytes]] = {m.token: [] for m in plan}
    seen: set[str] = set()
    last_flush = 0.0
    while True:
        for f in sorted((sink / "new").iterdir()):
            if f.name in seen:
                continue
            seen.add(f.name)
            raw = f.read_bytes()
            tok = next((t for t in by_token if t.encode() in raw), None)
            if tok is None:
                print(f"  ? notice for no planned message: {f.name}", flush=True)
                continue
            got[tok].append(raw)
        pending = [m for m in plan if not any(not is_delay(mta, r) for r in got[m.token])]
        if not pending:
            return got
        if time.time() > deadline:
            if not deadline:
                return got
            print(f"  ! timed out waiting for {len(pending)} bounces: {[m.stem for m in pending[:10]]}", flush=True)
            return got
        if time.time() - last_flush > 15:
            mta.flush()
            last_flush = time.time()
            print(f"  … {len(pending)} messages still without a bounce", flush=True)
        time.sleep(2)


def subject(raw: bytes) -> str:
    m = re.search(rb"(?im)^subject:[ \t]*(.*)$", raw)
    return m.group(1).decode("utf-8", "replace") if m else ""


def is_expiry_notice(raw: bytes) -> bool:
    """OpenSMTPD 6.8 reports the final expiry of a message as a *delayed* notice ("Envelope
    expired", Action: delayed, Status: 4.4.7) and then drops it: that notice is its bounce."""
    return b"Envelope expired" in raw and b"Status: 4.4.7" in raw


def is_delay(mta: mtas.MTA, raw: bytes) -> bool:
    s = subject(raw)
    return any(k.lower() in s.lower() for k in mta.subjects_delay) and not is_expiry_notice(raw)


def gold_row(file: str, index: int, mta: str, r: Rcpt, kind: str, expiry: bool = False) -> dict:
    e = r.entry
    row = {"file": file, "index": index, "kind": kind, "mta": mta, "provider": e.provider, "table_key": e.key,
           "recipient": r.address.lower(), "status": e.status, "status_in_message": e.status_in_message,
           "replycode": str(e.code), "reason": e.reason, "hardbounce": e.hard, "feedbacktype": ""}
    if kind == "delay":  # a delay warning: must yield no bounce (index 0, like the corpus's non-bounces)
        row.update(index=0, reason=None, hardbounce=None, delay_reason=e.reason)
    if expiry:  # the notice no longer carries the reply: all it says is that the message expired
        row.update(reason="expired", status="4.4.7", status_in_message=True, replycode="", hardbounce=False,
                   table_reason=e.reason)
    return row


def write_out(mta: mtas.MTA, plan: list[Message], got: dict[str, list[bytes]], out: Path) -> list[dict]:
    d = out / mta.name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    rows: list[dict] = []
    for m in plan:
        delays = [r for r in got[m.token] if is_delay(mta, r)]
        finals = [r for r in got[m.token] if not is_delay(mta, r)]
        for i, raw in enumerate(delays[:1], 1):  # one warning per message is plenty
            name = f"{mta.name}/delay-{m.stem}-{i}.eml" if len(delays) > 1 else f"{mta.name}/delay-{m.stem}.eml"
            (out / name).write_bytes(raw)
            for r in m.failed:
                if r.entry.temporary:
                    rows.append(gold_row(name, 0, mta.name, r, "delay"))
        for i, raw in enumerate(finals, 1):
            name = f"{mta.name}/{m.stem}.eml" if len(finals) == 1 else f"{mta.name}/{m.stem}-part{i}.eml"
            region = report_region(raw)
            named = []
            for r in m.failed:
                pos = min((p for p in (region.find(f) for f in address_forms(r.address)) if p >= 0), default=-1)
                if pos >= 0 or (len(finals) == 1 and len(m.failed) == 1):
                    named.append((pos, r))
            if not named:
                print(f"  ! {name}: names none of {[r.address for r in m.failed]}", flush=True)
                continue
            (out / name).write_bytes(raw)
            for idx, (_, r) in enumerate(sorted(named, key=lambda t: t[0]), 1):
                rows.append(gold_row(name, idx, mta.name, r, "bounce", is_expiry_notice(raw)))
    return rows


def from_maildir(name: str, out: Path, maildir: Path) -> list[dict]:
    """Rebuild files and gold from a sink maildir kept from an earlier run (no MTA needed)."""
    sender, host, _ = SENDERS[name]
    routes = {dom: BASE_PORT + i for i, dom in enumerate(domains())}
    mta = mtas.ALL[name](routes, sender.rpartition("@")[2], SINK_PORT, host)
    plan = make_plan(name, mta.smtputf8, mta.quoted_local)
    got = collect(mta, plan, maildir, 0)
    return write_out(mta, plan, got, out)


def run_mta(name: str, out: Path, work: Path, log) -> list[dict]:
    sender, host, company = SENDERS[name]
    routes = {dom: BASE_PORT + i for i, dom in enumerate(domains())}
    mta = mtas.ALL[name](routes, sender.rpartition("@")[2], SINK_PORT, host)
    plan = make_plan(name, mta.smtputf8, mta.quoted_local)
    script = {}
    for m in plan:
        for r in m.failed:
            script[r.address] = (r.entry.stage, r.entry.code, reply_lines(r.entry, r.address, sender))
    sink = work / name / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (sink / sub).mkdir(parents=True, exist_ok=True)
    servers = [receiver.ScriptedSMTP(port, f"mx.{dom}", receiver.Script(script), logfile=log,
                                     host=mta.host_for(port)) for dom, port in routes.items()]
    servers.append(receiver.ScriptedSMTP(SINK_PORT, f"inbound.{sender.rpartition('@')[2]}", sink_dir=str(sink),
                                         logfile=log, host=mta.host_for(SINK_PORT)))
    for s in servers:
        receiver.serve_in_thread(s)
    print(f"== {name}: installing {mta.packages}", flush=True)
    try:
        mta.install()
        mta.stop()
        mta.configure()
        mta.start()
        version = mta.version()
        print(f"== {name} {version}: sending {len(plan)} messages", flush=True)
        time.sleep(1)
        plan = submit(plan, sender, company)
        got = collect(mta, plan, sink, time.time() + mtas.LIFETIME_S * 4 + 120)
        # delay warnings may trail the last bounce by a queue run: give them a moment
        rows = write_out(mta, plan, got, out)
        return rows
    finally:
        mta.stop()
        for s in servers:
            s.shutdown()
            s.server_close()
        print(f"== {name}: purging", flush=True)
        mta.purge()
        mtas.clean_spool(mta)


def refuse_unless_throwaway(i_know: bool) -> None:
    if i_know:
        return
    if os.geteuid() != 0:
        raise SystemExit("run as root on a throwaway machine (it installs and purges MTAs), or pass --i-know")
    marks = [Path("/.dockerenv").exists(), Path("/run/.containerenv").exists(), os.environ.get("CI") == "true",
             Path("/proc/1/comm").read_text().strip() not in ("systemd", "init", "launchd")]
    if not any(marks):
        raise SystemExit("this looks like a real machine (PID 1 is an init system): it would install and "
                         "purge Postfix, Exim and OpenSMTPD. Pass --i-know if it really is a throwaway VM.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("tests/fixtures/mta"))
    ap.add_argument("--mta", action="append", choices=list(mtas.ALL), help="only these (default: all three)")
    ap.add_argument("--i-know", action="store_true", help="run although this may be a real machine")
    ap.add_argument("--from-maildir", type=Path, help="rebuild one --mta's output from a kept sink maildir")
    a = ap.parse_args(argv)
    if not a.from_maildir:
        refuse_unless_throwaway(a.i_know)
    names = a.mta or list(mtas.ALL)
    a.out.mkdir(parents=True, exist_ok=True)
    gold_path = a.out / "gold.jsonl"
    old = []
    if gold_path.exists():  # keep the rows of MTAs not regenerated this time
        old = [json.loads(ln) for ln in gold_path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        old = [r for r in old if r["mta"] not in names]
    rows = list(old)
    with tempfile.TemporaryDirectory(prefix="mta_corpus.") as tmp:
        work = Path(tmp)
        with open(work / "receiver.log", "w") as log:
            for name in names:
                rows += from_maildir(name, a.out, a.from_maildir) if a.from_maildir else run_mta(name, a.out, work, log)
        shutil.copy(work / "receiver.log", a.out.parent / ".mta_receiver.log") if os.environ.get("MTA_KEEP_LOG") else None
    order = {n: i for i, n in enumerate(mtas.ALL)}
    rows.sort(key=lambda r: (order[r["mta"]], r["file"], r["index"]))
    with open(gold_path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    for name in names:
        b = {r["file"] for r in rows if r["mta"] == name and r["kind"] == "bounce"}
        dl = {r["file"] for r in rows if r["mta"] == name and r["kind"] == "delay"}
        print(f"{name}: {len(b)} bounce files, {len(dl)} delay warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
