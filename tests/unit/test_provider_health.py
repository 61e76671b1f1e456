"""Provider health on a real store: the provider of a recipient (also a custom domain by its mail
server), the blocklist or check a sender-side bounce names (never for a recipient's own trouble),
the per-provider rollup kept right through import, reparse and the one-time fill of older rows,
sent recipients per provider, and the numbers the page and the CLI read."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.classify.receivers import host_of, listing_of, load_receivers, provider_of, with_extra
from bouncedesk.dsn.sentmail import SOURCE_SENT_FOLDER, SentHeader
from bouncedesk.intake.analysis import analyze_message
from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.reparse import reparse_all
from bouncedesk.intake.rows import Incoming
from bouncedesk.lists.listcheck import check_list
from bouncedesk.store.providers import (
    USER_PROVIDERS_SETTING,
    backfill,
    describe_problem,
    detail,
    needs_backfill,
    overview,
    result_keys,
)
from bouncedesk.store.schema import migrate
from bouncedesk.store.sent import add_sent_messages
from bouncedesk.store.settings import put_setting
from tests.bounces import dsn

NOW = 1_767_225_600  # 2026-01-01 UTC
DAY = 86400


# --- which provider -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "mta", "want"),
    [
        ("gmail.com", "", "gmail"),
        ("GoogleMail.com.", "", "gmail"),
        ("hotmail.co.uk", "", "microsoft"),
        ("sub.yahoo.de", "", "yahoo"),
        ("web.de", "", "gmx"),
        ("magenta.de", "", "tonline"),
        ("me.com", "", "apple"),
        # custom domains hosted at a large provider: known by the server that answered
        ("kanzlei-weber.de", "dns; kanzlei-weber-de.mail.protection.outlook.com", "microsoft"),
        ("farm.example", "aspmx.l.google.com. [142.250.1.26]", "gmail"),
        ("shop.example", "dns;mta6.am0.yahoodns.net", "yahoo"),
        ("praxis.example", "mx01.mail.icloud.com", "apple"),
        ("verein.example", "mx00.emig.gmx.net", "gmx"),
        ("firma.example", "mx.firma.example", "others"),
        ("", "", "others"),
        # the recipient's own domain wins over whatever server answered
        ("gmx.de", "relay.outlook.com", "gmx"),
        # "google.com" must be a whole label, not a suffix of any text
        ("notgoogle.com", "mail.notgoogle.com", "others"),
    ],
)
def test_provider_of_by_domain_or_by_mail_server(domain, mta, want):
    assert provider_of(domain, mta) == want


def test_host_of_reads_the_usual_remote_mta_forms_and_bounds_hostile_ones():
    assert host_of("dns; MX1.Example.COM") == "mx1.example.com"
    assert host_of("mx.example.net [192.0.2.1]") == "mx.example.net"
    assert host_of("[192.0.2.1]") == "192.0.2.1"
    assert host_of("dns; " + "a." * 5000 + "com") == ""  # longer than a host name can be
    assert provider_of("x.example", "dns; " + "a." * 5000 + "google.com") == "others"


def test_the_users_own_providers_join_the_table_and_win_for_their_domains():
    extra = json.dumps({"hanse": {"title": "Hanse Mail", "domains": ["hanse-mail.example"], "mx": ["hanse-mx.example"]},
                        "gmail": {"title": "Gmail", "domains": ["legacy-gmail.example"]}})  # fmt: skip
    r = with_extra(load_receivers(), extra)
    assert provider_of("kunde.hanse-mail.example", "", r) == "hanse"
    assert provider_of("firma.example", "in1.hanse-mx.example", r) == "hanse"
    assert provider_of("legacy-gmail.example", "", r) == "gmail"
    assert list(r.titles)[-1] == "others" and r.titles["hanse"] == "Hanse Mail"
    assert with_extra(load_receivers(), "{not json") is load_receivers()  # broken data never stops an import


# --- which listing ------------------------------------------------------------------------------

# Server answers as the large senders' bounces quote them (our own wording of their well-known forms).
WORDINGS = [
    (
        "5.7.1",
        "554 5.7.1 Service unavailable; Client host [198.51.100.9] blocked using zen.spamhaus.org; "
        "https://check.spamhaus.org/query/ip/198.51.100.9",
        "spamhaus-zen",
    ),
    (
        "5.7.1",
        "550 5.7.1 <a@b.example>: Client host rejected: listed in pbl.spamhaus.org (dynamic range)",
        "spamhaus-pbl",
    ),
    ("5.7.1", "554 Refused: 198.51.100.9 appears in xbl.spamhaus.org, see the CBL lookup", "spamhaus-xbl"),
    (
        "5.7.1",
        "550 Mail from 198.51.100.9 refused, see https://www.spamhaus.org/sbl/query/SBL654321",
        "spamhaus-sbl",
    ),
    ("", "550 Rejected because 198.51.100.9 is in a black list at b.barracudacentral.org", "barracuda"),
    ("5.7.1", "554 5.7.1 198.51.100.9 is listed on the blocklist bl.spamcop.net", "spamcop"),
    (
        "",
        "550 Your IP range is listed at dnsbl-2.uceprotect.net, see the UCEPROTECT website",
        "uceprotect-l2",
    ),
    (
        "5.7.1",
        "550 5.7.1 Unfortunately, messages from [198.51.100.9] weren't sent. Part of their network is on "
        "our block list (S3150). [BN8NAM11FT061.eop-nam11.prod.protection.outlook.com]",
        "microsoft-s3150",
    ),
    (
        "5.7.1",
        "550 5.7.1 Messages from [198.51.100.9] weren't sent; the IP is on our block list (S3140).",
        "microsoft-s3140",
    ),
    ("5.7.606", "550 5.7.606 Access denied, banned sending IP [198.51.100.9].", "microsoft-banned-ip"),
    ("5.7.645", "550 5.7.645 Access denied.", "microsoft-banned-ip"),  # by its code alone
    (
        "4.7.0",
        "421 4.7.0 [TSS04] Messages from 198.51.100.9 temporarily deferred due to unexpected volume or "
        "user complaints",
        "yahoo-tss04",
    ),
    (
        "",
        "554-gmx.net (mxgmx015) Nemesis ESMTP Service not available 554-No SMTP service 554 IP address is "
        "block listed",
        "gmx-webde",
    ),
    (
        "",
        "554 IP=198.51.100.9 - A problem occurred. (Ask your postmaster for help or to contact "
        "tosa@rx.t-online.de to clarify.)",
        "tonline",
    ),
    (
        "5.7.26",
        "550-5.7.26 Unauthenticated email from shop.example is not accepted due to domain's DMARC policy.",
        "auth-dmarc",
    ),
    (
        "5.7.26",
        "550-5.7.26 This mail has been blocked because the sender is unauthenticated.",
        "auth-unauthenticated",
    ),
    ("5.7.23", "550 5.7.23 SPF validation failed for shop.example", "auth-spf"),
    ("5.7.20", "550 5.7.20 No passing DKIM signature found", "auth-dkim"),
    ("5.7.25", "550 5.7.25 The IP address sending this message does not have a PTR record setup", "auth-ptr"),
    ("5.7.0", "530 5.7.0 Must issue a STARTTLS command first", "auth-tls"),
]


@pytest.mark.parametrize(("status", "words", "want"), WORDINGS)
def test_listing_names_the_list_or_check_a_sender_side_bounce_names(status, words, want):
    assert listing_of("sender", status, words) == want


def test_a_recipient_side_bounce_never_names_a_listing():
    words = "552 5.2.2 Mailbox full; your message mentioned zen.spamhaus.org and DMARC"
    assert listing_of("recipient", "5.2.2", words) == ""
    assert result_keys("gmail.com", "", "recipient", "mailboxfull", "5.2.2", words) == ("gmail", "")
    # a sender-side bounce that names no list keeps its reason, so it is still grouped and explained
    assert result_keys("x.example", "", "sender", "badreputation", "5.7.1", "554 5.7.1 go away") == (
        "others",
        "reason:badreputation",
    )


def test_listing_reads_a_bounded_text():
    assert listing_of("sender", "5.7.1", "x" * 100_000 + " zen.spamhaus.org") == ""


def test_every_listing_has_both_languages_a_fix_and_unique_key():
    raw = json.loads(
        (Path(__file__).resolve().parents[2] / "resources/mail/blocklists.json").read_text("utf-8")
    )
    keys = [e["key"] for e in raw["listings"]]
    assert len(keys) == len(set(keys))
    for e in raw["listings"]:
        assert e["name"]["en"] and e["name"]["de"] and e["fix"]["en"] and e["fix"]["de"], e["key"]
        assert all(t == t.lower() for t in e.get("tokens", ())), e["key"]
        assert not e.get("url") or e["url"].startswith("https://"), e["key"]
    p = describe_problem("microsoft-s3150", "blocked", "de")
    assert "S3150" in p.name and "Entfernung" in p.fix and p.page


# --- the store ----------------------------------------------------------------------------------


@pytest.fixture
def conn(tmp_path):
    c = store.connect(tmp_path / "bouncedesk.sqlite3")
    yield c
    c.close()


def _bounces() -> list[bytes]:
    """Gmail: 2 hard + Spamhaus; Microsoft custom domain (by MX): S3150; Yahoo: full; others: DMARC."""
    out = [dsn(f"user{i}@gmail.com", "5.1.1", at=NOW - 2 * DAY) for i in range(2)]
    out.append(dsn("user9@gmail.com", "5.7.1", at=NOW - DAY,
                   diagnostic="554 5.7.1 Client host [198.51.100.9] blocked using zen.spamhaus.org"))  # fmt: skip
    ms = dsn("info@kanzlei.example", "5.7.1", at=NOW - DAY, diagnostic="550 5.7.1 Unfortunately, messages from "
             "[198.51.100.9] weren't sent; part of their network is on our block list (S3150).")  # fmt: skip
    out.append(
        ms.replace(
            b"Remote-MTA: dns; mx.kanzlei.example",
            b"Remote-MTA: dns; kanzlei-example.mail.protection.outlook.com",
        )
    )
    out.append(dsn("reader@yahoo.de", "4.2.2", at=NOW - DAY))
    out.append(dsn("boss@firma.example", "5.7.1", at=NOW - 3 * DAY,
                   diagnostic="550 5.7.1 Email rejected per DMARC policy for shop.example"))  # fmt: skip
    return out


def _ingest(conn, messages: list[bytes], analyze=analyze_message) -> None:
    Ingestor(conn, analyze=analyze).ingest_batch([Incoming(m, f"t:{i}") for i, m in enumerate(messages)], NOW)


def _rollup(conn) -> dict:
    return {tuple(r[:5]): r[5] for r in conn.execute(
        "SELECT day, provider, kind, reason, listing, count FROM provider_daily")}  # fmt: skip


def _recount(conn) -> dict:
    return {tuple(r[:5]): r[5] for r in conn.execute(
        "SELECT at / 86400, provider, kind, reason, listing, count(*) FROM results"
        " GROUP BY at / 86400, provider, kind, reason, listing")}  # fmt: skip


def test_import_stores_provider_and_listing_and_counts_them_in_the_same_transaction(conn):
    _ingest(conn, _bounces())
    rows = {r[0]: r[1:] for r in conn.execute("SELECT email, provider, listing FROM results")}
    assert rows["user0@gmail.com"] == ("gmail", "")
    assert rows["user9@gmail.com"] == ("gmail", "spamhaus-zen")
    assert rows["info@kanzlei.example"] == ("microsoft", "microsoft-s3150")
    assert rows["reader@yahoo.de"] == ("yahoo", "")
    assert rows["boss@firma.example"] == ("others", "auth-dmarc")
    assert _rollup(conn) == _recount(conn) and sum(_rollup(conn).values()) == 6
    assert not needs_backfill(conn)


def _misread(data: bytes):
    """The parser of an older version: every sender-side bounce read as a filtered (recipient) one."""
    a = analyze_message(data)
    fixed = [(f, dataclasses.replace(v, reason="filtered", side="recipient") if v.side == "sender" else v)
             for f, v in a.results]  # fmt: skip
    return dataclasses.replace(a, results=fixed)


def test_reparse_moves_the_counts_with_the_results(conn):
    _ingest(conn, _bounces(), analyze=_misread)
    assert conn.execute("SELECT count(*) FROM results WHERE listing != ''").fetchone()[0] == 0
    counts = reparse_all(conn, NOW + 60)
    assert counts.changed == 3
    assert conn.execute("SELECT count(*) FROM results WHERE listing != ''").fetchone()[0] == 3
    assert _rollup(conn) == _recount(conn)
    assert not any(k[4] == "" and k[3] == "filtered" for k in _rollup(conn))  # the old cells are gone


def test_rows_stored_before_version_8_are_filled_in_once(conn):
    _ingest(conn, _bounces())
    conn.execute("UPDATE results SET provider = NULL, listing = ''")  # as a version-7 store left them
    conn.execute("DELETE FROM provider_daily")
    assert needs_backfill(conn)
    assert backfill(conn) == 6
    assert _rollup(conn) == _recount(conn)
    assert backfill(conn) == 0 and not needs_backfill(conn)
    # a reparse after the fill keeps the counts right
    reparse_all(conn, NOW + 60, analyze=_misread)
    assert _rollup(conn) == _recount(conn)


def test_a_version_7_store_gets_its_sent_recipients_counted_per_provider(tmp_path):
    c = sqlite3.connect(tmp_path / "old.sqlite3", isolation_level=None)
    try:
        migrate(c, target=7)
        c.execute("INSERT INTO sent_messages(id, account_id, message_id, sent_at, source) VALUES (1, 0, '<a@x>', ?, 's')",
                  (NOW - DAY,))  # fmt: skip
        c.executemany("INSERT INTO sent_recipients(sent_id, email) VALUES (1, ?)",
                      [("a@gmail.com",), ("b@gmail.com",), ("c@outlook.de",)])  # fmt: skip
        migrate(c)
        assert needs_backfill(c)
        backfill(c)
        assert dict(c.execute("SELECT provider, count FROM provider_sent")) == {"gmail": 2, "microsoft": 1}
        assert not needs_backfill(c)
    finally:
        c.close()


def test_sent_recipients_are_counted_once_per_provider_and_day(conn):
    heads = [SentHeader("<n1@shop.example>", NOW - DAY, "News", "news@shop.example", ("a@gmail.com", "b@web.de")),
             SentHeader("<n2@shop.example>", NOW - DAY, "News", "news@shop.example", ("c@gmail.com",)),
             SentHeader("<n3@shop.example>", None, "No date", "news@shop.example", ("d@gmail.com",))]  # fmt: skip
    add_sent_messages(conn, 0, heads, source=SOURCE_SENT_FOLDER)
    # the same message again (a copy in another folder) with one more recipient: only that one counts
    again = [
        SentHeader("<n1@shop.example>", NOW - DAY, "News", "news@shop.example", ("a@gmail.com", "e@gmx.net"))
    ]
    add_sent_messages(conn, 0, again, source=SOURCE_SENT_FOLDER)
    day = (NOW - DAY) // DAY
    assert dict(((d, p), n) for d, p, n in conn.execute("SELECT day, provider, count FROM provider_sent")) == {
        (day, "gmail"): 2, (day, "gmx"): 2}  # fmt: skip


def test_overview_and_detail_give_rates_problems_first_last_and_the_servers_words(conn):
    add_sent_messages(conn, 0, [SentHeader(f"<s{i}@shop.example>", NOW - DAY, "S", "shop@shop.example",
                                           (f"p{i}@gmail.com",)) for i in range(97)], source=SOURCE_SENT_FOLDER)  # fmt: skip
    _ingest(conn, _bounces())
    rows = {h.key: h for h in overview(conn, NOW, 30)}
    assert list(rows) == ["gmail", "microsoft", "yahoo", "others"]  # the table's order, others last
    g = rows["gmail"]
    assert (g.sent, g.bounces, g.hard, g.sender_side, g.soft, g.problems) == (97, 3, 2, 1, 0, 1)
    assert g.rate == pytest.approx(3 / 97)
    assert rows["yahoo"].soft == 1 and rows["yahoo"].rate is None  # nothing sent is known there
    d = detail(conn, "microsoft", NOW, 30, "en")
    [p] = d.problems
    assert (p.key, p.count, p.reason, p.page) == (
        "microsoft-s3150",
        1,
        "blocked",
        "Microsoft Outlook.com Sender Support (delisting request)",
    )
    assert p.first_at == p.last_at and p.first_at // DAY == (NOW - DAY) // DAY
    assert "S3150" in p.examples[0]
    assert len(d.series) == 30 and d.by == "day"
    assert sum(b for _, _, b in detail(conn, "gmail", NOW, 30).series) == 3
    assert detail(conn, "gmail", NOW, 365).by == "week"
    assert overview(conn, NOW - 30 * DAY, 7) == []  # a period before anything happened


def test_list_check_groups_by_the_same_providers_as_provider_health(conn, tmp_path):
    put_setting(conn, USER_PROVIDERS_SETTING, {"hanse": {"title": "Hanse Mail", "domains": ["hanse-mail.example"]}},
                NOW)  # fmt: skip
    src = tmp_path / "list.csv"
    src.write_text("email\nanna@gmail.com\nbert@hanse-mail.example\ncarl@firma.example\n", encoding="utf-8")
    report = check_list(conn, str(src), now=NOW)
    assert list(report.providers) == ["gmail", "hanse", "others"]
    assert report.titles["hanse"] == "Hanse Mail"
