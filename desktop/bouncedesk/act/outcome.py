"""What an action on recipients gives back, and who did it: shared by every module of `act`."""

from __future__ import annotations

from dataclasses import dataclass

from bouncedesk.errors import InputError

USER = "user"
SCHEDULER = "scheduler"


class OriginalUnavailableError(InputError):
    """Neither the bounce nor the Sent folder holds the original; the user may re-send by hand."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an action did, for the CLI and the GUI."""

    address: str
    action: str
    state: str  # the recipient's state afterwards
    message: str  # one line
    event_id: int | None = None
    attempt_id: int | None = None
    queue_id: str | None = None  # the SMTP server's id for a re-sent message or notice
    mailto: str | None = None  # contact via the user's mail client
