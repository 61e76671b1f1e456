"""What a parse worker process runs (see `bouncedesk.parsepool`).

Importing this module compiles the classification rules: the fork server imports it once, so
every worker it forks starts with them compiled (a spawned worker compiles them on import).
"""

from __future__ import annotations

from collections.abc import Sequence
from multiprocessing.connection import Connection

from bouncedesk.classify.rules import load_rules
from bouncedesk.ingest import PreparedMessage, prepare_message

load_rules()


def prepare_part(datas: Sequence[bytes]) -> list[PreparedMessage]:
    """Prepare each message for the store, in order."""
    return [prepare_message(d) for d in datas]


def serve(jobs: Connection, answers: Connection) -> None:
    """Answer `(job, messages)` with `(job, prepared)` until the pool closes the pipe; a part that
    fails is answered with the exception, and the pool parses that part itself."""
    while True:
        try:
            job, datas = jobs.recv()
        except (EOFError, OSError):
            return
        try:
            answer: object = prepare_part(datas)
        except Exception as exc:
            answer = exc
        answers.send((job, answer))
