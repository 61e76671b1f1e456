"""Parse then classify one message: the single path both `parse` and ingest take.

Each message gets a time budget (PARSE_BUDGET): the scanners are linear in their capped inputs,
and their loops check the budget, so a message that still takes longer, or that trips a parser or
classifier bug, comes back as 'unparseable' with the reason and the import goes on.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bouncedesk.classify import NOT_A_BOUNCE, classify
from bouncedesk.classify.rules import load_rules
from bouncedesk.classify.verdict import Verdict
from bouncedesk.dsn import parse_message
from bouncedesk.dsn.budget import OverBudget, check, time_budget
from bouncedesk.dsn.model import NONE, UNPARSEABLE, Finding, ParsedMessage

PARSE_BUDGET = 10.0  # seconds one message may take to parse and classify (a real one takes milliseconds)


@dataclass(slots=True)
class Analysis:
    parsed: ParsedMessage
    results: list[tuple[Finding, Verdict]]


def analyze_message(data: bytes, budget: float | None = PARSE_BUDGET) -> Analysis:
    """Never raises for bad input: a broken message, or one that takes longer than `budget` seconds
    (None: no limit), comes back with outcome 'unparseable' and the reason."""
    with time_budget(budget):
        parsed = parse_message(data)
        try:
            check()
            results = []
            for f in parsed.findings:
                check()
                results.append((f, classify(f)))
            kept = [(f, v) for f, v in results if v.reason != NOT_A_BOUNCE]
            if len(kept) < len(results):  # the user's correction: these findings are no bounce at all
                results = kept
                parsed = dataclasses.replace(parsed, findings=[f for f, _ in kept],
                                             outcome=parsed.outcome if kept else NONE)
        except OverBudget as exc:
            return Analysis(_unparseable(parsed, str(exc)), [])
        except Exception as exc:  # a classifier bug must not lose the message either
            return Analysis(_unparseable(parsed, f"classifier error: {type(exc).__name__}: {exc}"[:300]), [])
    return Analysis(parsed, results)


def _unparseable(parsed: ParsedMessage, why: str) -> ParsedMessage:
    """The message as unparseable (its own headers kept), for `bouncedesk reparse` to try again."""
    return dataclasses.replace(parsed, outcome=UNPARSEABLE, findings=[], original=None, format="", error=why)


def result_rows(source: str, analysis: Analysis) -> list[dict]:
    """The rows of `bouncedesk parse --json` for one message (at least one row)."""
    p = analysis.parsed
    orig = p.original
    common = {
        "source": source,
        "original_message_id": orig.message_id if orig else None,
        "original_subject": orig.subject if orig else None,
        "original_to": orig.to if orig else None,
    }
    if not analysis.results:
        row = {"source": source, "index": 0, "kind": p.outcome if p.outcome != "report" else "none"}
        row.update(_empty_fields())
        row.update({k: v for k, v in common.items() if k != "source"})
        if p.outcome == "unparseable":
            row["error"] = p.error
        return [row]
    rows = []
    for i, (f, v) in enumerate(analysis.results, start=1):
        rows.append(
            {
                "source": source,
                "index": i,
                "kind": f.kind,
                "recipient": f.recipient,
                "status": v.status,
                "status_source": v.status_source,
                "reply_code": f.reply_code,
                "reason": v.reason,
                "hard": v.hard,
                "side": v.side,
                "action_hint": v.action_hint,
                "action": f.action,
                "diagnostic": f.diagnostic,
                "remote_mta": f.remote_mta,
                "reporting_mta": f.reporting_mta,
                "original_message_id": common["original_message_id"],
                "original_subject": common["original_subject"],
                "original_to": common["original_to"],
                "arrival_date": f.arrival_date,
                "feedback_type": f.feedback_type,
            }
        )
        if p.error:  # what was left unread ("first 1000 of 5000 recipients read; ...")
            rows[-1]["note"] = p.error
    return rows


def _empty_fields() -> dict:
    return {
        "recipient": None,
        "status": "",
        "status_source": "",
        "reply_code": "",
        "reason": "",
        "hard": False,
        "side": "unknown",
        "action_hint": "none",
        "action": "",
        "diagnostic": "",
        "remote_mta": "",
        "reporting_mta": "",
        "arrival_date": None,
    }


_WINDOW = 512  # messages in flight at once: keeps memory flat however large the input
_PARALLEL_FROM = 200  # below this, starting worker processes costs more than it saves


def rows_for_messages(messages: Iterable, jobs: int = 0) -> Iterator[list[dict]]:
    """Rows for each (source, data) message, in input order; parallel across CPU cores for big inputs.

    `messages` yields objects with `.source` and `.data` (see bouncedesk.intake.sources.RawMessage).
    """
    jobs = jobs or (os.cpu_count() or 1)
    it = iter(messages)
    window = _take(it, _PARALLEL_FROM)
    if jobs <= 1 or len(window) < _PARALLEL_FROM:
        for m in window:
            yield result_rows(m.source, analyze_message(m.data))
        for m in it:
            yield result_rows(m.source, analyze_message(m.data))
        return
    import multiprocessing

    load_rules()  # compile the rules once, before the fork, instead of once in every worker
    with multiprocessing.get_context("fork" if os.name == "posix" else "spawn").Pool(jobs) as pool:
        # Two windows in flight: workers parse the next one while this process reads input and
        # writes the rows of the current one.
        pending = pool.map_async(_rows_job, [(m.source, m.data) for m in window], chunksize=16)
        while pending is not None:
            window = _take(it, _WINDOW)
            following = pool.map_async(_rows_job, [(m.source, m.data) for m in window], chunksize=16) \
                if window else None
            yield from pending.get()
            pending = following


def _rows_job(item: tuple[str, bytes]) -> list[dict]:
    return result_rows(item[0], analyze_message(item[1]))


def _take(it: Iterator, n: int) -> list:
    out = []
    for m in it:
        out.append(m)
        if len(out) >= n:
            break
    return out
