"""``python -m bench [NAME ...]``: run the benchmarks, print a table and one JSON line each."""

from __future__ import annotations

import argparse
import sys
import time

from bench.benchmarks import BENCHMARKS, DEFAULT
from bench.common import Figure, machine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"benchmarks to run: {', '.join(BENCHMARKS)} (default all but airflow-workers)",
    )
    parser.add_argument(
        "--shared",
        action="store_true",
        help="mix review sentences from ../shared/eval into the corpus, where present",
    )
    args = parser.parse_args(argv)
    if args.shared:
        import bench.corpus

        bench.corpus.USE_SHARED = True
    names = args.names or list(DEFAULT)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    print(f"# machine: {machine()}", flush=True)
    figures: list[Figure] = []
    for name in names:
        start = time.perf_counter()
        print(f"# running {name} ...", file=sys.stderr, flush=True)
        found = BENCHMARKS[name]()
        for figure in found:
            print(figure.as_json(), flush=True)
        print(f"# {name}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
        figures += found
    print()
    print(f"{'benchmark':<14} {'figure':<38} {'value':>14}  {'target':<9} met")
    for f in figures:
        met = "" if f.met is None else ("yes" if f.met else "NO")
        print(f"{f.benchmark:<14} {f.name:<38} {f.value:>12,.2f} {f.unit:<3} {f.target:<9} {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
