"""
### Review monitoring

Pulls new posts and reviews about every configured product, extracts their pros and cons,
checks the data and tells downstream DAGs that opinions changed.

* **prepare**: migrate the schema, store the products, list the (product, source) pairs;
* **ingest**: one mapped task per (product, source), retried with exponential backoff; a
  failing source fails only its own task, the others go on;
* **plan_extraction** and **extract**: one mapped task per batch of posts due for extraction;
* **check_quality**: SQL checks that must find nothing;
* **summarise**: counts of the run and the sources that failed;
* **publish**: emits the `review_opinions` asset when opinions were written;
* **watcher**: fails the run when any task failed, so a partial run is never green.

Configuration: `REVIEWS_CONFIG` (the products file), `DATABASE_URL`, and the other
`REVIEWS_*` settings in `.env.example`, all read when a task runs.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, task

REVIEW_OPINIONS = Asset(name="review_opinions", uri="reviews://opinions")

DEFAULT_ARGS = {
    "owner": "data-engineering",
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(minutes=30),
}


def _config_path() -> str:
    import os

    return os.environ.get("REVIEWS_CONFIG", "config/products.yaml")


@dag(
    dag_id="review_monitoring",
    schedule="@hourly",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["reviews", "ingest", "nlp"],
    doc_md=__doc__,
)
def review_monitoring() -> None:
    @task(retries=0)
    def prepare() -> list[dict]:
        from pipeline.jobs import prepare

        return prepare(_config_path())

    @task(map_index_template="{{ target.product }} {{ target.key }}")
    def ingest(target: dict) -> dict:
        from pipeline.jobs import ingest_source

        return ingest_source(_config_path(), target)

    @task(trigger_rule="all_done")
    def plan_extraction() -> list[dict]:
        from pipeline.jobs import plan_extraction

        return plan_extraction()

    @task(map_index_template="posts {{ batch.first_id }}–{{ batch.last_id }}")
    def extract(batch: dict) -> dict:
        from pipeline.jobs import extract_range

        return extract_range(batch)

    @task(trigger_rule="all_done", retries=0)
    def check_quality() -> dict:
        from pipeline.jobs import check_quality

        return check_quality()

    @task(trigger_rule="all_done", retries=0)
    def summarise(**context) -> dict:
        from pipeline.jobs import summarise

        summary = summarise(since=context["dag_run"].start_date)
        print(f"run summary: {summary}")
        return summary

    @task.short_circuit(ignore_downstream_trigger_rules=False)
    def opinions_written(summary: dict) -> bool:
        return summary["opinions_written"] > 0

    @task(outlets=[REVIEW_OPINIONS], retries=0)
    def publish(summary: dict) -> None:
        print(f"published {REVIEW_OPINIONS.name}: {summary['opinions_written']} opinion(s) written")

    @task(trigger_rule="one_failed", retries=0)
    def watcher() -> None:
        raise RuntimeError("a task of this run failed: see the failed task instances")

    targets = prepare()
    ingested = ingest.expand(target=targets)
    batches = plan_extraction()
    ingested >> batches
    extracted = extract.expand(batch=batches)
    checked = check_quality()
    extracted >> checked
    summary = summarise()
    checked >> summary
    gate = opinions_written(summary)  # type: ignore[arg-type]
    # TaskFlow resolves the XComArg to the upstream's dict when the task runs.
    gate >> publish(summary)  # type: ignore[arg-type]
    [targets, ingested, batches, extracted, checked, summary] >> watcher()


review_monitoring()
