"""What the demo's user did besides reading bounces, done through the real APIs after the replay:
one correction of a misread bounce (corrections.py, so the timeline says "correction by you"),
suppression lists imported from the shop's former mailing tools (listformats.py, as the
Suppressions page's "Import list…" does), and files in the demo folder to try the features on:
a newsletter list for "Check a mailing list" and a Mailchimp unsubscribe export not yet imported.

Everything is derived from the built store in a fixed order, so (now, seed) gives the same files.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bouncedesk.act import corrections
from bouncedesk.act.actions import Actions
from bouncedesk.lists.listcheck import load_data
from bouncedesk.lists.listformats import read_file, suppress_entries

DAY = 86400
LIST_FILE = "newsletter-list.csv"  # for File → Check a mailing list…
MAILCHIMP_CLEANED = "mailchimp-cleaned.csv"  # imported by the demo
BREVO_BLOCKLIST = "brevo-blocklist.csv"  # imported by the demo
MAILCHIMP_UNSUBSCRIBED = "mailchimp-unsubscribed.csv"  # left for the user (and the self-test) to import
# The misread the demo's user corrected: Exchange Online's 5.4.310 "DNS domain … does not exist" is
# read as "filtered", while it says the recipient's domain is gone (host unknown).
CORRECTED_PHRASE = "dns domain % does not exist [message=infodomainnonexistent]%"
CORRECTED_REASON = "hostunknown"


@dataclass
class UserData:
    """What add_user_data wrote: the files (names in the demo folder) and what the APIs did."""

    folder: str
    correction_rule: int = 0  # the id in user_rules.json (0: no misread bounce to correct)
    corrected: list[str] = field(default_factory=list)  # recipients the correction changed
    imported: dict[str, int] = field(default_factory=dict)  # file → addresses suppressed from it
    files: list[str] = field(default_factory=list)


def add_user_data(conn: sqlite3.Connection, folder: Path, now: int) -> UserData:
    """Correct the misread bounce, import the old tools' lists, write the files to try."""
    folder.mkdir(parents=True, exist_ok=True)
    out = UserData(str(folder))
    _correct(conn, folder, now, out)
    picks = _picks(conn)
    acts = Actions(conn)
    for name, text in (
        (MAILCHIMP_CLEANED, _mailchimp_cleaned(picks, now)),
        (BREVO_BLOCKLIST, _brevo(now)),
    ):
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="")
        fmt, entries = read_file(str(path))
        report = suppress_entries(acts, entries, now - 2 * DAY, fmt.name)
        out.imported[name] = len(report.suppressed)
        out.files.append(name)
    for name, text in (
        (MAILCHIMP_UNSUBSCRIBED, _mailchimp_unsubscribed(now)),
        (LIST_FILE, _newsletter(picks)),
    ):
        (folder / name).write_text(text, encoding="utf-8", newline="")
        out.files.append(name)
    return out


# --- the correction ---------------------------------------------------------------------------


def _correct(conn: sqlite3.Connection, folder: Path, now: int, out: UserData) -> None:
    """As the user did it: "This is really → host unknown" on the first such bounce, its pattern as
    suggested, the provider cleared (every provider's Exchange says it this way)."""
    row = conn.execute(
        "SELECT id FROM results WHERE kind = 'bounce' AND review = '' AND reason != ? AND lower(diagnostic) LIKE ?"
        " ORDER BY at, id LIMIT 1", (CORRECTED_REASON, "%" + CORRECTED_PHRASE)).fetchone()  # fmt: skip
    if row is None:
        return
    plan = corrections.plan_correct(conn, folder, row[0], CORRECTED_REASON, now, host="")
    done = corrections.apply_plan(conn, folder, plan, now)
    out.correction_rule = max(r.id for r in corrections.list_rules(None, folder))
    out.corrected = [c.email for c in done.changes]


# --- the lists --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Picks:
    """Demo recipients the files name, by state (first by address: deterministic)."""

    by_state: dict[str, list[str]]
    recent: list[str]  # active again, but bounced in the last 30 days


