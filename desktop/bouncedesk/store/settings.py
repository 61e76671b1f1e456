"""Editable settings: one JSON value per key; the policy's settings live under 'policy'."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

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
    put_setting(conn, POLICY_KEY, settings.to_json(), now)
