"""CLI for signing in with Google/Microsoft and for adding an account by its address alone.

`bouncedesk account add NAME --email ADDRESS [--oauth google|microsoft] [--client-id ID]` fills
the servers from the provider presets and, for OAuth2, runs the browser sign-in; `account signin`
signs in again after a revocation; `account signout` forgets (and revokes) a sign-in.
Only argparse at module level: the handlers import the mail code when they run.
"""

from __future__ import annotations

import argparse
import sys

from bouncedesk.clock import wall_clock

_STORE_SECURITY = {"tls": "ssl", "starttls": "starttls", "plain": "none"}


def add_signin_arguments(p: argparse.ArgumentParser) -> None:
    """The options `account add` gains for presets and OAuth2."""
    p.add_argument("--email", metavar="ADDRESS",
                   help="your address: servers and sign-in method come from the provider's preset "
                        "(Gmail, Outlook.com, Yahoo, iCloud, GMX, WEB.DE, T-Online, ...)")
    p.add_argument("--preset", metavar="KEY", help="use this preset whatever the address (e.g. ionos, microsoft365)")
    p.add_argument("--oauth", metavar="PROVIDER",
                   help="sign in in the browser with this provider (google, microsoft, or one from oauth_providers.json)")
    _client_arguments(p)


def _client_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--client-id", metavar="ID", help="the client ID of your own registered OAuth app")
    p.add_argument("--client-secret-stdin", action="store_true",
                   help="read the OAuth client secret from standard input (Google desktop clients need one)")
    p.add_argument("--no-browser", action="store_true",
                   help="do not open a browser: print the sign-in address to open yourself")


def add_signin_commands(asub, common: argparse.ArgumentParser) -> None:
    """`account signin` and `account signout`."""
    p = asub.add_parser("signin", parents=[common], help="sign in again in the browser (after expiry or revocation)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--oauth", metavar="PROVIDER", help="provider, if the account never signed in before")
    _client_arguments(p)
    p.set_defaults(func=cmd_account_signin)

    p = asub.add_parser("signout", parents=[common], help="forget an account's sign-in (and revoke it at the provider)")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_account_signout)



def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _client_secret(args: argparse.Namespace, provider) -> str | None:
    from bouncedesk.errors import InputError

    if not provider.client_secret_required:
        return None
    if args.client_secret_stdin:
        secret = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        import getpass

        secret = getpass.getpass(f"Client secret of your {provider.title} OAuth client: ").strip()
    else:
        raise InputError(f"{provider.title} needs the client secret of your OAuth client: give it with --client-secret-stdin")
    if not secret:
        raise InputError("no client secret given")
    return secret


def _provider(args: argparse.Namespace, name: str, data_dir):
    from bouncedesk.mail.providers import oauth_provider

    base = oauth_provider(name, data_dir).with_client(args.client_id)
    if not base.client_id:
        base.check_client()  # says how to get a client ID, before asking for any secret
    provider = base.with_client(None, _client_secret(args, base))
    provider.check_client()
    return provider


def _browser(args: argparse.Namespace):
    if args.no_browser:
        return lambda url: True
    import webbrowser

    return webbrowser.open


def _show_url(url: str) -> None:
    _say(f"Sign in in your browser. If no browser window opened, open this address:\n{url}")


