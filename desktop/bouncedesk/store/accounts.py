"""Mail accounts and per-folder IMAP sync state. No passwords here: they live in the OS keyring."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from bouncedesk.errors import InputError
from bouncedesk.store.db import transaction

_EDITABLE = (
    "name", "host", "port", "security", "username", "auth_method", "folders", "sent_folder",
    "processed_folder", "address", "smtp_host", "smtp_port", "smtp_security", "smtp_username",
)  # fmt: skip
SECURITY = ("ssl", "starttls", "none")
AUTH_METHODS = ("password", "oauth2")


@dataclass(slots=True)
class Account:
    id: int
    name: str
    host: str = ""
    port: int | None = None
    security: str = "ssl"
    username: str = ""
    auth_method: str = "password"
    folders: list[str] = field(default_factory=lambda: ["INBOX"])
    sent_folder: str | None = None
    processed_folder: str | None = None
    address: str | None = None
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_security: str | None = None
    smtp_username: str | None = None
    created_at: int = 0


@dataclass(slots=True)
class FolderState:
    account_id: int
    folder: str
    uidvalidity: int | None
    last_uid: int
    synced_at: int | None


def _account(row: sqlite3.Row) -> Account:
    d = dict(row)
    d["folders"] = json.loads(d["folders"] or "[]")
    return Account(**d)


def _check(fields: dict) -> dict:
    if "name" in fields and not str(fields["name"] or "").strip():
        raise InputError("an account needs a name")
    for key in ("security", "smtp_security"):
        if fields.get(key) is not None and fields[key] not in SECURITY:
            raise InputError(f"{key} must be one of {', '.join(SECURITY)}, not {fields[key]!r}")
    if fields.get("auth_method") is not None and fields["auth_method"] not in AUTH_METHODS:
        raise InputError(f"auth method must be one of {', '.join(AUTH_METHODS)}")
    if "folders" in fields:
        fields["folders"] = json.dumps(list(fields["folders"] or []))
    unknown = set(fields) - set(_EDITABLE)
    if unknown:
        raise InputError(f"unknown account field(s): {', '.join(sorted(unknown))}")
    return fields


def add_account(conn: sqlite3.Connection, *, now: int, **fields) -> Account:
    """Create an account; InputError when the name is taken or a field is invalid."""
    fields = _check(dict(fields))
    if "name" not in fields:
        raise InputError("an account needs a name")
    cols = list(fields) + ["created_at"]
    try:
        with transaction(conn):
            cur = conn.execute(
                f"INSERT INTO accounts({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                (*fields.values(), now),
            )
    except sqlite3.IntegrityError as exc:
        raise InputError(f"an account named {fields['name']!r} exists already") from exc
    return get_account(conn, cur.lastrowid)  # type: ignore[return-value]


def get_account(conn: sqlite3.Connection, key: int | str) -> Account | None:
    """By id (int) or name (str)."""
    col = "id" if isinstance(key, int) else "name"
    row = conn.execute(f"SELECT * FROM accounts WHERE {col} = ?", (key,)).fetchone()
    return _account(row) if row else None


def list_accounts(conn: sqlite3.Connection) -> list[Account]:
    return [_account(r) for r in conn.execute("SELECT * FROM accounts ORDER BY name")]


def update_account(conn: sqlite3.Connection, account_id: int, **fields) -> Account:
    fields = _check(dict(fields))
    if fields:
        with transaction(conn):
            conn.execute(
                f"UPDATE accounts SET {', '.join(k + ' = ?' for k in fields)} WHERE id = ?",
                (*fields.values(), account_id),
            )
    acc = get_account(conn, account_id)
    if acc is None:
        raise InputError(f"no account with id {account_id}")
    return acc


def delete_account(conn: sqlite3.Connection, account_id: int) -> None:
    """Removes the account, its sync state and its sent counts; messages it brought in stay (account set to NULL)."""
    with transaction(conn):
        conn.execute("DELETE FROM sent_daily WHERE account_id = ?", (account_id,))
        conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))


def get_folder_state(conn: sqlite3.Connection, account_id: int, folder: str) -> FolderState | None:
    row = conn.execute(
        "SELECT account_id, folder, uidvalidity, last_uid, synced_at FROM folder_state"
        " WHERE account_id = ? AND folder = ?",
        (account_id, folder),
    ).fetchone()
    return FolderState(*row) if row else None


def save_folder_state(
    conn: sqlite3.Connection, account_id: int, folder: str, uidvalidity: int | None, last_uid: int, synced_at: int
) -> None:
    """Record how far a folder was read. Call in the same transaction as the ingest of those UIDs."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO folder_state(account_id, folder, uidvalidity, last_uid, synced_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(account_id, folder) DO UPDATE SET uidvalidity = excluded.uidvalidity,"
            " last_uid = excluded.last_uid, synced_at = excluded.synced_at",
            (account_id, folder, uidvalidity, last_uid, synced_at),
        )


def add_pending_moves(conn: sqlite3.Connection, account_id: int, folder: str, uidvalidity: int,
                      uids: Iterable[int]) -> None:  # fmt: skip
    """Note stored bounces that are to be moved. Call in the transaction that stores them."""
    conn.executemany(
        "INSERT OR IGNORE INTO pending_moves(account_id, folder, uidvalidity, uid) VALUES (?, ?, ?, ?)",
        [(account_id, folder, uidvalidity, u) for u in uids],
    )


def pending_moves(conn: sqlite3.Connection, account_id: int, folder: str, uidvalidity: int) -> list[int]:
    """UIDs noted for moving and not moved yet. Notes from an earlier UIDVALIDITY name nothing
    any more and are dropped (a resync finds those messages again by content)."""
    with transaction(conn):
        conn.execute(
            "DELETE FROM pending_moves WHERE account_id = ? AND folder = ? AND uidvalidity != ?",
            (account_id, folder, uidvalidity),
        )
        rows = conn.execute(
            "SELECT uid FROM pending_moves WHERE account_id = ? AND folder = ? AND uidvalidity = ? ORDER BY uid",
            (account_id, folder, uidvalidity),
        )
        return [r[0] for r in rows]


def clear_pending_moves(conn: sqlite3.Connection, account_id: int, folder: str, uidvalidity: int,
                        uids: Iterable[int]) -> None:  # fmt: skip
    """The server has moved these: forget them."""
    with transaction(conn):
        conn.executemany(
            "DELETE FROM pending_moves WHERE account_id = ? AND folder = ? AND uidvalidity = ? AND uid = ?",
            [(account_id, folder, uidvalidity, u) for u in uids],
        )
