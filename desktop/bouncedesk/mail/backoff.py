"""How long to wait before reconnecting: exponential, capped, with jitter so clients spread out."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """base, base*factor, base*factor^2 ... up to `cap` seconds; each delay drawn from [d/2, d]."""

    base: float = 1.0
    factor: float = 2.0
    cap: float = 300.0
    rng: random.Random = field(default_factory=random.Random)
    attempt: int = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * (self.factor ** self.attempt))
        self.attempt += 1
        return self.rng.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        """After a success the next failure starts from `base` again."""
        self.attempt = 0