def cmd_account_add_signin(args: argparse.Namespace) -> int:
    """`account add` with --email/--oauth: preset servers, then browser sign-in or password."""
    from bouncedesk import config, store
    from bouncedesk.accounts.registry import add_account
    from bouncedesk.accounts.signin import account_from_address, add_oauth_account
    from bouncedesk.cli.common import open_store_of, read_password, secrets_of
    from bouncedesk.errors import InputError
    from bouncedesk.mail.providers import presets, split_address

    data_dir = config.data_dir(getattr(args, "data_dir", None))
    email = args.email or (args.user if args.user and "@" in args.user else None)
    if not email:
        raise InputError("give your e-mail address with --email")
    split_address(email)
    preset = None
    if args.preset:
        preset = presets(data_dir).get(args.preset.lower())
        if preset is None:
            raise InputError(f"unknown preset {args.preset!r}; known: {', '.join(sorted(presets(data_dir)))}")
    overrides: dict = {"username": args.user, "folders": tuple(args.folder or ("INBOX",)),
                       "sent_folder": args.sent_folder, "processed_folder": args.processed_folder,
                       "tls_fingerprint": args.trust_fingerprint}
    if args.host:
        overrides.update(host=args.host, port=args.port, security=args.security)
    if args.oauth:
        overrides["auth_method"] = "oauth2"
    elif args.password_stdin:
        overrides["auth_method"] = "password"
    account, preset = account_from_address(args.name, email, data_dir=data_dir, preset=preset, **overrides)
    smtp: dict = {"address": email}
    if preset is not None and not args.host:
        smtp.update(smtp_host=preset.smtp.host, smtp_port=preset.smtp.port,
                    smtp_security=_STORE_SECURITY[preset.smtp.security], smtp_username=account.username)
    if preset is not None:
        _say(f"{preset.title}: IMAP {preset.imap.host}:{preset.imap.port}, SMTP {preset.smtp.host}:{preset.smtp.port}")

    conn = open_store_of(args)
    try:
        if account.auth_method != "password":
            provider_name = args.oauth or (preset.oauth_provider if preset else None)
            if not provider_name:
                raise InputError("say which provider to sign in with: --oauth google|microsoft")
            provider = _provider(args, provider_name, data_dir)
            secrets = secrets_of(conn, args, args.allow_plaintext_secrets)
            add_oauth_account(conn, secrets, account, provider, wall_clock(), email=email, smtp=smtp,
                              open_browser=_browser(args), show_url=_show_url)
            print(f"added account {account.name!r}: {account.username}@{account.host}:{account.port}, "
                  f"signed in with {provider.title} (the sign-in is kept in the OS keyring)")
            return 0
        if preset is not None and preset.help("en"):
            _say(preset.help("en"))
        args.user, args.host = account.username, account.host
        password = read_password(args, account.name)
        secrets = secrets_of(conn, args, args.allow_plaintext_secrets)
        add_account(conn, secrets, account, password=password, now=wall_clock(), remember_plaintext=args.allow_plaintext_secrets)
        row = store.get_account(conn, account.name)
        store.update_account(conn, row.id, **smtp)
    finally:
        conn.close()
    print(f"added account {account.name!r}: {account.username}@{account.host}:{account.port} ({account.security}); "
          f"check it with: bouncedesk account test {account.name}")
    return 0


def cmd_account_signin(args: argparse.Namespace) -> int:
    from bouncedesk import config, store
    from bouncedesk.accounts.oauthconfig import load_provider
    from bouncedesk.accounts.registry import load_account
    from bouncedesk.accounts.signin import sign_in_account
    from bouncedesk.cli.common import open_store_of, secrets_of
    from bouncedesk.errors import InputError

    data_dir = config.data_dir(getattr(args, "data_dir", None))
    conn = open_store_of(args)
    try:
        account = load_account(conn, args.name)
        if account.auth_method == "password":
            raise InputError(f"account {args.name!r} logs in with a password, not a sign-in")
        secrets = secrets_of(conn, args)
        if args.oauth:
            provider = _provider(args, args.oauth, data_dir)
        else:
            provider = load_provider(conn, args.name, secrets)
            if provider is None:
                raise InputError(f"account {args.name!r} never signed in: name the provider with --oauth")
            provider = provider.with_client(args.client_id)
            if provider.client_secret_required and (args.client_secret_stdin or not provider.client_secret):
                provider = provider.with_client(None, _client_secret(args, provider))
            provider.check_client()
        row = store.get_account(conn, args.name)
        sign_in_account(conn, secrets, args.name, provider, wall_clock(), login_hint=(row and row.address) or account.username,
                        open_browser=_browser(args), show_url=_show_url)
    finally:
        conn.close()
    print(f"signed in account {args.name!r} with {provider.title}")
    return 0


def cmd_account_signout(args: argparse.Namespace) -> int:
    from bouncedesk.accounts.registry import load_account
    from bouncedesk.accounts.signin import sign_out
    from bouncedesk.cli.common import open_store_of, secrets_of
    from bouncedesk.errors import SecretStoreError

    conn = open_store_of(args)
    try:
        load_account(conn, args.name)
        try:
            secrets = secrets_of(conn, args)
        except SecretStoreError:
            secrets = None
        sign_out(conn, secrets, args.name)
    finally:
        conn.close()
    print(f"signed out account {args.name!r}; sign in again with: bouncedesk account signin {args.name}")
    return 0
