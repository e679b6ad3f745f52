"""Command line: ``python -m pipeline COMMAND`` (see ``--help`` of each command)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TextIO

from pipeline import __version__
from pipeline.config import DEFAULT_CONFIG, SOURCE_TYPES, Config, Settings, load_config
from pipeline.errors import ConfigError, PipelineError
from pipeline.nlp.themes import DEFAULT_KIND, KINDS
from pipeline.text import SURROGATES

log = logging.getLogger("pipeline")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 ok, 1 work failed, 2 usage or config error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    try:
        return int(args.command(args))
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a database answer the commands cannot go on from
        problem = _database_problem(error)
        if problem is None:
            raise
        message, status = problem
        print(f"error: {message}", file=sys.stderr)
        return status


def _database_problem(error: Exception) -> tuple[str, int] | None:
    """A database error said in one line with its exit status, or None for any other error."""
    import psycopg2

    if isinstance(error, psycopg2.errors.UndefinedTable | psycopg2.errors.InvalidSchemaName):
        return (
            "the database has no reviews schema, or an older one: run "
            "`python -m pipeline migrate` first",
            2,
        )
    if isinstance(error, psycopg2.OperationalError | psycopg2.InterfaceError):
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return (
            f"lost the connection to the database ({first}); what the step was writing was "
            "rolled back, so running it again is safe",
            1,
        )
    return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Pull public posts about products, extract pros and cons, store them.",
        epilog="DATABASE_URL selects the database; unset, an embedded PostgreSQL under .data/.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(command=handler)
        return sub

    command("migrate", _migrate, "bring the database schema to the newest version (idempotent)")

    ingest = command("ingest", _ingest, "pull new posts and print counts per product and source")
    _config_option(ingest)
    ingest.add_argument("--product", metavar="SLUG", help="only this product")
    ingest.add_argument(
        "--source", metavar="TYPE", choices=SOURCE_TYPES, help="only this source type"
    )

    extract = command("extract", _extract, "extract opinions from new, changed or outdated posts")
    extract.add_argument("--limit", type=_positive, metavar="N", help="at most N posts")
    extract.add_argument(
        "--processes",
        type=_positive,
        metavar="N",
        help="parse in N processes (default REVIEWS_EXTRACT_PROCESSES, else 1)",
    )

    run = command(
        "run", _run, "migrate, ingest, extract, then print the report: the whole job once"
    )
    _config_option(run)

    report = command("report", _report, "top pros and cons per product, with trend and quotes")
    report.add_argument("--product", metavar="SLUG", help="only this product")
    report.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="only opinions posted on or after DATE (YYYY-MM-DD)",
    )
    report.add_argument(
        "--until",
        type=_date,
        metavar="DATE",
        help="only opinions posted on or before DATE (YYYY-MM-DD)",
    )
    report.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="count the 30-day windows back from the end of DATE (default: the end of --until, "
        "else now); the views do the same under SET reviews.as_of",
    )
    report.add_argument("--format", choices=("table", "json", "html"), default="table")
    report.add_argument(
        "--output", type=Path, metavar="PATH", help="write to PATH instead of the terminal"
    )

    extract_text = command(
        "extract-text",
        _extract_text,
        'read JSON lines {"id", "text"} on stdin, write one line of opinions per input',
    )
    extract_text.add_argument(
        "--config",
        type=Path,
        help="configuration whose product names attribute opinions, each filed by its kind",
    )
    extract_text.add_argument(
        "--kind",
        choices=KINDS,
        default=DEFAULT_KIND,
        help="the kind of product the text is about, whose themes file its opinions "
        f"(default: {DEFAULT_KIND})",
    )

    evaluate = command(
        "evaluate", _evaluate, "pros/cons precision, recall and F1 against annotated corpora"
    )
    evaluate.add_argument(
        "--format",
        required=True,
        choices=("semeval2014", "semeval2015", "semeval2016", "liu", "steam"),
        help="steam: saved Steam reviews responses, scored against each writer's thumbs",
    )
    evaluate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    evaluate.add_argument(
        "--categories",
        action="store_true",
        help="semeval2014 restaurants: score themes against the aspect categories",
    )
    evaluate.add_argument(
        "--kind",
        choices=KINDS,
        default=None,
        help="file opinions by this kind's themes (default: restaurant with --categories, "
        "game with steam)",
    )
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument(
        "--examples", type=int, default=0, metavar="N", help="also print N false and N missed"
    )

    forget = command(
        "forget-author",
        _forget_author,
        "delete every post one person wrote on a source, and never collect them again",
    )
    forget.add_argument("--source", required=True, choices=SOURCE_TYPES, help="the source")
    forget.add_argument("--author", required=True, metavar="NAME", help="their user name there")

    alerts = command(
        "alerts", _alerts, "store spikes in cons as alerts and send them to the webhook"
    )
    alerts.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="look for spikes in the periods up to the end of DATE (default: now)",
    )

    db = command("db", _db, "the embedded database: print its URL, or stop it")
    db.add_argument("action", choices=("url", "stop"))
    return parser


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=DEFAULT_CONFIG,
        help=f"products and sources (default {DEFAULT_CONFIG})",
    )


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return int(value)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
        stream=sys.stderr,
    )
    for noisy in ("yoyo", "urllib3", "prawcore", "pgserver"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _database() -> tuple[Settings, str]:
    from pipeline.store import database_url

    settings = Settings.from_env()
    return settings, database_url(settings)


def _migrate(args: argparse.Namespace) -> int:
    from pipeline.store import migrate

    _, url = _database()
    applied = migrate(url)
    print(
        f"applied {len(applied)} migration(s): {', '.join(applied)}"
        if applied
        else "schema is up to date"
    )
    return 0


def _ingest(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    settings, url = _database()
    return 1 if _run_ingest(config, settings, url, args.product, args.source) else 0


def _run_ingest(
    config: Config,
    settings: Settings,
    url: str,
    product: str | None = None,
    source: str | None = None,
) -> int:
    """Ingest and print a line per (product, source); return how many failed."""
    from tqdm import tqdm

    from pipeline.ingest import ingest, targets

    if not targets(config, product, source):
        asked = " ".join(
            f"--{name} {value}"
            for name, value in (("product", product), ("source", source))
            if value
        )
        configured = "; ".join(
            f"{p.slug}: {', '.join(s.type for s in p.sources) or 'no sources'}"
            for p in config.products
        )
        raise ConfigError(
            f"{config.path}: no source to ingest{' for ' + asked if asked else ''} "
            f"(configured: {configured})"
        )
    failed = 0
    with tqdm(desc="ingest", unit=" posts", file=sys.stderr, disable=None, leave=False) as bar:
        rows = list(ingest(config, url, settings, product, source, progress=bar.update))
    print(
        f"{'product':<16} {'source':<32} {'fetched':>7} {'new':>6} {'updated':>7} "
        f"{'deleted':>7} {'rejected':>8}  status"
    )
    for c in rows:
        status = "ok" if not c.failed else f"FAILED: {c.error}"
        failed += c.failed
        print(
            f"{c.product:<16} {(c.source + ':' + c.label)[:32]:<32} {c.fetched:>7} {c.new:>6} "
            f"{c.updated:>7} {c.deleted:>7} {c.rejected:>8}  {status}"
        )
    return failed


def _extract(args: argparse.Namespace) -> int:
    settings, url = _database()
    if args.processes:
        settings = replace(settings, extract_processes=args.processes)
    _run_extract(settings, url, args.limit)
    return 0


def _run_extract(settings: Settings, url: str, limit: int | None = None) -> None:
    from tqdm import tqdm

    from pipeline.extract import extract

    with tqdm(desc="extract", unit=" posts", file=sys.stderr, disable=None, leave=False) as bar:
        counts = extract(url, settings, limit=limit, progress=bar.update)
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(counts.skipped_reasons.items()))
    print(
        f"extracted {counts.extracted} post(s), {counts.opinions} opinion(s); "
        f"skipped {counts.skipped}"
        + (f" ({reasons})" if reasons else "")
        + (f"; {counts.cut} long post(s) analysed in part" if counts.cut else "")
    )


def _run(args: argparse.Namespace) -> int:
    from pipeline.report import build_report, render_table
    from pipeline.store import migrate

    config = load_config(args.config)
    settings, url = _database()
    migrate(url)
    failed = _run_ingest(config, settings, url)
    _run_extract(settings, url)
    print()
    print(render_table(build_report(url)))
    return 1 if failed else 0


def _report(args: argparse.Namespace) -> int:
    from pipeline.report import build_report, render_html, render_json, render_table

    _, url = _database()
    as_of = None
    if args.as_of is not None:
        as_of = datetime.combine(args.as_of + timedelta(days=1), time(), UTC)
    reports = build_report(url, args.product, args.since, args.until, as_of)
    if args.product and not reports:
        from pipeline.report import product_slugs

        known = ", ".join(product_slugs(url)) or "none yet"
        raise ConfigError(f"no product {args.product!r} in the database (known: {known})")
    if args.format == "json":
        text = render_json(reports)
    elif args.format == "html":
        text = render_html(reports, generated_at=datetime.now(UTC))
    else:
        text = render_table(reports)
    _write(text, args.output, sys.stdout)
    return 0


def _write(text: str, output: Path | None, stream: TextIO) -> None:
    if output is None:
        stream.write(text)
        return
    if output.is_dir():
        raise ConfigError(
            f"--output {output} is a folder: give a file, such as {output / 'report'}"
        )
    partial = output.with_name(f".{output.name}.partial")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)  # whole or not at all: an earlier report is kept on failure
    except OSError as error:  # a full disk, no permission
        partial.unlink(missing_ok=True)
        raise PipelineError(f"cannot write {output}: {error.strerror or error}") from None
    print(f"wrote {output}", file=sys.stderr)


def _extract_text(args: argparse.Namespace) -> int:
    from pipeline.nlp import analysed_length, shared_extractor
    from pipeline.nlp.themes import product_taxonomy, taxonomy

    products = {}
    taxonomies = {}
    if args.config:
        config = load_config(args.config)
        products = {p.slug: [p.name, *p.aliases] for p in config.products}
        taxonomies = {p.slug: product_taxonomy(p.kind, p.theme_entries()) for p in config.products}
    nlp = shared_extractor(Settings.from_env().spacy_model, products)
    default = taxonomy(args.kind)
    bad = 0
    for batch in _line_batches(sys.stdin):
        answers: dict[int, dict[str, Any]] = {}
        readable: list[tuple[int, dict[str, Any], str]] = []
        for number, line in batch:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ValueError("expected an object with a string 'text'")
            except ValueError as error:
                message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
                answers[number] = {"id": None, "line": number, "error": f"line {number}: {message}"}
                continue
            # A lone surrogate ("\ud800" is valid JSON) is read as U+FFFD: one character for
            # one, so the spans still index the text as given.
            readable.append((number, record, SURROGATES.sub("\ufffd", record["text"])))
        for (number, record, text), found in zip(
            readable, _extract_each(nlp, [text for _, _, text in readable]), strict=True
        ):
            if isinstance(found, Exception):  # one record's failure is its answer
                log.error("line %d could not be extracted: %s", number, found)
                answers[number] = {"id": record.get("id"), "line": number, "error": str(found)}
                continue
            # An opinion on a configured product named in it is filed by that product's kind.
            filed = [taxonomies.get(o.product or "", default).file(o, text) for o in found]
            filed += default.implied(text, filed)
            out: dict[str, Any] = {"id": record.get("id"), "opinions": [o.as_json() for o in filed]}
            read = analysed_length(text)
            if read < len(text):
                out["analysed_characters"] = read  # a long text is read up to here only
            answers[number] = out
        bad += sum(1 for answer in answers.values() if "error" in answer)
        for number in sorted(answers):
            print(_json_line(answers[number]))
        sys.stdout.flush()  # a batch's answers at once: a reader waiting on them gets them
    if bad:
        print(
            f"error: {bad} input line(s) could not be read (see their output lines)",
            file=sys.stderr,
        )
    return 1 if bad else 0


#: The most lines extract-text parses together (one nlp.pipe call): the lines already read
#: when it is ready, so a reader that sends one line and waits has its answer at once.
EXTRACT_TEXT_BATCH = 64


def _line_batches(stream: TextIO) -> Iterator[list[tuple[int, str]]]:
    """Numbered lines of ``stream`` in batches: the next line waited for, then every line
    already read, up to EXTRACT_TEXT_BATCH. A thread reads ahead, at most a few batches."""
    import queue
    import threading

    ahead: queue.Queue[tuple[int, str] | None] = queue.Queue(maxsize=4 * EXTRACT_TEXT_BATCH)

    def read() -> None:
        for number, line in enumerate(stream, start=1):
            ahead.put((number, line))
        ahead.put(None)

    threading.Thread(target=read, name="extract-text-reader", daemon=True).start()
    while (first := ahead.get()) is not None:
        batch = [first]
        while len(batch) < EXTRACT_TEXT_BATCH:
            try:
                following = ahead.get_nowait()
            except queue.Empty:
                break
            if following is None:
                yield batch
                return
            batch.append(following)
        yield batch


def _extract_each(nlp: Any, texts: list[str]) -> list[Any]:
    """The opinions of each text, parsed together; where that fails, each text alone, so a
    text that cannot be read gets its exception as its answer and costs the others nothing."""
    from pipeline.nlp import extract_opinions

    try:
        return list(extract_opinions(nlp, texts))
    except Exception:
        log.exception("a batch of %d text(s) failed; reading them one by one", len(texts))
    found: list[Any] = []
    for text in texts:
        try:
            (opinions,) = extract_opinions(nlp, [text])
            found.append(opinions)
        except Exception as error:
            found.append(error)
    return found


def _json_line(value: dict[str, Any]) -> str:
    """One output line: UTF-8 as written, or escaped where a value holds a lone surrogate
    (which UTF-8 cannot carry)."""
    line = json.dumps(value, ensure_ascii=False)
    return json.dumps(value) if SURROGATES.search(line) else line


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import Format, evaluate
    from pipeline.nlp import shared_extractor

    nlp = shared_extractor(Settings.from_env().spacy_model)
    if args.format == "steam":
        return _evaluate_steam(args, nlp)
    if args.categories:
        if args.format != "semeval2014":
            raise ConfigError("--categories scores SemEval-2014 restaurant files: use semeval2014")
        return _evaluate_categories(args, nlp)
    # SemEval-2016 subtask 1 files share the 2015 format.
    file_format: Format = "semeval2015" if args.format == "semeval2016" else args.format
    score = evaluate(nlp, args.files, file_format, keep_examples=args.examples)
    f = score.figures()
    if args.json:
        print(json.dumps({"format": args.format, "files": [str(p) for p in args.files], **f}))
    else:
        print(
            f"{len(args.files)} file(s), {f['sentences']} sentences, "
            f"{f['gold']} gold pros/cons, {f['predicted']} predicted"
        )
        for label, prefix in (("pros/cons", ""), ("pros     ", "pros_"), ("cons     ", "cons_")):
            print(
                f"{label}  precision {f[prefix + 'precision']:.3f}  "
                f"recall {f[prefix + 'recall']:.3f}  F1 {f[prefix + 'f1']:.3f}"
            )
        print(
            f"aspects    precision {f['aspect_precision']:.3f}  "
            f"recall {f['aspect_recall']:.3f}  F1 {f['aspect_f1']:.3f}"
        )
        print(f"polarity accuracy on matched aspects {f['polarity_accuracy']:.3f}")
        _print_examples(score.examples)
    return 0


def _evaluate_categories(args: argparse.Namespace, nlp: Any) -> int:
    from pipeline.evaluate import evaluate_categories

    kind = args.kind or "restaurant"
    score = evaluate_categories(nlp, args.files, kind, keep_examples=args.examples)
    f = score.figures()
    if args.json:
        print(json.dumps({"format": "semeval2014", "categories_of": kind, **f}))
        return 0
    print(
        f"{len(args.files)} file(s), {f['sentences']} sentences, {f['gold']} gold "
        f"(category, polarity) pairs, {f['predicted']} predicted; themes of kind {kind}"
    )
    print(
        f"theme+polarity  precision {f['precision']:.3f}  recall {f['recall']:.3f}  "
        f"F1 {f['f1']:.3f}"
    )
    for category, c in f["categories"].items():
        print(
            f"  {category:<24} precision {c['precision']:.3f}  recall {c['recall']:.3f}  "
            f"F1 {c['f1']:.3f}  ({c['gold']} gold)"
        )
    _print_examples(score.examples)
    return 0


def _evaluate_steam(args: argparse.Namespace, nlp: Any) -> int:
    from tqdm import tqdm

    from pipeline.evaluate import STEAM_MIN_WORDS, evaluate_steam

    with tqdm(desc="evaluate", unit=" reviews", file=sys.stderr, disable=None, leave=False) as bar:
        score = evaluate_steam(
            nlp, args.files, args.examples, progress=bar.update, kind=args.kind or "game"
        )
    f = score.figures()
    if args.json:
        print(json.dumps({"format": "steam", "files": [str(p) for p in args.files], **f}))
        return 0
    print(
        f"{len(args.files)} file(s), {f['reviews']} English reviews of {STEAM_MIN_WORDS}+ words "
        f"({f['not_recommended']} not recommended), {f['opinions']} opinions"
    )
    print(f"con recall     {f['con_recall']:.3f}  (not-recommended reviews with a con)")
    print(f"pro recall     {f['pro_recall']:.3f}  (recommended reviews with a pro)")
    print(f"agreement      {f['agreement']:.3f}  (reviews leaning one way that lean the writer's)")
    print(f"silent         {f['silent']:.3f}  (reviews with no opinion)")
    print(f"overall share  {f['overall_share']:.3f}  (opinions on the game as a whole)")
    print(f"themed share   {f['themed_share']:.3f}  (opinions under a theme: not overall, other)")
    _print_examples(score.examples)
    return 0


def _print_examples(examples: dict[str, list[tuple[str, str]]]) -> None:
    for kind, found in examples.items():
        print(f"\n{kind}:")
        for what, sentence in found:
            print(f"  {what:<28} {sentence}")


def _forget_author(args: argparse.Namespace) -> int:
    from pipeline.maintenance import forget_author

    settings, url = _database()
    deleted = forget_author(url, settings, args.source, args.author)
    print(
        f"forgot that author on {args.source}: {deleted} post(s) deleted with their opinions; "
        "their posts will not be collected again"
    )
    return 0


def _alerts(args: argparse.Namespace) -> int:
    from pipeline.alerts import run_alerts

    settings, url = _database()
    now = None
    if args.as_of is not None:
        now = datetime.combine(args.as_of + timedelta(days=1), time(), UTC) - timedelta(seconds=1)
    counts = run_alerts(url, settings, now)
    sent = (
        f"{counts.notified} sent to the webhook, {counts.failed} not delivered"
        if settings.alert_webhook
        else "no webhook set (REVIEWS_ALERT_WEBHOOK), so none sent"
    )
    print(f"{counts.raised} new alert(s) stored; {sent}")
    return 1 if counts.failed else 0


def _db(args: argparse.Namespace) -> int:
    from pipeline.store.connection import redact, stop_embedded

    settings = Settings.from_env()
    if args.action == "stop":
        if settings.database_url:
            raise ConfigError("DATABASE_URL is set: there is no embedded database to stop")
        stopped = stop_embedded(settings.data_dir)
        print(
            "stopped the embedded PostgreSQL"
            if stopped
            else "the embedded PostgreSQL is not running"
        )
        return 0
    _, url = _database()
    print(redact(url))
    return 0
