"""What a parse worker process runs (see `bouncedesk.intake.parsepool`).

Importing this module compiles the classification rules: the fork server imports it once, so
every worker it forks starts with them compiled (a spawned worker compiles them on import).
"""

from __future__ import annotations

from collections.abc import Sequence
from multiprocessing.connection import Connection

from bouncedesk.classify.rules import load_rules
from bouncedesk.dsn.model import UNPARSEABLE, ParsedMessage
from bouncedesk.intake.analysis import PARSE_BUDGET, Analysis, analyze_message
from bouncedesk.intake.rows import PreparedMessage, prepare_rows

load_rules()


def prepare_part(datas: Sequence[bytes], budget: float | None = PARSE_BUDGET) -> list[PreparedMessage]:
    """Prepare each message for the store, in order, each within its time budget (seconds)."""
    return [prepare_rows(analyze_message(d, budget), d) for d in datas]


def given_up(data: bytes, why: str) -> PreparedMessage:
    """A message the parser could not finish: stored as unparseable with the reason, kept for reparse."""
    return prepare_rows(Analysis(ParsedMessage(outcome=UNPARSEABLE, error=why), []), data)


def serve(jobs: Connection, answers: Connection) -> None:
    """Answer `(job, messages, budget)` with `(job, prepared)` until the pool closes the pipe; a part
    that fails is answered with the exception, and the pool re-runs it message by message."""
    while True:
        try:
            job, datas, budget = jobs.recv()
        except (EOFError, OSError):
            return
        try:
            answer: object = prepare_part(datas, budget)
        except Exception as exc:
            answer = exc
        answers.send((job, answer))
