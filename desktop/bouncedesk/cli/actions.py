"""Action commands of the CLI: retry, mark-resent, suppress, unsuppress, pause, resume, undo,
run-due, review, contact, contact-info, attempts, and the SMTP side of an account (smtp).

Thin shells over `bouncedesk.act.actions`; everything heavy is imported inside the handlers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from bouncedesk.clock import wall_clock

STATE_ACTIONS = {
    "suppress": "never send to ADDRESS again (works for addresses that never bounced too)",
    "unsuppress": "allow sending to a suppressed ADDRESS again",
    "pause": "no retries and not sent to, until resumed",
    "resume": "undo a pause: ADDRESS goes back to the state it was in",
}



def add_action_commands(sub) -> None:
    """Add the action commands to the CLI's subparsers."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the local store")

    p = sub.add_parser("retry", parents=[common], help="re-send the bounced message to ADDRESS now")
    p.add_argument("address", metavar="ADDRESS")
    p.add_argument("--force", action="store_true",
                   help="also when the last attempt may have gone out (its outcome is unknown)")
    p.add_argument("--no-sent-folder", action="store_true",
                   help="do not look for the original in the IMAP Sent folder")
    p.set_defaults(func=cmd_retry)

    p = sub.add_parser("mark-resent", parents=[common], help="count a retry you sent by hand (or that went out)")
    p.add_argument("address", metavar="ADDRESS")
    p.add_argument("--why", default="", help="a note for the event log")
    p.set_defaults(func=cmd_mark_resent)

    for name, text in STATE_ACTIONS.items():
        p = sub.add_parser(name, parents=[common], help=text)
        p.add_argument("address", metavar="ADDRESS")
        p.add_argument("--why", default="", help="a note for the event log")
        p.set_defaults(func=cmd_state_action, action=name)

    p = sub.add_parser("undo", parents=[common], help="undo the last action on ADDRESS")
    p.add_argument("address", metavar="ADDRESS")
    p.set_defaults(func=cmd_undo)

    p = sub.add_parser("run-due", parents=[common], help="send every retry that is due (for a scheduler)",
                       description="Send every due retry (your own copy from the Sent folder). Exit status 1 "
                       "when any send failed, 2 when nothing could be tried.")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--dry-run", action="store_true", help="only list what would be sent; send and change nothing")
    p.add_argument("--max", type=int, metavar="N", dest="max_sends",
                   help="send at most N retries this run; the rest stay due for the next one")
    p.add_argument("--no-sent-folder", action="store_true",
                   help="do not look for originals in the IMAP Sent folder")
    p.set_defaults(func=cmd_run_due)

    p = sub.add_parser("review", parents=[common], help="bounces not tied to mail you sent: list, trust or dismiss",
                       description="Bounces that would change a recipient but name no message you sent wait "
                       "here; they change nothing until you trust them.")  # fmt: skip
    p.add_argument("--trust", nargs="+", type=int, metavar="ID", help="trust these bounces (they act as verified)")
    p.add_argument("--dismiss", nargs="+", type=int, metavar="ID", help="not about your mail: keep as information")
    p.add_argument("--set-trust", choices=("verified", "plausible", "all"),
                   help="which bounces act without review from now on (default verified; 'all' is for users "
                   "without a Sent folder, and lets anyone who can mail you change your recipients)")  # fmt: skip
    p.add_argument("--lang", choices=("en", "de"), default="en", help="language of the explanations")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("contact", parents=[common], help="tell ADDRESS at its alternative address that mail bounces")
    p.add_argument("address", metavar="ADDRESS")
    p.add_argument("--lang", choices=("en", "de"), default="en", help="language of the notice (default en)")
    p.add_argument("--via", choices=("mailto", "smtp"), default="mailto",
                   help="print a mailto: link for your mail client (default), or send it by SMTP")
    p.add_argument("--sender-name", help="how to sign the notice (default: the account's address)")
    p.set_defaults(func=cmd_contact)

    p = sub.add_parser("contact-info", parents=[common], help="show or set other ways to reach ADDRESS")
    p.add_argument("address", metavar="ADDRESS")
    p.add_argument("--email", help="alternative e-mail address ('' clears it)")
    p.add_argument("--phone", help="phone number ('' clears it)")
    p.add_argument("--note", help="a note ('' clears it)")
    p.set_defaults(func=cmd_contact_info)

    p = sub.add_parser("attempts", parents=[common], help="list the retry attempts of ADDRESS")
    p.add_argument("address", metavar="ADDRESS")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_attempts)

    p = sub.add_parser("smtp", parents=[common], help="set (or test) the SMTP server an account sends retries with")
    p.add_argument("account", metavar="ACCOUNT")
    p.add_argument("--host", help="SMTP server, e.g. smtp.example.com")
    p.add_argument("--port", type=int, help="default: 465 for tls, 587 for starttls")
    p.add_argument("--security", choices=("tls", "starttls", "plain"),
                   help="tls (implicit, 465), starttls (587); plain only for a server on this machine")
    p.add_argument("--user", help="SMTP login name (default: the IMAP login); the password is the account's")
    p.add_argument("--address", help="the e-mail address retries are sent from")
    p.add_argument("--trust-fingerprint", metavar="SHA256", help="pin a self-hosted server's certificate")
    p.add_argument("--ca-file", metavar="PEM", help="trust this CA for a self-hosted server")
    p.add_argument("--test", action="store_true", help="connect, secure and log in, then quit")
    p.set_defaults(func=cmd_smtp)


