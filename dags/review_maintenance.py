"""
### Review maintenance

Daily upkeep of the reviews database:

* **purge_deleted**: looks recent Reddit items up again (those younger than
  `REVIEWS_REDDIT_RECHECK_DAYS`, default 7) and purges the text, title, author and opinions
  of those deleted or removed on Reddit, as Reddit's terms require;
* **apply_retention**: deletes posts older than their source's `retention_days`;
* **plan_reextraction** and **extract**: after an extractor upgrade every post is due again;
  extraction is mapped over them in batches (it also catches up anything monitoring left);
* **close_stale_runs**: marks failed the runs a stopped process left 'running' for longer than
  `REVIEWS_STALE_RUN_HOURS` (default 6);
* **clean_airflow_metadata**: `airflow db clean` of Airflow's own records older than
  `REVIEWS_AIRFLOW_RETENTION_DAYS` (default 30), so the metadata database stops growing.

Schedule: `REVIEWS_MAINTENANCE_SCHEDULE` (default `@daily`). See docs/deployment.md.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import dag, task

from pipeline.dag_defaults import (
    DEFAULT_ARGS,
    REDDIT_POOL,
    START_DATE,
    config_path,
    extract,
    max_active_tasks,
    plan_extraction,
    schedule,
)


@dag(
    dag_id="review_maintenance",
    schedule=schedule("REVIEWS_MAINTENANCE_SCHEDULE", "@daily"),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    max_active_tasks=max_active_tasks(),
    default_args={**DEFAULT_ARGS, "execution_timeout": timedelta(hours=2)},
    tags=["reviews", "maintenance", "compliance"],
    doc_md=__doc__,
)
def review_maintenance() -> None:
    @task(pool=REDDIT_POOL)
    def purge_deleted() -> dict:
        from pipeline.jobs import purge_deleted

        return purge_deleted(config_path())

    @task(trigger_rule="all_done")
    def apply_retention() -> dict:
        from pipeline.jobs import apply_retention

        return apply_retention(config_path())

    @task
    def close_stale_runs() -> dict:
        from pipeline.jobs import close_stale_runs

        return close_stale_runs()

    @task(retries=0)
    def clean_airflow_metadata() -> dict:
        from pipeline.jobs import clean_airflow_metadata

        return clean_airflow_metadata()

    purged = purge_deleted()
    expired = apply_retention()
    batches = plan_extraction.override(task_id="plan_reextraction")()
    purged >> expired >> batches
    extract.expand(batch=batches)
    close_stale_runs()
    clean_airflow_metadata()


review_maintenance()
