"""The parser against the shared corpus of real bounces, scored by the corpus's own scorer.

ACCEPTANCE holds the figures issue 2 asks for. FLOOR holds what the parser reaches today: the
test fails on any regression below it, and prints the remaining gap to ACCEPTANCE. Raise FLOOR
whenever the parser improves; when FLOOR equals ACCEPTANCE the issue's figure is met.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

ACCEPTANCE = {"detected": 0.99, "recipient": 0.98, "reason": 0.95, "hard": 0.97, "status": 0.97, "nonbounce": 1.0}
FLOOR = dict(ACCEPTANCE)  # met since the second tuning round; a regression fails the suite
MAX_EXTRA = 10
# Issue 13: the rules now read meanings, not corpus sentences; nothing may fall below what the
# corpus-fitted rules reached, and no verdict may be harmful (a live recipient read as dead, or a
# dead one as the sender's problem).
BEFORE_ISSUE_13 = {"detected": 0.998, "recipient": 0.987, "reason": 0.961, "hard": 0.989, "status": 0.987,
                   "nonbounce": 1.0}
MAX_HARMFUL = 0


@pytest.fixture
def scores(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    with open(out, "w") as fh:
        p = subprocess.run([sys.executable, "-m", "bouncedesk", "parse", "--json", "emails"], cwd=corpus,
                           stdout=fh, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 0, p.stderr
    s = subprocess.run([sys.executable, str(corpus / "score.py"), str(corpus / "gold.jsonl"), str(out), "--json",
                        "--max-harmful", str(MAX_HARMFUL)], capture_output=True, text=True)
    scores = json.loads(s.stdout.splitlines()[0])["scores"]
    scores["_exit"] = s.returncode
    return scores


@pytest.mark.corpus
def test_corpus_scores_do_not_fall_below_the_floor(scores):
    print({k: round(v, 3) for k, v in scores.items()})
    fallen = {k: round(scores.get(k, 0.0), 3) for k, v in FLOOR.items() if scores.get(k, 0.0) < v}
    assert not fallen, f"below the floor: {fallen}"
    assert scores["extra_rows"] <= MAX_EXTRA


@pytest.mark.corpus
def test_no_harmful_verdict_and_nothing_below_the_issue_13_baseline(scores):
    assert scores["harmful"] <= MAX_HARMFUL and scores["_exit"] == 0, f"harmful verdicts: {scores['harmful']}"
    fallen = {k: round(scores.get(k, 0.0), 4) for k, v in BEFORE_ISSUE_13.items() if round(scores.get(k, 0.0), 3) < v}
    assert not fallen, f"below the issue 13 baseline: {fallen}"


@pytest.mark.corpus
def test_floor_never_exceeds_acceptance_and_gap_is_reported(scores):
    assert all(FLOOR[k] <= ACCEPTANCE[k] for k in ACCEPTANCE)
    gap = {k: f"{scores.get(k, 0.0):.3f} < {v}" for k, v in ACCEPTANCE.items() if scores.get(k, 0.0) < v}
    if gap:
        warnings.warn(f"issue 2 acceptance not yet met: {gap}", stacklevel=1)