def _actions(args: argparse.Namespace, sent_folder: bool = False):
    from bouncedesk.act.actions import open_actions

    return open_actions(getattr(args, "data_dir", None), with_sent_folder=sent_folder)


def cmd_retry(args: argparse.Namespace) -> int:
    actions = _actions(args, sent_folder=not args.no_sent_folder)
    print(actions.retry_now(args.address, wall_clock(), force=args.force).message)
    return 0


def cmd_mark_resent(args: argparse.Namespace) -> int:
    print(_actions(args).mark_resent(args.address, wall_clock(), why=args.why).message)
    return 0


def cmd_state_action(args: argparse.Namespace) -> int:
    actions = _actions(args)
    print(getattr(actions, args.action)(args.address, wall_clock(), why=args.why).message)
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    print(_actions(args).undo(args.address, wall_clock()).message)
    return 0


def cmd_run_due(args: argparse.Namespace) -> int:
    from bouncedesk import store

    sent_folder = not args.no_sent_folder and not args.dry_run
    report = _actions(args, sent_folder=sent_folder).run_due(wall_clock(), dry_run=args.dry_run, max_sends=args.max_sends)
    if args.json:
        keys = ("due", "sent", "failed", "unavailable", "skipped", "settled", "interrupted", "deferred", "dry_run")
        d: dict = {k: getattr(report, k) for k in keys}
        d["problems"] = report.problems
        d["planned"] = [{"address": i.email, "subject": i.subject, "bounce_at": store.iso(i.bounce_at),
                         "attempt": i.attempt, "status": i.status} for i in report.planned]  # fmt: skip
        print(json.dumps(d, ensure_ascii=False))
    else:
        for i in report.planned:
            print(f"would send: {i.email}  attempt {i.attempt}/{i.max_attempts}  {i.subject or '(no subject)'}"
                  f"  bounced {store.iso(i.bounce_at) or '?'}")  # fmt: skip
        for line in report.grouped_problems():
            print(line, file=sys.stderr)
        print(report.summary)
    if report.failed:
        return 1
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from bouncedesk import store
    from bouncedesk.act import review
    from bouncedesk.policy.provenance import describe_evidence, word

    actions = _actions(args)
    conn, now = actions.conn, wall_clock()
    if args.set_trust:
        settings = store.load_policy_settings(conn)
        store.save_policy_settings(conn, dataclasses.replace(settings, trust=args.set_trust), now)
        print(f"bounces that act without review: {args.set_trust}")
        if args.set_trust == "all":
            print("warning: anyone who can send mail to your monitored mailbox can now change your recipients",
                  file=sys.stderr)
        moved = review.recheck_pending(conn, now)
        if moved:
            print(f"{moved} waiting bounce{'s' * (moved != 1)} acted now")
    if args.trust:
        print(review.trust_results(conn, args.trust, now).message)
    if args.dismiss:
        print(review.dismiss_results(conn, args.dismiss, now).message)
    if args.set_trust or args.trust or args.dismiss:
        return 0
    items = review.review_items(conn)
    notice = review.review_notice(conn, args.lang)
    table = []
    for it in items:
        ev = describe_evidence(it.evidence, args.lang)
        if args.json:
            print(json.dumps({"id": it.result_id, "at": store.iso(it.at), "address": it.email, "kind": it.kind,
                              "status": it.status, "reason": it.reason, "trust": it.trust, "evidence": ev,
                              "bounce_from": it.bounce_sender, "diagnostic": it.diagnostic}, ensure_ascii=False))
        else:
            table.append((it.result_id, store.iso(it.at) or "-", it.email, it.kind, it.status or "-", it.reason or "-",
                          word(it.trust, args.lang), ev))  # fmt: skip
    if table:
        from bouncedesk.cli.common import format_table

        for line in format_table(("id", "at", "address", "kind", "status", "reason", "trust", "evidence"), table,
                                 right=(0,)):  # fmt: skip
            print(line)
    if not args.json:
        if notice:
            print(notice, file=sys.stderr)
        print(f"{len(items)} bounce{'s' * (len(items) != 1)} waiting for review"
              + (" (bouncedesk review --trust ID… / --dismiss ID…)" if items else ""))  # fmt: skip
    return 0


