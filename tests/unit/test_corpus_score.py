"""The parser against the shared corpus of real bounces, scored by the corpus's own scorer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

THRESHOLDS = {"detected": 0.99, "recipient": 0.98, "reason": 0.95, "hard": 0.97, "status": 0.97, "nonbounce": 1.0}
MAX_EXTRA = 10


@pytest.mark.corpus
def test_corpus_scores_meet_the_acceptance_thresholds(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    with open(out, "w") as fh:
        p = subprocess.run([sys.executable, "-m", "bouncedesk", "parse", "--json", "emails"], cwd=corpus,
                           stdout=fh, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 0, p.stderr
    s = subprocess.run([sys.executable, str(corpus / "score.py"), str(corpus / "gold.jsonl"), str(out), "--json"],
                       capture_output=True, text=True)
    scores = json.loads(s.stdout)["scores"]
    print(scores)
    missed = {k: round(scores.get(k, 0.0), 3) for k, v in THRESHOLDS.items() if scores.get(k, 0.0) < v}
    assert not missed, f"below threshold: {missed}"
    assert scores["extra_rows"] <= MAX_EXTRA
