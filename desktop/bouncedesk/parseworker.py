"""What a parse worker process runs (see `bouncedesk.parsepool`).

Importing this module compiles the classification rules: the fork server imports it once, so
every worker it forks starts with them compiled (a spawned worker compiles them on import).
"""

from __future__ import annotations

from collections.abc import Sequence

from bouncedesk.classify.rules import load_rules
from bouncedesk.ingest import PreparedMessage, prepare_message

load_rules()


def prepare_part(datas: Sequence[bytes]) -> list[PreparedMessage]:
    """Prepare each message for the store, in order."""
    return [prepare_message(d) for d in datas]
