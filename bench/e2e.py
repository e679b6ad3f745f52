"""One end-to-end run in its own process: ``python -m bench.e2e CONFIG`` with DATABASE_URL set.

Ingests the config's sources and extracts every due post, as ``python -m pipeline run`` does
without the report; prints one JSON line with the counts and this process's peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys

from pipeline.config import Settings, load_config
from pipeline.extract import extract
from pipeline.ingest import ingest
from pipeline.store import database_url


def main(config_path: str) -> None:
    settings = Settings.from_env()
    url = database_url(settings)
    new = sum(c.new for c in ingest(load_config(config_path), url, settings))
    counts = extract(url, settings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"new": new, "extracted": counts.posts, "peak_rss_mb": peak_mb}))


if __name__ == "__main__":
    main(sys.argv[1])
