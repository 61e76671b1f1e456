"""How long the demo takes: generation, parse-only, and the full build of a fresh store.

    python benchmarks/demo_build.py [--seed 7] [--now EPOCH]

The goal (issue 5, `bouncedesk --demo`): generation + ingest under ~10 s. Prints each step's
seconds, the message count, and the retry states of the built store.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter

from bouncedesk.demo import build_demo_store, build_plan
from bouncedesk.intake.analysis import analyze_message


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--now", type=int, default=int(time.time()))
    args = ap.parse_args()

    t = time.perf_counter()
    plan = build_plan(args.now, args.seed)
    gen = time.perf_counter() - t
    msgs = plan.messages

    t = time.perf_counter()
    for m in msgs:
        analyze_message(m.data)
    parse = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as d:
        s = build_demo_store(d, args.now, args.seed)

    size = sum(len(m.data) for m in msgs)
    print(f"messages      {len(msgs)} ({size / 1e6:.1f} MB), kinds {dict(Counter(m.intended.kind for m in msgs))}")
    print(f"generate      {gen:.2f} s")
    print(f"parse only    {parse:.2f} s ({len(msgs) / parse:.0f} msg/s)")
    print(f"build store   {s.seconds:.2f} s (generate + ingest + actions; goal <= 10 s)")
    print(f"retry states  {s.retry_states}")
    print(f"refused       {s.refused} planned actions (store state differed from the plan)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