def cmd_contact(args: argparse.Namespace) -> int:
    out = _actions(args).contact(args.address, wall_clock(), lang=args.lang, via=args.via, sender_name=args.sender_name)
    print(out.message)
    if out.mailto:
        print(out.mailto)
    return 0


def cmd_contact_info(args: argparse.Namespace) -> int:
    actions = _actions(args)
    if any(v is not None for v in (args.email, args.phone, args.note)):
        print(actions.set_contact(args.address, wall_clock(), alt_email=args.email, phone=args.phone, note=args.note).message)
    for key, value in actions.contact_info(args.address).items():
        print(f"{key}: {value or '-'}")
    return 0


def cmd_attempts(args: argparse.Namespace) -> int:
    from bouncedesk.cli.common import format_table
    from bouncedesk.store import iso

    attempts = _actions(args).attempts(args.address)
    table = []
    for a in attempts:
        row = {"attempt": a.attempt, "status": a.status, "created": iso(a.created_at), "updated": iso(a.updated_at),
               "sent": iso(a.sent_at), "reply": a.smtp_reply, "error": a.error, "original": a.orig_message_id}
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            table.append((a.attempt, a.status, row["updated"] or "-", a.error or a.smtp_reply or ""))
    if args.json:
        return 0
    if not attempts:
        print(f"no retry attempts for {args.address}")
        return 0
    for line in format_table(("attempt", "status", "updated", "what the server said"), table, right=(0,)):
        print(line)
    return 0


def cmd_smtp(args: argparse.Namespace) -> int:
    from bouncedesk import store
    from bouncedesk.act.actions import SMTP_CA_KEY, SMTP_PIN_KEY, open_actions
    from bouncedesk.errors import InputError
    from bouncedesk.mail.smtp import check_login, normalize_fingerprint

    actions = open_actions(getattr(args, "data_dir", None), with_sent_folder=False)
    conn = actions.conn
    acc = store.get_account(conn, args.account)
    if acc is None:
        raise InputError(f"no account named {args.account!r} (bouncedesk account add)")
    to_store = {"tls": "ssl", "starttls": "starttls", "plain": "none"}
    fields = {
        k: v
        for k, v in (
            ("smtp_host", args.host), ("smtp_port", args.port),
            ("smtp_security", to_store.get(args.security or "")), ("smtp_username", args.user),
            ("address", store.normalize_email(args.address) if args.address else None),
        )
        if v is not None
    }  # fmt: skip
    if fields:
        acc = store.update_account(conn, acc.id, **fields)
    if args.trust_fingerprint is not None:
        store.put_setting(conn, SMTP_PIN_KEY.format(id=acc.id), normalize_fingerprint(args.trust_fingerprint), wall_clock())
    if args.ca_file is not None:
        store.put_setting(conn, SMTP_CA_KEY.format(id=acc.id), args.ca_file, wall_clock())
    if not acc.smtp_host:
        raise InputError(f"account {acc.name!r} has no SMTP server yet: give --host")
    settings, sender = actions.smtp_settings(acc)
    print(f"{acc.name}: {settings.host}:{settings.effective_port} ({settings.security}), user "
          f"{settings.username or '-'}, sending as {sender}")
    if args.test:
        print(check_login(settings, actions.smtp_auth(acc, settings)))
    return 0
