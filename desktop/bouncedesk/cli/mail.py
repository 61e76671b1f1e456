"""Mail commands of the CLI: `account add|list|remove|test` and `sync [--watch]`.

Registered by cli.main.build_parser; the IMAP and store code is imported inside the handlers so
`bouncedesk parse` starts as fast as before.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from bouncedesk.cli.common import open_store_of, read_password, secrets_of
from bouncedesk.clock import wall_clock

SECURITY_CHOICES = ("tls", "starttls", "plain")
AUTH_CHOICES = ("password", "oauth2")



def add_mail_commands(sub) -> None:
    """Add `account` and `sync` to the CLI's subparsers."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the local store")

    acc = sub.add_parser("account", help="add, list, remove or test IMAP accounts")
    asub = acc.add_subparsers(dest="account_command", metavar="ACTION", required=True)

    p = asub.add_parser("add", parents=[common], help="add an IMAP account (the password goes to the OS keyring)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--host", help="IMAP server, e.g. imap.example.com (not needed with --email for known providers)")
    p.add_argument("--port", type=int, default=0, help="default: 993 for tls, 143 for starttls/plain")
    p.add_argument("--security", choices=SECURITY_CHOICES, default="tls",
                   help="tls (default, implicit TLS), starttls, or plain (only to localhost)")
    p.add_argument("--user", help="login name (default with --email: the address)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--auth", choices=AUTH_CHOICES, default="password", help="password (default) or oauth2")
    p.add_argument("--folder", action="append", metavar="F", help="folder to read bounces from (repeatable; default INBOX)")
    p.add_argument("--processed-folder", metavar="F", help="move recognized bounces here after storing them")
    p.add_argument("--sent-folder", metavar="F", help="the Sent folder (default: found by its SPECIAL-USE flag)")
    p.add_argument("--trust-fingerprint", metavar="SHA256",
                   help="trust exactly this server certificate (self-hosted servers with a self-signed one)")
    p.add_argument("--allow-plaintext-secrets", action="store_true",
                   help="if no OS keyring exists, keep passwords in a plain-text file in the data folder")
    p.set_defaults(func=cmd_account_add)
    from bouncedesk.cli.signin import add_signin_arguments, add_signin_commands  # argparse only

    add_signin_arguments(p)

    p = asub.add_parser("list", parents=[common], help="list accounts")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_account_list)

    p = asub.add_parser("remove", parents=[common], help="remove an account and its stored password")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_account_remove)

    p = asub.add_parser("test", parents=[common], help="connect, log in, list folders and capabilities")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_account_test)
    add_signin_commands(asub, common)

    p = sub.add_parser("sync", parents=[common], help="bring new bounces from the IMAP accounts into the store")
    p.add_argument("--account", metavar="NAME", action="append", help="only this account (repeatable)")
    p.add_argument("--watch", action="store_true", help="keep running: IDLE (or poll) and sync new mail as it comes")
    p.add_argument("--poll-interval", type=float, default=300.0, metavar="SECONDS",
                   help="with --watch: how often to look when the server has no IDLE (default 300)")
    p.add_argument("--json", action="store_true", help="print the per-folder counts as JSON")
    p.add_argument("--batch-size", type=int, default=500, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_sync)


def cmd_account_add(args: argparse.Namespace) -> int:
    from bouncedesk.accounts.registry import add_account
    from bouncedesk.errors import InputError
    from bouncedesk.mail.accounts import Account

    if args.email or args.oauth or args.preset:
        from bouncedesk.cli.signin import cmd_account_add_signin

        return cmd_account_add_signin(args)
    if not args.host or not args.user:
        raise InputError("give --host and --user, or just --email ADDRESS for a known provider")
    account = Account(
        name=args.name,
        host=args.host,
        username=args.user,
        port=args.port,
        security=args.security,
        auth_method=args.auth,
        folders=tuple(args.folder or ("INBOX",)),
        sent_folder=args.sent_folder,
        processed_folder=args.processed_folder,
        tls_fingerprint=args.trust_fingerprint,
    )
    password = read_password(args, account.name) if account.auth_method == "password" else None
    conn = open_store_of(args)
    try:
        secrets = secrets_of(conn, args, args.allow_plaintext_secrets) if password else None
        add_account(conn, secrets, account, password=password, now=wall_clock(),
                    remember_plaintext=args.allow_plaintext_secrets)
    finally:
        conn.close()
    print(f"added account {account.name!r}: {account.username}@{account.host}:{account.port} ({account.security}); "
          f"check it with: bouncedesk account test {account.name}")
    return 0


def _account_dict(a) -> dict:
    return {
        "name": a.name, "host": a.host, "port": a.port, "security": a.security, "user": a.username,
        "auth": a.auth_method, "folders": list(a.folders), "sent_folder": a.sent_folder,
        "processed_folder": a.processed_folder, "pinned_certificate": bool(a.tls_fingerprint),
    }  # fmt: skip


def cmd_account_list(args: argparse.Namespace) -> int:
    from bouncedesk.accounts.registry import list_accounts

    conn = open_store_of(args)
    try:
        accounts = list_accounts(conn)
    finally:
        conn.close()
    for a in accounts:
        if args.json:
            print(json.dumps(_account_dict(a), ensure_ascii=False))
        else:
            extra = f" -> {a.processed_folder}" if a.processed_folder else ""
            pin = " pinned-cert" if a.tls_fingerprint else ""
            print(f"{a.name:16} {a.username}@{a.host}:{a.port} {a.security}{pin} {','.join(a.folders)}{extra}")
    if not accounts and not args.json:
        print("no accounts yet; add one with: bouncedesk account add NAME --host H --user U --password-stdin")
    return 0


