"""The command line, run as a user runs it: ``python -m pipeline …`` in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from tests.conftest import ROOT, scalar

DEMO = ROOT / "config" / "demo.yaml"


def cli(
    *args: str, db: str | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    if db:
        env["DATABASE_URL"] = db
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


@pytest.mark.parametrize(
    "command", ["migrate", "ingest", "extract", "run", "report", "extract-text", "db"]
)
def test_cli__every_command_has_help(command: str) -> None:
    result = cli(command, "--help")
    assert result.returncode == 0 and "usage: python -m pipeline" in result.stdout


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            "products:\n  - slug: a\n    name: A\n    sources:\n      - type: fax\n",
            "unknown source type 'fax'",
        ),
        ("products:\n  - name: A\n", "products[0].slug: required key is missing"),
        ("products: [\n", "invalid YAML"),
    ],
)
def test_cli__broken_config_gives_one_line_and_status_2(
    db: str, tmp_path: Path, yaml_text: str, message: str
) -> None:
    config = tmp_path / "broken.yaml"
    config.write_text(yaml_text, encoding="utf-8")
    result = cli("ingest", "--config", str(config), db=db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {config}") and message in lines[0]


def test_cli__unknown_option_is_a_usage_error() -> None:
    assert cli("report", "--format", "pdf").returncode == 2


def test_cli__run_twice_keeps_counts_and_reports_every_product(db: str) -> None:
    first = cli("run", "--config", str(DEMO), db=db)
    assert first.returncode == 0, first.stderr
    counts = (
        scalar(db, "SELECT count(*) FROM reviews.posts"),
        scalar(db, "SELECT count(*) FROM reviews.opinions"),
    )
    second = cli("run", "--config", str(DEMO), db=db)
    assert second.returncode == 0, second.stderr
    assert counts == (
        scalar(db, "SELECT count(*) FROM reviews.posts"),
        scalar(db, "SELECT count(*) FROM reviews.opinions"),
    )
    assert counts[0] == 382
    for name in ("Aurora X2", "Starfall Tactics", "Tidy Notes"):
        section = second.stdout.split(name, 1)[1]
        assert "Top pros:" in section and "Top cons:" in section and "“" in section
    # the same report, but for the minute it was made at (a run may cross a minute)
    made_at = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")
    assert made_at.sub("…", first.stdout.split("\n\n", 1)[1]) == made_at.sub(
        "…", second.stdout.split("\n\n", 1)[1]
    )


def test_cli__report_json_agrees_with_the_database(db: str) -> None:
    assert cli("run", "--config", str(DEMO), db=db).returncode == 0
    result = cli("report", "--format", "json", "--product", "tidy-notes", db=db)
    assert result.returncode == 0, result.stderr
    (product,) = json.loads(result.stdout)["products"]
    assert product["opinions"] == scalar(
        db, "SELECT count(*) FROM reviews.opinions WHERE product = 'tidy-notes'"
    )
    top_con = product["cons"][0]
    assert top_con["mentions"] == scalar(
        db,
        "SELECT cons FROM reviews.aspect_summary WHERE product = 'tidy-notes' AND aspect = %s",
        (top_con["aspect"],),
    )
    assert scalar(
        db,
        "SELECT count(*) FROM reviews.opinion_evidence WHERE product = 'tidy-notes' "
        "AND aspect = %s AND polarity = 'con' AND sentence = %s",
        (top_con["aspect"], top_con["quotes"][0]["sentence"]),
    )


def test_cli__report_unknown_product_is_an_error_listing_the_known_ones(db: str) -> None:
    assert cli("run", "--config", str(ROOT / "config" / "demo.yaml"), db=db).returncode == 0
    result = cli("report", "--product", "nope", db=db)
    assert result.returncode == 2
    assert (
        "no product 'nope' in the database (known: aurora-x2, starfall-tactics, tidy-notes)"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--source", "steam"],
            "no source to ingest for --source steam (configured: a: file; b: no sources)",
        ),
        (
            ["--product", "b"],
            "no source to ingest for --product b (configured: a: file; b: no sources)",
        ),
    ],
)
def test_cli__ingest_with_nothing_to_ingest_names_what_is_configured(
    db: str, tmp_path: Path, arguments: list[str], message: str
) -> None:
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    config = tmp_path / "products.yaml"
    config.write_text(
        "products:\n  - slug: a\n    name: A\n    sources:\n      - type: file\n"
        "        path: a.jsonl\n  - slug: b\n    name: B\n    sources: []\n",
        encoding="utf-8",
    )
    result = cli("ingest", "--config", str(config), *arguments, db=db)
    assert result.returncode == 2 and message in result.stderr and "None" not in result.stderr


def test_cli__extract_text_writes_one_line_per_input_with_true_spans() -> None:
    texts = [
        {"id": 1, "text": "Great screen but awful speakers."},
        {"id": "b", "text": "Is the battery good?"},
    ]
    stdin = "".join(json.dumps(t) + "\n" for t in texts)
    result = cli("extract-text", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b"]
    assert out[1]["opinions"] == []
    first = out[0]["opinions"]
    assert {(o["aspect"], o["polarity"]) for o in first} == {("screen", "pro"), ("speaker", "con")}
    for o in first:
        start, end = o["aspect_span"]
        assert texts[0]["text"][start:end] == o["aspect_text"]
        start, end = o["opinion_span"]
        assert texts[0]["text"][start:end] == o["opinion_text"]


def test_cli__extract_text_files_opinions_by_the_kind_given(tmp_path: Path) -> None:
    stdin = json.dumps({"id": 1, "text": "The menu is confusing. The app crashes daily."}) + "\n"
    result = cli("extract-text", "--kind", "app", stdin=stdin)
    assert result.returncode == 0, result.stderr
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert {(o["aspect"], o["theme"]) for o in line["opinions"]} == {
        ("ui", "ui"),
        ("stability", "stability"),
    }
    plain = json.loads(cli("extract-text", stdin=stdin).stdout)
    assert {(o["aspect"], o["theme"]) for o in plain["opinions"]} == {
        ("menu", "usability"),
        ("quality", "quality"),
    }
    wrong = cli("extract-text", "--kind", "shop", stdin=stdin)
    assert wrong.returncode == 2 and "invalid choice: 'shop'" in wrong.stderr


def test_cli__evaluate_categories_wants_semeval2014(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text("<sentences/>", encoding="utf-8")
    result = cli("evaluate", "--format", "semeval2015", "--categories", str(path))
    assert result.returncode == 2 and "use semeval2014" in result.stderr


def test_cli__extract_text_reports_bad_lines_and_keeps_going() -> None:
    stdin = 'not json\n{"id": 2}\n{"id": 3, "text": "The hinge broke."}\n'
    result = cli("extract-text", stdin=stdin)
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["error"].startswith("line 1:") and out[1]["error"].startswith("line 2:")
    assert out[2]["id"] == 3 and out[2]["opinions"][0]["aspect"] == "hinge"


def test_cli__extract_text_answers_every_line_of_a_stream_holding_a_lone_surrogate() -> None:
    text = "The screen is great \\ud800 and the fan is loud."  # JSON's escape, as sent
    stdin = (
        f'{{"id": "a\\udc00", "text": "{text}"}}\n{{"id": 2, "text": "The battery is awful."}}\n'
    )
    result = cli("extract-text", stdin=stdin)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "a\udc00"  # given back as sent
    given = json.loads(f'"{text}"')
    for o in first["opinions"]:
        start, end = o["aspect_span"]
        assert len(given[start:end]) == len(o["aspect_text"])
    assert {o["aspect"] for o in first["opinions"]} >= {"screen", "fan"}
    assert second["opinions"][0]["aspect"] == "battery"


def test_cli__migrate_twice_says_up_to_date(db: str) -> None:
    result = cli("migrate", db=db)
    assert result.returncode == 0 and "schema is up to date" in result.stdout


def test_cli__unreachable_database_is_one_clear_line() -> None:
    result = cli("migrate", db="postgresql://nobody:s3cret@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "cannot connect to postgresql://nobody:***@127.0.0.1:1/none" in result.stderr
    assert "s3cret" not in result.stderr


def test_cli__the_demo_raises_its_sync_spike_as_an_alert(db: str) -> None:
    assert cli("run", "--config", str(ROOT / "config" / "demo.yaml"), db=db).returncode == 0
    result = cli("alerts", "--as-of", "2026-11-19", db=db)
    assert result.returncode == 0, result.stderr
    assert "1 new alert(s) stored" in result.stdout
    query = next(
        q
        for q in re.findall(r"```sql\n(.+?)```", (ROOT / "docs" / "queries.md").read_text(), re.S)
        if "FROM reviews.alert_history" in q
    )
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute("SET ROLE reviews_reader")
        cursor.execute(query)
        rows = cursor.fetchall()
    connection.close()
    assert [(r[0], r[1], r[3]) for r in rows] == [("tidy-notes", "sync", 6)]
    # the same again stores nothing new
    assert "0 new alert(s) stored" in cli("alerts", "--as-of", "2026-11-19", db=db).stdout


def test_cli__report_to_a_folder_says_so(db: str, tmp_path: Path) -> None:
    result = cli("report", "--output", str(tmp_path), db=db)
    assert result.returncode == 2
    assert f"--output {tmp_path} is a folder: give a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_write__a_full_disk_keeps_the_earlier_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from pipeline.cli import _write
    from pipeline.errors import PipelineError

    report = tmp_path / "report.html"
    report.write_text("the earlier report", encoding="utf-8")

    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(PipelineError, match=r"cannot write .*report\.html: No space left"):
        _write("the new report", report, sys.stdout)
    monkeypatch.undo()
    assert report.read_text(encoding="utf-8") == "the earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # nothing half-written left


def test_database_problem__a_lost_connection_is_one_line_and_safe_to_rerun() -> None:
    import psycopg2

    from pipeline.cli import _database_problem

    lost = psycopg2.OperationalError("server closed the connection unexpectedly\nThis probably…")
    message, status = _database_problem(lost)  # type: ignore[misc]
    assert status == 1 and "\n" not in message
    assert message.startswith("lost the connection to the database (server closed the connection")
    assert _database_problem(ValueError("x")) is None


def test_cli__extract_text_answers_each_line_before_the_next_is_sent() -> None:
    import select

    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract-text"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for number in (1, 2):
            process.stdin.write(json.dumps({"id": number, "text": "The battery is great."}) + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 120)
            assert ready, "no answer while the next line is not sent"
            assert json.loads(process.stdout.readline())["id"] == number
    finally:
        process.stdin.close()
        process.wait(timeout=120)
    assert process.returncode == 0


def test_extract_each__a_text_that_fails_is_its_own_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.nlp
    from pipeline.cli import _extract_each

    def extract(nlp: object, texts: list[str]) -> list[list[object]]:
        if any("boom" in text for text in texts):
            raise RuntimeError("cannot read this one")
        return [[] for _ in texts]

    monkeypatch.setattr(pipeline.nlp, "extract_opinions", extract)
    found = _extract_each(None, ["fine", "boom", "also fine"])
    assert found[0] == [] and found[2] == []
    assert isinstance(found[1], RuntimeError) and str(found[1]) == "cannot read this one"
