"""`bouncedesk search WORDS…`: the newest stored results whose server's words or subject match.

The words are words, never query syntax; the last one may be the start of a word. Without
`--json` a table for people (bounce text made printable: no terminal escapes); with it one JSON
object per line. `--reindex` rebuilds the index, `--status` says how complete it is.
"""

from __future__ import annotations

import argparse
import time

from bouncedesk.cli.common import ELLIPSIS, open_store_of, shown


def add_search_commands(sub) -> None:
    p = sub.add_parser(
        "search", help="search the server's words and subjects of the stored bounces, newest first"
    )
    p.add_argument(
        "words", nargs="*", metavar="WORD", help="all must occur; the last may be the start of a word"
    )
    p.add_argument(
        "--limit",
        type=int,
        default=50,
        metavar="N",
        help="show the newest N matches (default 50, at most 500)",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument(
        "--reindex", action="store_true", help="rebuild the search index from the stored results first"
    )
    p.add_argument(
        "--status",
        action="store_true",
        help="say how much of the store the index covers, and the stable views",
    )
    p.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the local store")
    p.set_defaults(func=cmd_search)


def printable(text: str, limit: int = 120) -> str:
    """A stranger's text for a terminal: one line (blanks and line ends as single spaces), control
    characters (escapes) made harmless by `shown`, at most `limit` characters."""
    flat = shown(" ".join(text[: limit * 4].split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + ELLIPSIS


def cmd_search(args: argparse.Namespace) -> int:
    from bouncedesk.errors import InputError
    from bouncedesk.store import search as fts

    text = " ".join(args.words)
    if not (args.status or args.reindex) and not fts.words(text):
        raise InputError("say what to search for, e.g. bouncedesk search mailbox full")
    if not 1 <= args.limit <= fts.SEARCH_LIMIT:
        raise InputError(f"--limit must be between 1 and {fts.SEARCH_LIMIT}")
    conn = open_store_of(args)
    try:
        if args.reindex:
            t0 = time.perf_counter()
            n = fts.rebuild(conn)
            fts.optimize(conn)
            print(f"search index rebuilt: {n} results in {time.perf_counter() - t0:.1f} s")
        if args.status:
            _status(conn, fts.behind(conn))
        if not fts.words(text):
            return 0
        answer = fts.search(conn, text, args.limit)
    finally:
        conn.close()
    if args.json:
        _print_json(answer)
    else:
        _print_table(answer, args.limit)
    return 0


def _status(conn, behind: int) -> None:
    from bouncedesk.store import introspect
    from bouncedesk.store.db import db_path
    from bouncedesk.store.search import indexed_upto

    print(f"store: {db_path(conn)}")
    done = indexed_upto(conn)
    print(
        f"search index: {'complete' if not behind else f'{behind} results still to index'} (up to result {done})"
    )
    for name, columns in introspect.stable_views(conn).items():
        print(f"view {name}: {', '.join(columns)}")


def _print_json(answer) -> None:
    import json

    from bouncedesk.store.queries import iso

    for h in answer.hits:
        print(json.dumps({"result_id": h.result_id, "message_id": h.message_id, "at": iso(h.at),
                          "recipient": h.recipient, "kind": h.kind, "code": h.code, "reason": h.reason,
                          "snippet": h.snippet, "subject": h.subject}, ensure_ascii=False))  # fmt: skip
    if answer.more:
        print(json.dumps({"more": True, "shown": len(answer.hits)}))


def _print_table(answer, limit: int) -> None:
    from bouncedesk.store.queries import iso

    if not answer.hits:
        print("no stored bounce matches")
        return
    print(f"{'when (UTC)':20} {'recipient':32.32} {'code':7} {'reason':15} server's words / subject")
    for h in answer.hits:
        print(f"{iso(h.at) or '':20} {printable(h.recipient, 32):32.32} {printable(h.code, 7):7} "
              f"{printable(h.reason, 15):15} {printable(h.snippet or h.subject, 80)}")  # fmt: skip
    n = len(answer.hits)
    if answer.more:
        print(f"the newest {n} matches; there are more (older ones): add words, or --limit up to 500")
    else:
        print(f"{n} match{'es' if n != 1 else ''}")
