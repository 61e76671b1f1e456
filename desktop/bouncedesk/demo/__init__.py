"""Demo data the project writes itself: 90 days of realistic bounces in many servers' formats,
ingested through the real path into a fresh store (for `bouncedesk --demo` and `--self-test`)."""

from bouncedesk.demo.build import Summary, build_demo_store, expected_retry_states, retry_state_counts
from bouncedesk.demo.scenario import build_plan, demo_messages
from bouncedesk.demo.world import Plan

build_demo = build_demo_store  # the name ui/app.py calls

__all__ = ["Plan", "Summary", "build_demo", "build_demo_store", "build_plan", "demo_messages", "expected_retry_states",
           "retry_state_counts"]
