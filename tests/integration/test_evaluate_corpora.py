"""The evaluate command on the annotated corpora in ../shared/eval (skipped where absent)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

EVAL = SHARED / "eval"
pytestmark = pytest.mark.skipif(
    not EVAL.is_dir(), reason="../shared/eval is not present (third-party corpora)"
)


def evaluate(file_format: str, *files: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "evaluate", "--format", file_format, *files, "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_evaluate__semeval2014_laptops_reads_every_sentence_and_term() -> None:
    figures = evaluate("semeval2014", str(EVAL / "semeval2014" / "Laptop_Train_v2.xml"))
    # eval/README.md: 3045 sentences; 987 positive and 866 negative terms.
    assert figures["sentences"] == 3045 and figures["gold"] == 987 + 866
    assert 0 < figures["precision"] <= 1 and 0 < figures["recall"] <= 1


def test_evaluate__semeval2016_restaurants_in_the_2015_format() -> None:
    path = EVAL / "semeval2016" / "ABSA16_Restaurants_Train_SB1_v2.xml"
    figures = evaluate("semeval2016", str(path))
    assert figures["sentences"] > 1000 and figures["gold"] > 1000
    assert figures["correct"] > 0