def _picks(conn: sqlite3.Connection) -> _Picks:
    """People, not role accounts (the list adds its own), spread over the alphabet."""
    roles = load_data().roles
    by_state = {}
    for state, n in (("suppressed", 5), ("inactive", 2), ("paused", 1), ("retrying", 2), ("active", 8)):
        people = [r[0] for r in conn.execute("SELECT email FROM recipients WHERE state = ? ORDER BY email", (state,))
                  if r[0].partition("@")[0] not in roles]  # fmt: skip
        by_state[state] = people[:: max(1, len(people) // n)][:n]
    recent = [r[0] for r in conn.execute(
        "SELECT email FROM recipients WHERE state = 'active' AND last_failure_at IS NOT NULL"
        " ORDER BY last_failure_at DESC, email LIMIT 2")]  # fmt: skip
    return _Picks(by_state, recent)


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def _stamp(at: int) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S")


_MC_HEAD = ["Email Address", "First Name", "Last Name", "MEMBER_RATING", "OPTIN_TIME", "CONFIRM_TIME"]
_MC_TAIL = ["LEID", "EUID"]


def _mailchimp_cleaned(picks: _Picks, now: int) -> str:
    """Mailchimp's cleaned_members_export: addresses it dropped after hard bounces, before the shop
    moved its newsletter; one of them is suppressed in the demo already."""
    people = [("ines.kowalski@quickmail.test", "Ines", "Kowalski"), ("m.haas@yoomail.test", "Markus", "Haas"),
              ("old-orders@harbor-logistics.example.com", "", ""), ("bjoern.sand@webpost.test", "Björn", "Sand"),
              ("tove.ekstroem@kabelnet.test", "Tove", "Ekström"), (picks.by_state["suppressed"][0], "", "")]  # fmt: skip
    rows = [[*_MC_HEAD, "CLEAN_TIME", "CAMPAIGN_TITLE", *_MC_TAIL]]
    for i, (email, first, last) in enumerate(people):
        at = now - (200 + 9 * i) * DAY
        rows.append([email, first, last, "1", _stamp(at - 400 * DAY), _stamp(at - 400 * DAY + 300), _stamp(at),
                     "Spring catalogue", str(51230 + i), f"a{7 * i + 3:07x}"])  # fmt: skip
    return _csv(rows)


def _mailchimp_unsubscribed(now: int) -> str:
    """Mailchimp's unsubscribed_members_export (one said the mail was spam): for Import list…"""
    people = [("greta.lind@fibermail.test", "Greta", "Lind", "I no longer want to receive these emails"),
              ("paul.eder@outpost-mail.test", "Paul", "Eder", "The emails are spam and should be reported"),
              ("anja.roth@mailbox-nord.test", "Anja", "Roth", "I never signed up for this mailing list"),
              ("k.yilmaz@quickmail.test", "Kerem", "Yılmaz", "The emails are inappropriate"),
              ("lea.marx@webpost.test", "Lea", "Marx", "")]  # fmt: skip
    rows = [[*_MC_HEAD, "UNSUB_TIME", "UNSUB_CAMPAIGN_TITLE", "UNSUB_REASON", *_MC_TAIL]]
    for i, (email, first, last, why) in enumerate(people):
        at = now - (120 + 11 * i) * DAY
        rows.append([email, first, last, "2", _stamp(at - 300 * DAY), _stamp(at - 300 * DAY + 600), _stamp(at),
                     "Summer sale", why, str(61400 + i), f"b{5 * i + 1:07x}"])  # fmt: skip
    return _csv(rows)


def _brevo(now: int) -> str:
    """Brevo's blocklisted contacts export (the shop's transactional mail went through Brevo)."""
    people = [("noah.brandt@kabelnet.test", "hardBounce"), ("sina.pavlova@yoomail.test", "contactFlaggedAsSpam"),
              ("rechnung@alte-druckerei.example.de", "hardBounce"), ("jan.vos@fibermail.test", "adminBlocked"),
              ("mila.hartmann@webpost.test", "unsubscribedViaEmail")]  # fmt: skip
    rows = [["EMAIL", "EMAIL_BLACKLISTED", "REASON", "BLOCKED_AT"]]
    rows += [[e, "Yes", why, _stamp(now - (150 + 13 * i) * DAY)] for i, (e, why) in enumerate(people)]
    return _csv(rows)


def _newsletter(picks: _Picks) -> str:
    """The shop's next newsletter list (semicolons, as a German spreadsheet saves it): demo recipients
    in every state, some who bounced lately, new subscribers at the large providers, role accounts,
    a typo domain, a repeated row and two invalid addresses."""
    s = picks.by_state
    emails = [*s["active"][:4], *s["suppressed"][1:5], *s["inactive"], *s["paused"], *s["retrying"], *picks.recent,
              "ines.kowalski@quickmail.test", "sina.pavlova@yoomail.test",  # imported from the old tools
              "lena.vogel@gmail.com", "jonas.krueger@gmx.de", "mara.schulz@web.de", "tim.becker@t-online.de",
              "sofia.lange@outlook.com", "ben.wolf@yahoo.de", "emma.richter@icloud.com", "paul.koch@gmail.com",
              "info@atelier-rouge.test", "office@stadtwerke-nord.test", "noreply@velvet-records.test",
              "hanna.frank@gmial.com", "felix.braun@hotmial.de",  # typo domains
              "leonie.hahn@@web.de", "max.kraus at gmx.de",  # invalid
              *s["active"][4:8]]  # fmt: skip
    emails.append(emails[0].upper())  # the same subscriber twice, once in capitals
    rows = [["Vorname", "Nachname", "E-Mail", "Kunde seit"]]
    for i, e in enumerate(emails):
        first, _, last = e.split("@")[0].split(" ")[0].replace("_", ".").partition(".")
        if not (first.isalpha() and last.isalpha()):
            first, last = "", ""
        rows.append([first.capitalize(), last.capitalize(), e, f"{2019 + i % 6}-{1 + i % 12:02d}"])
    return _csv(rows, ";")