def cmd_account_remove(args: argparse.Namespace) -> int:
    from bouncedesk.accounts.registry import remove_account
    from bouncedesk.errors import SecretStoreError

    conn = open_store_of(args)
    try:
        try:
            secrets = secrets_of(conn, args)
        except SecretStoreError:
            secrets = None  # nothing can be in a keyring we cannot open
        remove_account(conn, secrets, args.name)
    finally:
        conn.close()
    print(f"removed account {args.name!r} (bounces it brought in stay in the store)")
    return 0


def cmd_account_test(args: argparse.Namespace) -> int:
    from bouncedesk.accounts.registry import check_account, credentials_for, load_account

    conn = open_store_of(args)
    try:
        account = load_account(conn, args.name)
        creds = credentials_for(account, secrets_of(conn, args), conn=conn)
    finally:
        conn.close()
    check = check_account(account, creds, wall_clock())
    print(f"connected to {account.host}:{account.port} ({account.security}) and logged in as {account.username}")
    print(f"capabilities: {' '.join(check.capabilities)}")
    shown = ", ".join(check.folders[:12]) + (f", ... ({len(check.folders)} in all)" if len(check.folders) > 12 else "")
    print(f"folders: {shown}")
    print(f"sent folder: {check.sent_folder or 'not found (set one with --sent-folder)'}")
    for f in check.missing_folders:
        print(f"warning: watched folder {f!r} does not exist on the server")
    if check.processed_folder_exists is False:
        print(f"note: processed folder {account.processed_folder!r} will be created at the first sync")
    return 0


class _TerminalProgress:
    """'\\r work/INBOX 1500/20000 (7%)' on a terminal's stderr; silent when not a terminal."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty()
        self._last = 0.0

    def __call__(self, p) -> None:
        if not self.on:
            return
        now = time.monotonic()
        if p.done < p.total and now - self._last < 0.1:
            return
        self._last = now
        pct = f" ({100 * p.done // p.total}%)" if p.total else ""
        self.stream.write(f"\r{p.account}/{p.folder}: {p.done}/{p.total}{pct}   ")
        if p.done >= p.total:
            self.stream.write("\r" + " " * 60 + "\r")
        self.stream.flush()


def _print_report(report, as_json: bool) -> bool:
    """Per-folder lines (or JSON rows); False if a folder could not be read."""
    ok = True
    for f in report.folders:
        row = {
            "account": f.account, "folder": f.folder, "checked": f.checked, "fetched": f.fetched,
            "new": f.new, "new_bounces": f.new_bounces, "duplicates": f.duplicates, "moved": f.moved,
            "recovered": f.recovered, "resynced": f.resynced, "complete": f.complete, "error": f.error,
        }  # fmt: skip
        if f.error:
            ok = False
            print(f"bouncedesk: {f.account}/{f.folder}: {f.error}", file=sys.stderr)
        if as_json:
            print(json.dumps(row))
        elif not f.error:
            notes = (" (UIDVALIDITY changed: read again)" if f.resynced else "") + ("" if f.complete else " (incomplete)")
            moved = f", {f.moved} moved" if f.moved else ""
            moved += f", {f.recovered} active again after a reply" if f.recovered else ""
            print(f"{f.account}/{f.folder}: {f.checked} checked, {f.fetched} fetched, {f.new_bounces} new bounces, "
                  f"{f.duplicates} duplicates{moved}{notes}")
    sys.stdout.flush()
    return ok


def cmd_sync(args: argparse.Namespace) -> int:
    from bouncedesk.mail.sync import SyncOptions

    options = SyncOptions(batch_size=max(1, args.batch_size))
    progress = _TerminalProgress()
    conn = open_store_of(args)
    try:
        secrets = secrets_of(conn, args)
        if args.watch:
            return _watch(conn, secrets, args, options, progress)
        from bouncedesk.intake.poller import sync_accounts

        reports = sync_accounts(conn, secrets, args.account, options=options, progress=progress)
    finally:
        conn.close()
    ok = [_print_report(r, args.json) for r in reports]
    return 0 if all(ok) else 2


def _watch(conn, secrets, args, options, progress) -> int:
    import threading

    from bouncedesk.accounts.registry import list_accounts
    from bouncedesk.errors import InputError
    from bouncedesk.intake.poller import watch
    from bouncedesk.mail.watch import WatchOptions

    names = args.account or [a.name for a in list_accounts(conn)]
    if len(names) != 1:
        raise InputError("--watch follows one account: name it with --account NAME")
    cancel = threading.Event()

    def on_report(report) -> None:
        if report.totals.checked or not getattr(on_report, "printed", False):
            _print_report(report, args.json)
            on_report.printed = True

    def on_retry(exc, delay) -> None:
        print(f"bouncedesk: {exc}; trying again in {delay:.0f} s", file=sys.stderr, flush=True)

    try:
        watch(conn, secrets, names[0], cancel, options=options,
              watch_options=WatchOptions(poll_interval=args.poll_interval),
              progress=progress, on_report=on_report, on_retry=on_retry)
    except KeyboardInterrupt:
        cancel.set()
        print("stopped", file=sys.stderr)
    return 0
