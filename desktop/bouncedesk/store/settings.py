"""Editable settings: one JSON value per key; the policy's settings live under 'policy'."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from bouncedesk.policy.machine import frequent_until
from bouncedesk.policy.model import RecipientState
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.db import transaction

POLICY_KEY = "policy"


def get_setting(conn: sqlite3.Connection, key: str, default: Any = None) -> Any:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else json.loads(row[0])


def put_setting(conn: sqlite3.Connection, key: str, value: Any, now: int) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(value, sort_keys=True), now),
        )


def load_policy_settings(conn: sqlite3.Connection) -> PolicySettings:
    """The user's policy settings, defaults for anything never set."""
    data = get_setting(conn, POLICY_KEY)
    return PolicySettings() if data is None else PolicySettings.from_json(data)


def save_policy_settings(conn: sqlite3.Connection, settings: PolicySettings, now: int) -> None:
    """Save the settings; a changed `frequent` threshold is applied to every recipient at once, so
    lists, filters and counts (which read `frequent_until`) never keep the old window."""
    with transaction(conn):
        old = load_policy_settings(conn)
        put_setting(conn, POLICY_KEY, settings.to_json(), now)
        if (old.frequent_count, old.frequent_days) != (settings.frequent_count, settings.frequent_days):
            _refresh_frequent_until(conn, settings)


def _refresh_frequent_until(conn: sqlite3.Connection, settings: PolicySettings) -> None:
    rows = conn.execute("SELECT id, recent_bounces FROM recipients WHERE recent_bounces != ''").fetchall()
    conn.executemany(
        "UPDATE recipients SET frequent_until = ? WHERE id = ?",
        [(frequent_until(RecipientState(recent_bounces=tuple(int(t) for t in text.split(","))), settings), rid)
         for rid, text in rows],
    )  # fmt: skip
