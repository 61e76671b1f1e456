"""`bouncedesk rules` and `bouncedesk correct`: the user's corrections (see corrections.py).

Every change prints which recipients' states it would change and applies only with --yes.
"""

from __future__ import annotations

import argparse

from bouncedesk.clock import wall_clock


def add_correction_commands(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the local store")
    yes = argparse.ArgumentParser(add_help=False)
    yes.add_argument("--yes", action="store_true", help="apply (without it: only show what would change)")

    p = sub.add_parser("rules", parents=[common], help="your corrections: list, add, remove, export, import, undo")
    rsub = p.add_subparsers(dest="rules_command", metavar="COMMAND", required=True)
    q = rsub.add_parser("list", parents=[common], help="list your corrections and how many stored bounces each matches")
    q.add_argument("--json", action="store_true", help="one JSON object per line")
    q.set_defaults(func=cmd_rules_list)
    q = rsub.add_parser("add", parents=[common, yes], help="add a correction: bounces whose words match are REASON")
    q.add_argument("--reason", required=True, help="a reason key (e.g. mailboxfull) or not-a-bounce")
    q.add_argument("--pattern", required=True, help="RE2 pattern over the server's words (lower case)")
    q.add_argument("--host", default="", help="only at this provider (remote server's or recipient's domain)")
    q.set_defaults(func=cmd_rules_add)
    q = rsub.add_parser("remove", parents=[common, yes], help="remove a correction")
    q.add_argument("id", type=int, metavar="ID")
    q.set_defaults(func=cmd_rules_remove)
    q = rsub.add_parser("export", parents=[common], help="write your rules to a JSON file")
    q.add_argument("file", metavar="FILE")
    q.set_defaults(func=cmd_rules_export)
    q = rsub.add_parser("import", parents=[common, yes], help="add the corrections of a JSON file")
    q.add_argument("file", metavar="FILE")
    q.set_defaults(func=cmd_rules_import)
    q = rsub.add_parser("undo", parents=[common, yes], help="undo the last applied change of your rules")
    q.set_defaults(func=cmd_rules_undo)

    p = sub.add_parser("correct", parents=[common, yes],
                       help="this bounce is really REASON: a correction from its words, applied to every stored bounce")
    p.add_argument("result_id", type=int, metavar="RESULT_ID", help="a stored bounce's id (bouncedesk export bounces)")
    p.add_argument("--reason", required=True, help="a reason key (e.g. mailboxfull) or not-a-bounce")
    p.add_argument("--pattern", help="instead of the pattern made from the bounce's words")
    p.add_argument("--host", help="instead of the provider taken from the bounce ('' for any)")
    p.set_defaults(func=cmd_correct)



def _open(args):
    from bouncedesk.config import data_dir
    from bouncedesk.store import open_store

    folder = data_dir(getattr(args, "data_dir", None))
    return open_store(folder), folder


def _run(args, make_plan) -> int:
    from bouncedesk.act import corrections as cx

    conn, folder = _open(args)
    try:
        plan = make_plan(cx, conn, folder)
        print(plan.summary)
        for line in plan.lines():
            print(line)
        if not args.yes:
            print("nothing changed yet; run again with --yes to apply")
            return 0
        if plan.summary.startswith("undo of"):
            done = cx.undo_last(conn, folder, wall_clock())
        else:
            done = cx.apply_plan(conn, folder, plan, wall_clock())
        print(done.message)
        return 0
    finally:
        conn.close()


def cmd_rules_list(args) -> int:
    import json

    from bouncedesk.act import corrections as cx
    from bouncedesk.cli.common import format_table
    from bouncedesk.store import iso

    conn, folder = _open(args)
    try:
        rules = cx.list_rules(conn, folder)
    finally:
        conn.close()
    if args.json:
        for r in rules:
            print(json.dumps(cx._fields(r), ensure_ascii=False))
        return 0
    if not rules:
        print("no corrections yet (bouncedesk correct RESULT_ID --reason R, or rules add)")
        return 0
    rows = [[r.id, r.reason, r.host or "*", r.matches, iso(r.created) if r.created else "", r.pattern] for r in rules]
    for line in format_table(["id", "reason", "host", "matches", "created", "pattern"], rows, right=(0, 3)):
        print(line)
    return 0


def cmd_rules_add(args) -> int:
    return _run(args, lambda cx, conn, folder: cx.plan_add(conn, folder, args.reason, args.pattern, wall_clock(),
                                                           host=args.host))


def cmd_rules_remove(args) -> int:
    return _run(args, lambda cx, conn, folder: cx.plan_remove(conn, folder, args.id, wall_clock()))


def cmd_rules_import(args) -> int:
    return _run(args, lambda cx, conn, folder: cx.plan_import(conn, folder, args.file, wall_clock()))


def cmd_rules_undo(args) -> int:
    return _run(args, lambda cx, conn, folder: cx.plan_undo(conn, folder, wall_clock()))


def cmd_rules_export(args) -> int:
    from bouncedesk.act import corrections as cx
    from bouncedesk.config import data_dir_path

    n = cx.export_rules(data_dir_path(getattr(args, "data_dir", None)), args.file)  # reads only
    print(f"wrote {n} correction{'s' * (n != 1)} to {args.file}")
    return 0


def cmd_correct(args) -> int:
    return _run(args, lambda cx, conn, folder: cx.plan_correct(conn, folder, args.result_id, args.reason, wall_clock(),
                                                               pattern=args.pattern, host=args.host))
