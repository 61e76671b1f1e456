"""The store's tables and their forward migrations, versioned by `PRAGMA user_version`.

Migrations only ever move forward: MIGRATIONS[v] turns a version-v store into v+1, each in
its own transaction. Never edit a released step; append a new one (tests migrate a store of
every earlier version to the latest and compare it with a fresh one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from bouncedesk.errors import StoreError

# Version 1: everything the first release keeps.
_V1 = [
    # Mail accounts (IMAP in, SMTP out). Never a password: secrets live in the OS keyring.
    """CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        host TEXT NOT NULL DEFAULT '',
        port INTEGER,
        security TEXT NOT NULL DEFAULT 'ssl',          -- ssl | starttls | none
        username TEXT NOT NULL DEFAULT '',
        auth_method TEXT NOT NULL DEFAULT 'password',  -- password | oauth2
        folders TEXT NOT NULL DEFAULT '["INBOX"]',     -- JSON list of folders to read bounces from
        sent_folder TEXT,
        processed_folder TEXT,
        address TEXT,                                  -- the account's own e-mail address
        smtp_host TEXT,
        smtp_port INTEGER,
        smtp_security TEXT,                            -- ssl | starttls | none
        smtp_username TEXT,
        created_at INTEGER NOT NULL
    )""",
    # IMAP sync position per folder.
    """CREATE TABLE folder_state (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        folder TEXT NOT NULL,
        uidvalidity INTEGER,
        last_uid INTEGER NOT NULL DEFAULT 0,
        synced_at INTEGER,
        PRIMARY KEY (account_id, folder)
    ) WITHOUT ROWID""",
    # One row per distinct message (by content hash); the raw bytes live in raw_messages.
    """CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        content_hash BLOB NOT NULL UNIQUE,             -- sha256 of the raw bytes
        source_key TEXT NOT NULL,                      -- where it was first seen
        account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
        received_at INTEGER NOT NULL,                  -- when it was imported
        bounce_at INTEGER,                             -- the bounce's own Date header
        message_id TEXT,
        subject TEXT,
        sender TEXT,
        outcome TEXT NOT NULL,                         -- report | none | unparseable
        format TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '',
        orig_message_id TEXT,
        orig_subject TEXT,
        orig_to TEXT,
        orig_sender TEXT,
        orig_date TEXT,
        orig_complete INTEGER NOT NULL DEFAULT 0,
        raw_size INTEGER NOT NULL,
        parsed_at INTEGER NOT NULL
    )""",
    "CREATE INDEX ix_messages_orig_message_id ON messages(orig_message_id)",
    """CREATE TABLE raw_messages (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        data BLOB NOT NULL                             -- compressed raw bytes (store/rawcodec.py)
    )""",
    # Every place a message was seen: a file path (path#N in an mbox) or an IMAP uid.
    """CREATE TABLE message_sources (
        source_key TEXT PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        account_id INTEGER,
        folder TEXT,
        uidvalidity INTEGER,
        uid INTEGER,
        path TEXT,
        seen_at INTEGER NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX ix_message_sources_message ON message_sources(message_id)",
    # Recipients and their policy state (see bouncedesk.policy.RecipientState).
    """CREATE TABLE recipients (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        domain TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'active',
        state_reason TEXT NOT NULL DEFAULT '',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_retry_at INTEGER,
        last_bounce_at INTEGER,
        last_retry_at INTEGER,
        last_event_at INTEGER,
        return_at INTEGER,
        recent_bounces TEXT NOT NULL DEFAULT '',       -- comma-separated epoch seconds
        paused_state TEXT,
        frequent_until INTEGER,                        -- frequent while now < this
        bounces INTEGER NOT NULL DEFAULT 0,
        hard_bounces INTEGER NOT NULL DEFAULT 0,
        complaints INTEGER NOT NULL DEFAULT 0,
        delays INTEGER NOT NULL DEFAULT 0,
        auto_replies INTEGER NOT NULL DEFAULT 0,
        delivered INTEGER NOT NULL DEFAULT 0,
        last_kind TEXT,
        last_status TEXT,
        last_reason TEXT,
        last_result_id INTEGER,
        last_seen_at INTEGER,                          -- newest result of any kind
        last_account_id INTEGER,
        last_failure_at INTEGER,                       -- newest bounce/complaint (its status and reason above)
        first_seen_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    )""",
    "CREATE INDEX ix_recipients_state ON recipients(state)",
    "CREATE INDEX ix_recipients_domain ON recipients(domain)",
    "CREATE INDEX ix_recipients_status ON recipients(last_status)",
    "CREATE INDEX ix_recipients_reason ON recipients(last_reason)",
    "CREATE INDEX ix_recipients_retry ON recipients(next_retry_at) WHERE state = 'retrying'",
    "CREATE INDEX ix_recipients_frequent ON recipients(frequent_until) WHERE frequent_until IS NOT NULL",
    # One row per result of the parser (a message has zero or more).
    """CREATE TABLE results (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        recipient_id INTEGER REFERENCES recipients(id),
        email TEXT,
        domain TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '',
        status_source TEXT NOT NULL DEFAULT '',
        reply_code TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        hard INTEGER NOT NULL DEFAULT 0,
        side TEXT NOT NULL DEFAULT '',
        action_hint TEXT NOT NULL DEFAULT '',
        diagnostic TEXT NOT NULL DEFAULT '',
        remote_mta TEXT NOT NULL DEFAULT '',
        reporting_mta TEXT NOT NULL DEFAULT '',
        feedback_type TEXT NOT NULL DEFAULT '',
        return_at INTEGER,
        at INTEGER NOT NULL,                           -- when it happened (epoch seconds)
        account_id INTEGER,
        UNIQUE (message_id, idx)
    )""",
    "CREATE INDEX ix_results_recipient ON results(recipient_id, at)",
    # Who did what to a recipient, when and why; before/after are policy-state JSON (for undo).
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        recipient_id INTEGER REFERENCES recipients(id) ON DELETE CASCADE,
        actor TEXT NOT NULL,                           -- policy | user | run-due | import | reparse ...
        action TEXT NOT NULL,
        why TEXT NOT NULL DEFAULT '',
        from_state TEXT,
        to_state TEXT,
        result_id INTEGER,
        before TEXT,
        after TEXT,
        undoes INTEGER REFERENCES events(id),
        undone_by INTEGER REFERENCES events(id)
    )""",
    "CREATE INDEX ix_events_recipient ON events(recipient_id, id)",
    # Re-sends of an original message; the idempotency key guards against sending twice.
    """CREATE TABLE retry_attempts (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        result_id INTEGER,
        message_id INTEGER,                            -- the bounce whose original is re-sent
        orig_message_id TEXT,
        account_id INTEGER,
        status TEXT NOT NULL DEFAULT 'pending',        -- pending | sending | sent | failed | unavailable | manual
        error TEXT NOT NULL DEFAULT '',
        smtp_reply TEXT NOT NULL DEFAULT '',
        due_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER
    )""",
    "CREATE INDEX ix_retry_attempts_recipient ON retry_attempts(recipient_id, attempt)",
    "CREATE INDEX ix_retry_attempts_status ON retry_attempts(status)",
    # Other ways to reach a recipient, and each time we tried.
    """CREATE TABLE contacts (
        recipient_id INTEGER PRIMARY KEY REFERENCES recipients(id) ON DELETE CASCADE,
        alt_email TEXT,
        phone TEXT,
        note TEXT,
        updated_at INTEGER NOT NULL
    )""",
    """CREATE TABLE contact_attempts (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        channel TEXT NOT NULL,                         -- smtp | mailto
        to_address TEXT,
        language TEXT,
        status TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX ix_contact_attempts_recipient ON contact_attempts(recipient_id, at)",
    # Sender-side problems (blocked, badreputation, ...) per account and reason.
    """CREATE TABLE sender_alerts (
        account_id INTEGER NOT NULL DEFAULT 0,         -- 0: files, no account
        reason TEXT NOT NULL,
        count INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        last_result_id INTEGER,
        dismissed_at INTEGER,
        PRIMARY KEY (account_id, reason)
    ) WITHOUT ROWID""",
    # Editable settings, one JSON value per key (policy settings live under 'policy').
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    ) WITHOUT ROWID""",
    # Daily counts for charts, kept in the same transaction as the results they count.
    """CREATE TABLE daily_rollup (
        day INTEGER NOT NULL,                          -- epoch seconds // 86400 (UTC)
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        domain TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, kind, reason, domain)
    ) WITHOUT ROWID""",
]


# Version 2: per-day totals without the domain, so chart queries stay small whatever the number
# of domains (the domain rollup grows with them); an index for per-domain charts.
_V2 = [
    """CREATE TABLE daily_totals (
        day INTEGER NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, kind, reason)
    ) WITHOUT ROWID""",
    "INSERT INTO daily_totals(day, kind, reason, count)"
    " SELECT day, kind, reason, sum(count) FROM daily_rollup GROUP BY day, kind, reason",
    "CREATE INDEX ix_daily_rollup_domain ON daily_rollup(domain, day)",
]


# Version 3: the pending-retries list and count are answered from one covering partial index
# (at 1M results the old one lost to the state index plus a sort: ~50 ms; now a few ms).
_V3 = [
    "DROP INDEX ix_recipients_retry",
    "CREATE INDEX ix_recipients_pending ON recipients(next_retry_at, attempts, last_bounce_at, last_retry_at)"
    " WHERE state = 'retrying'",
]


# Version 4: messages sent per day and account, counted from the Sent folder's INTERNALDATEs
# (the bounce-rate chart divides bounces by these). Account 0: no account (the demo's shop).
_V4 = [
    """CREATE TABLE sent_daily (
        day INTEGER NOT NULL,                          -- epoch seconds // 86400 (UTC), as daily_totals
        account_id INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, account_id)
    ) WITHOUT ROWID""",
]


# Version 5: recognized bounces stored but not yet moved to the processed folder. Recorded in
# the transaction that stores them, cleared after the MOVE: a sync cut off in between moves
# them next time instead of leaving them in the watched folder for good.
_V5 = [
    """CREATE TABLE pending_moves (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        folder TEXT NOT NULL,
        uidvalidity INTEGER NOT NULL,
        uid INTEGER NOT NULL,
        PRIMARY KEY (account_id, folder, uidvalidity, uid)
    ) WITHOUT ROWID""",
]


# Version 6: provenance. What we sent (Sent-folder headers, and what BounceDesk sent itself), and
# per result whether it is tied to one of those messages: only such evidence moves a recipient
# (see bouncedesk.provenance). Results stored before this version were acted on already: they
# stay trusted, as they were.
_V6 = [
    """CREATE TABLE sent_messages (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL,                   -- 0: no account (files, the demo's shop)
        message_id TEXT NOT NULL,                      -- normalised: '<local@domain>', lower case
        sent_at INTEGER,
        subject TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL,                          -- sent-folder | bouncedesk | demo
        folder TEXT,
        uidvalidity INTEGER,
        uid INTEGER,
        UNIQUE (account_id, message_id)
    )""",
    "CREATE INDEX ix_sent_messages_mid ON sent_messages(message_id)",
    """CREATE TABLE sent_recipients (
        sent_id INTEGER NOT NULL REFERENCES sent_messages(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        PRIMARY KEY (sent_id, email)
    ) WITHOUT ROWID""",
    "CREATE INDEX ix_sent_recipients_email ON sent_recipients(email)",
    # Message-IDs the bounce itself names (In-Reply-To, References), space-separated.
    "ALTER TABLE messages ADD COLUMN refs TEXT NOT NULL DEFAULT ''",
    # verified | plausible | unverified; review: '' (acted on by itself), pending, trusted, dismissed
    "ALTER TABLE results ADD COLUMN trust TEXT NOT NULL DEFAULT 'verified'",
    "ALTER TABLE results ADD COLUMN review TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE results ADD COLUMN sent_id INTEGER",
    "ALTER TABLE results ADD COLUMN evidence TEXT NOT NULL DEFAULT ''",
    "UPDATE results SET trust = 'unverified', review = 'trusted', evidence = 'legacy'",
    "CREATE INDEX ix_results_review ON results(review, at) WHERE review = 'pending'",
]


# Version 7: mailings — sent messages grouped by List-Id/campaign header, or Subject and sender in a
# time window (see bouncedesk.store.mailings). Sent messages stored before are grouped on first use
# (mailing_id NULL: not grouped yet). Counts per mailing are kept in `mailings`; the triggers mark a
# mailing stale when a result tied to one of its messages comes, goes or changes, and the next reader
# counts it again (bouncedesk.store.mailings.refresh_counts).
_V7 = [
    # 'campaign:<id>' or 'list:<id>' from the campaign or List-Id header; '' without one.
    "ALTER TABLE sent_messages ADD COLUMN list_key TEXT NOT NULL DEFAULT ''",
    # NULL: not grouped yet; 0: no mailing (BounceDesk's own sends); else mailings.id
    "ALTER TABLE sent_messages ADD COLUMN mailing_id INTEGER",
    "CREATE INDEX ix_sent_messages_mailing ON sent_messages(mailing_id)",
    """CREATE TABLE mailings (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL,
        key TEXT NOT NULL,                             -- campaign:<id>, list:<id> or subject:<subject> and sender
        subject TEXT NOT NULL DEFAULT '',              -- of its first message
        sender TEXT NOT NULL DEFAULT '',
        list_key TEXT NOT NULL DEFAULT '',
        first_at INTEGER,
        last_at INTEGER,
        messages INTEGER NOT NULL DEFAULT 0,
        sent INTEGER NOT NULL DEFAULT 0,               -- recipients its messages went to
        hard INTEGER NOT NULL DEFAULT 0,               -- recipients with a hard bounce
        soft INTEGER NOT NULL DEFAULT 0,               -- ... with only soft bounces
        sender_side INTEGER NOT NULL DEFAULT 0,        -- ... with a sender-side bounce (and no hard one)
        complaints INTEGER NOT NULL DEFAULT 0,         -- recipients who complained
        stale INTEGER NOT NULL DEFAULT 1               -- the counts must be taken again
    )""",
    "CREATE INDEX ix_mailings_key ON mailings(account_id, key, first_at)",
    "CREATE INDEX ix_mailings_first ON mailings(first_at)",
    "CREATE INDEX ix_mailings_stale ON mailings(id) WHERE stale = 1",
    "CREATE INDEX ix_results_sent ON results(sent_id) WHERE sent_id IS NOT NULL",
    """CREATE TRIGGER tr_results_mailing_insert AFTER INSERT ON results WHEN NEW.sent_id IS NOT NULL BEGIN
        UPDATE mailings SET stale = 1 WHERE stale = 0
            AND id = (SELECT mailing_id FROM sent_messages WHERE id = NEW.sent_id);
    END""",
    """CREATE TRIGGER tr_results_mailing_delete AFTER DELETE ON results WHEN OLD.sent_id IS NOT NULL BEGIN
        UPDATE mailings SET stale = 1 WHERE stale = 0
            AND id = (SELECT mailing_id FROM sent_messages WHERE id = OLD.sent_id);
    END""",
    """CREATE TRIGGER tr_results_mailing_update AFTER UPDATE OF sent_id, kind, hard, side, email, trust, review
        ON results WHEN OLD.sent_id IS NOT NULL OR NEW.sent_id IS NOT NULL BEGIN
        UPDATE mailings SET stale = 1 WHERE stale = 0
            AND id IN (SELECT mailing_id FROM sent_messages WHERE id IN (OLD.sent_id, NEW.sent_id));
    END""",
]


# Version 8: provider health — results and sent mail counted per receiving provider and day, with
# the blocklist or authentication check a sender-side bounce names (see bouncedesk.store.providers).
# Rows stored before (provider NULL, sent recipients up to `provider_todo.upto`) are counted by a
# one-time Python step on first use (bouncedesk.store.providers.backfill): the tables are data files.
_V8 = [
    # gmail | microsoft | ... | others (bouncedesk.classify.receivers); NULL: not worked out yet
    "ALTER TABLE results ADD COLUMN provider TEXT",
    # the blocklist, provider's list or failed check a sender-side bounce names (blocklists.json); '' none
    "ALTER TABLE results ADD COLUMN listing TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX ix_results_listing ON results(provider, listing, at) WHERE listing != ''",
    "CREATE INDEX ix_results_provider_todo ON results(id) WHERE provider IS NULL",
    # Results per provider and day, kept in the insert transaction as daily_rollup is.
    """CREATE TABLE provider_daily (
        day INTEGER NOT NULL,                          -- epoch seconds // 86400 (UTC)
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        listing TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, provider, kind, reason, listing)
    ) WITHOUT ROWID""",
    # Recipients of our sent mail per provider and day (from sent_recipients), for a bounce rate.
    """CREATE TABLE provider_sent (
        day INTEGER NOT NULL,
        provider TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, provider)
    ) WITHOUT ROWID""",
    "CREATE TABLE provider_todo (what TEXT PRIMARY KEY, upto INTEGER NOT NULL) WITHOUT ROWID",
    "INSERT INTO provider_todo(what, upto) SELECT 'sent', max(sent_id) FROM sent_recipients HAVING count(*) > 0",
]


# Version 9: full-text search over the server's words and subjects (FTS5, see bouncedesk.store.search),
# and the stable views for ad-hoc analysis (sqlite-utils, Datasette; documented in the README).
# The index is external-content (no second copy of the text) and filled by a catch-up step after
# imports, syncs and re-parses rather than by insert triggers (those slowed every sync, measured).
# Only the rare changes (a result deleted, a subject re-parsed) keep it right through triggers.


def search_subject(m: str) -> str:
    """The subject a result is found by: our message's (the bounce names it), else the bounce's."""
    return f"coalesce(nullif({m}.orig_subject, ''), {m}.subject, '')"


_V9 = [
    f"CREATE VIEW search_docs AS SELECT r.id AS id, r.diagnostic AS words, {search_subject('m')} AS subject"
    " FROM results r JOIN messages m ON m.id = r.message_id",
    # prefix='3 4': words typed so far ("mai", "mail") are one index lookup, not a merge of every
    # word they start (measured at 100k results: 15 ms -> 3 ms; the index grows from 5 to 10 MB).
    "CREATE VIRTUAL TABLE search_index USING fts5(words, subject, content='search_docs', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2', prefix='3 4')",
    # Results with id <= indexed_upto are in the index; the catch-up adds the ones above.
    "CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_upto INTEGER NOT NULL)",
    "INSERT INTO search_state(id, indexed_upto) VALUES (1, 0)",
    # A deleted (re-parsed) result leaves the index with the words it was indexed with; if the
    # newest ids went, the mark moves back so a reused id is indexed again.
    f"""CREATE TRIGGER search_result_deleted AFTER DELETE ON results
    WHEN old.id <= (SELECT indexed_upto FROM search_state)
    BEGIN
        INSERT INTO search_index(search_index, rowid, words, subject)
            SELECT 'delete', old.id, old.diagnostic, {search_subject("m")}
            FROM messages m WHERE m.id = old.message_id;
        UPDATE search_state SET indexed_upto = (SELECT coalesce(max(id), 0) FROM results)
            WHERE indexed_upto > (SELECT coalesce(max(id), 0) FROM results);
    END""",
    f"""CREATE TRIGGER search_words_changed AFTER UPDATE OF diagnostic ON results
    WHEN old.id <= (SELECT indexed_upto FROM search_state) AND old.diagnostic IS NOT new.diagnostic
    BEGIN
        INSERT INTO search_index(search_index, rowid, words, subject)
            SELECT 'delete', old.id, old.diagnostic, {search_subject("m")}
            FROM messages m WHERE m.id = old.message_id;
        INSERT INTO search_index(rowid, words, subject)
            SELECT new.id, new.diagnostic, {search_subject("m")}
            FROM messages m WHERE m.id = new.message_id;
    END""",
    f"""CREATE TRIGGER search_subject_changed AFTER UPDATE OF subject, orig_subject ON messages
    WHEN {search_subject("old")} IS NOT {search_subject("new")}
    BEGIN
        INSERT INTO search_index(search_index, rowid, words, subject)
            SELECT 'delete', r.id, r.diagnostic, {search_subject("old")}
            FROM results r WHERE r.message_id = old.id AND r.id <= (SELECT indexed_upto FROM search_state);
        INSERT INTO search_index(rowid, words, subject)
            SELECT r.id, r.diagnostic, {search_subject("new")}
            FROM results r WHERE r.message_id = new.id AND r.id <= (SELECT indexed_upto FROM search_state);
    END""",
    # A message deleted takes its results along (ON DELETE CASCADE): their words leave the index
    # first, while the message's subject can still be read.
    f"""CREATE TRIGGER search_message_deleted BEFORE DELETE ON messages
    BEGIN
        INSERT INTO search_index(search_index, rowid, words, subject)
            SELECT 'delete', r.id, r.diagnostic, {search_subject("old")}
            FROM results r WHERE r.message_id = old.id AND r.id <= (SELECT indexed_upto FROM search_state);
    END""",
    # Stable views: the documented face of the store for ad-hoc analysis (sqlite-utils, Datasette).
    # Columns are only ever added to them, never renamed or removed.
    """CREATE VIEW bounces AS SELECT
        r.id AS result_id, r.message_id, datetime(r.at, 'unixepoch') AS date, r.at,
        r.email AS recipient, r.domain, r.kind, r.status AS code, r.reply_code, r.reason, r.hard, r.side,
        r.diagnostic AS server_words, m.orig_subject AS subject, m.subject AS bounce_subject,
        m.orig_message_id AS original_message_id, a.name AS account, r.trust, r.review
    FROM results r JOIN messages m ON m.id = r.message_id LEFT JOIN accounts a ON a.id = r.account_id""",
    """CREATE VIEW recipient_states AS SELECT
        email AS recipient, domain, state, state_reason, attempts,
        datetime(next_retry_at, 'unixepoch') AS next_retry, bounces, hard_bounces, complaints, delays,
        auto_replies, last_kind, last_status AS last_code, last_reason,
        datetime(last_failure_at, 'unixepoch') AS last_failure, datetime(last_seen_at, 'unixepoch') AS last_seen,
        datetime(first_seen_at, 'unixepoch') AS first_seen
    FROM recipients""",
    """CREATE VIEW suppressions AS SELECT
        email AS recipient, domain, state_reason AS why, last_status AS last_code, last_reason,
        datetime(last_event_at, 'unixepoch') AS since, bounces
    FROM recipients WHERE state = 'suppressed'""",
    """CREATE VIEW daily_counts AS SELECT
        date(day * 86400, 'unixepoch') AS day, kind, reason, count
    FROM daily_totals""",
]


def _run(statements: list[str]) -> Callable[[sqlite3.Connection], None]:
    def step(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)

    return step


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _run(_V1), _run(_V2), _run(_V3), _run(_V4), _run(_V5), _run(_V6),
    _run(_V7), _run(_V8), _run(_V9),
]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the store up to `target` (default: the latest); returns the version reached.

    Raises StoreError for a store written by a newer BounceDesk, so it is never damaged.
    """
    version = user_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"this store was written by a newer BounceDesk (schema {version}; this version knows {SCHEMA_VERSION})"
        )
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            version = user_version(conn)
            if version < target:
                MIGRATIONS[version](conn)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version
