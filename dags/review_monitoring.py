"""
### Review monitoring

Pulls new posts and reviews about every configured product, extracts their pros and cons,
checks the data and tells downstream DAGs that opinions changed.

* **prepare**: migrate the schema, store the products, list the (product, source) pairs;
* **other_sources** / **reddit_sources**: split them, so Reddit's get their own pool;
* **ingest** / **ingest_reddit**: one mapped task per (product, source), or per group of
  sources where there are more than `REVIEWS_INGEST_MAX_TASKS` (64), retried with exponential
  backoff; Reddit's run one a source in the `reddit_api` pool, sized to its rate limit; a
  failing source is recorded and fails its task, the others (of its group too) are stored;
* **plan_extraction** and **extract**: one mapped task per batch of posts due for extraction
  (`REVIEWS_EXTRACT_BATCH_SIZE` posts each), spread over the workers;
* **check_quality**: SQL checks that must find nothing;
* **summarise**: counts of the run and the sources that failed;
* **publish**: emits the `review_opinions` asset when opinions were written, which starts
  `review_alerts`;
* **watcher**: fails the run when any task failed, so a partial run is never green.

Schedule: `REVIEWS_MONITORING_SCHEDULE` (default `@hourly`). Configuration: `REVIEWS_CONFIG`
(the products file), the `reviews_db` connection or `DATABASE_URL`, and the other `REVIEWS_*`
settings in `.env.example`, all read when a task runs. See docs/deployment.md.
"""

from __future__ import annotations

from airflow.sdk import dag, task

from pipeline.dag_defaults import (
    DEFAULT_ARGS,
    REDDIT_POOL,
    REVIEW_OPINIONS,
    START_DATE,
    config_path,
    extract,
    max_active_tasks,
    plan_extraction,
    schedule,
)


@dag(
    dag_id="review_monitoring",
    schedule=schedule("REVIEWS_MONITORING_SCHEDULE", "@hourly"),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    max_active_tasks=max_active_tasks(),
    default_args=DEFAULT_ARGS,
    tags=["reviews", "ingest", "nlp"],
    doc_md=__doc__,
)
def review_monitoring() -> None:
    @task(retries=0)
    def prepare() -> list[dict]:
        from pipeline.jobs import prepare

        return prepare(config_path())

    @task(retries=0)
    def select_sources(targets: list[dict], reddit: bool) -> list[list[dict]]:
        from pipeline.jobs import group_sources

        chosen = [t for t in targets if (t["source"] == "reddit") == reddit]
        # Reddit's tasks stay one a source: its pool bounds them, not their number.
        return [[t] for t in chosen] if reddit else group_sources(chosen)

    @task(
        map_index_template="{{ sources[0].product }} {{ sources[0].key }}"
        "{% if sources | length > 1 %} and {{ sources | length - 1 }} more{% endif %}"
    )
    def ingest(sources: list[dict]) -> list[dict]:
        from pipeline.jobs import ingest_sources

        return ingest_sources(config_path(), sources)

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
    others = select_sources.override(task_id="other_sources")(targets, reddit=False)  # type: ignore[arg-type]
    reddit = select_sources.override(task_id="reddit_sources")(targets, reddit=True)  # type: ignore[arg-type]
    ingested = ingest.expand(sources=others)
    ingested_reddit = ingest.override(task_id="ingest_reddit", pool=REDDIT_POOL).expand(
        sources=reddit
    )
    batches = plan_extraction()
    [ingested, ingested_reddit] >> batches
    extracted = extract.expand(batch=batches)
    checked = check_quality()
    extracted >> checked
    summary = summarise()
    checked >> summary
    gate = opinions_written(summary)  # type: ignore[arg-type]
    # TaskFlow resolves the XComArg to the upstream's dict when the task runs.
    gate >> publish(summary)  # type: ignore[arg-type]
    [
        targets,
        others,
        reddit,
        ingested,
        ingested_reddit,
        batches,
        extracted,
        checked,
        summary,
    ] >> watcher()


review_monitoring()
