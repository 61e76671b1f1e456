"""The local store: one SQLite file (WAL), schema migrations, recipients, events and queries.

Public API (import from here):
    connect(path) / open_store(data_dir)          open + migrate; autocommit, rows are sqlite3.Row
    transaction(conn)                             BEGIN IMMEDIATE … COMMIT; nests by joining
    get_recipient / require_recipient / ensure_recipient / normalize_email
    apply_user_action(conn, address, action, now) suppress/unsuppress/pause/resume + event row
    record_retry_sent(conn, address_or_id, now)   a retry went out: attempt k, next due
    restore_state(conn, id, state, now, undoes=)  undo: put back a saved RecipientState
    save_transition(...)                          low-level: write a policy Transition + event
    settle_due(conn, now)                         retried and no bounce by due → active
    log_event / events_for / last_user_event / get_event
    load_policy_settings / save_policy_settings / get_setting / put_setting
    accounts: add_account, get_account, list_accounts, update_account, delete_account,
              get_folder_state, save_folder_state, add_pending_moves, pending_moves, clear_pending_moves
    queries: list_recipients, count_recipients, segment_counts, segment_where, SEGMENT_HELP,
             pending_retries, count_pending_retries, rollup_by_day, rollup_totals,
             recipient_timeline, do_not_send, export_rows, store_counts, iso
    sent counts: add_sent_counts, save_sent_counts, get_sent_position, sent_counts
"""

from bouncedesk.store.accounts import (
    Account,
    FolderState,
    add_account,
    add_pending_moves,
    clear_pending_moves,
    delete_account,
    get_account,
    get_folder_state,
    list_accounts,
    pending_moves,
    save_folder_state,
    update_account,
)
from bouncedesk.store.db import connect, open_store, transaction
from bouncedesk.store.events import Event, events_for, get_event, last_user_event, log_event
from bouncedesk.store.queries import (
    SEGMENT_HELP,
    PendingRetry,
    count_pending_retries,
    count_recipients,
    do_not_send,
    export_rows,
    iso,
    list_recipients,
    pending_retries,
    recipient_timeline,
    rollup_by_day,
    rollup_totals,
    segment_counts,
    segment_where,
    store_counts,
)
from bouncedesk.store.recipients import (
    Recipient,
    apply_user_action,
    ensure_recipient,
    get_recipient,
    normalize_email,
    record_retry_sent,
    require_recipient,
    restore_state,
    save_transition,
    settle_due,
)
from bouncedesk.store.schema import SCHEMA_VERSION, migrate
from bouncedesk.store.sent import add_sent_counts, get_sent_position, save_sent_counts, sent_counts
from bouncedesk.store.settings import get_setting, load_policy_settings, put_setting, save_policy_settings

__all__ = [
    "SCHEMA_VERSION", "SEGMENT_HELP", "Account", "Event", "FolderState", "PendingRetry", "Recipient",
    "add_account", "add_pending_moves", "clear_pending_moves", "pending_moves", "add_sent_counts", "get_sent_position", "save_sent_counts", "sent_counts", "apply_user_action", "connect", "count_pending_retries", "count_recipients",
    "delete_account", "do_not_send", "ensure_recipient", "events_for", "export_rows", "get_account",
    "get_event", "get_folder_state", "get_recipient", "get_setting", "iso", "last_user_event",
    "list_accounts", "list_recipients", "load_policy_settings", "log_event", "migrate", "normalize_email",
    "open_store", "pending_retries", "put_setting", "recipient_timeline", "record_retry_sent",
    "require_recipient", "restore_state", "rollup_by_day", "rollup_totals", "save_folder_state",
    "save_policy_settings", "save_transition", "segment_counts", "segment_where", "settle_due",
    "store_counts", "transaction", "update_account",
]  # fmt: skip
