"""No sentence of the annotated corpora is quoted in the repository: the SemEval files are for
research use only and may not be committed, and the project writes its own examples
(``../shared/eval/README.md``)."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

EVAL = SHARED / "eval"
#: Sentences of this many words or more are never to appear word for word.
MIN_WORDS = 8

pytestmark = pytest.mark.skipif(
    not EVAL.is_dir(), reason="../shared/eval is not present (third-party corpora)"
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _corpus_sentences() -> Iterator[str]:
    for path in sorted(EVAL.rglob("*.xml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for body in re.findall(r"<text>(.*?)</text>", text, re.S):
            yield from re.split(r"(?<=[.!?])\s+", html.unescape(body))
    for path in sorted((EVAL / "liu_9products").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if "##" in line:
                yield from re.split(r"(?<=[.!?])\s+", line.split("##", 1)[1])
    for path in sorted((EVAL / "liu_pros_cons").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        yield from re.findall(r"<(?:Pros|Cons)>(.*?)</(?:Pros|Cons)>", text)


def _repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    binary = {".png", ".jpg", ".ico", ".gz", ".zip"}
    return [ROOT / name for name in listed if name and Path(name).suffix not in binary]


def test_repository__quotes_no_sentence_of_the_annotated_corpora() -> None:
    sentences = {" ".join(w) for s in _corpus_sentences() if len(w := _words(s)) >= MIN_WORDS}
    quoted = []
    for path in _repository_files():
        if not path.is_file():
            continue
        words = _words(path.read_text(encoding="utf-8", errors="replace"))
        text = " " + " ".join(words) + " "
        starts = {" ".join(words[i : i + MIN_WORDS]) for i in range(len(words) - MIN_WORDS + 1)}
        for sentence in sentences:
            head = " ".join(sentence.split()[:MIN_WORDS])
            if head in starts and f" {sentence} " in text:
                quoted.append(f"{path.relative_to(ROOT)}: {sentence}")
    assert quoted == [], f"{len(quoted)} corpus sentence(s) quoted:\n" + "\n".join(sorted(quoted))
