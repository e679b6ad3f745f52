"""
### Review alerts

Runs whenever `review_monitoring` publishes the `review_opinions` asset. Finds aspects whose
cons rose sharply (this period against a trailing baseline), stores each in `reviews.alerts`
once, and posts it to the webhook in `REVIEWS_ALERT_WEBHOOK` (Slack-compatible JSON with the
product, aspect, counts, change and three quotes with links). Without a webhook, alerts are
only stored; product managers read them in `reviews.alert_history`.

Thresholds (environment): `REVIEWS_ALERT_PERIOD_HOURS` (24), `REVIEWS_ALERT_BASELINE_PERIODS`
(7), `REVIEWS_ALERT_MIN_CONS` (5), `REVIEWS_ALERT_RATIO` (3.0); see docs/alerts.md. The task
fails when an alert could not be delivered, and the retry (or the next run) sends it again.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import dag, task

from pipeline.dag_defaults import DEFAULT_ARGS, REVIEW_OPINIONS, START_DATE, max_active_tasks


@dag(
    dag_id="review_alerts",
    schedule=[REVIEW_OPINIONS],
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    max_active_tasks=max_active_tasks(),
    default_args={**DEFAULT_ARGS, "execution_timeout": timedelta(minutes=10)},
    tags=["reviews", "alerts"],
    doc_md=__doc__,
)
def review_alerts() -> None:
    @task
    def raise_alerts() -> dict:
        from pipeline.jobs import raise_alerts

        counts = raise_alerts()
        print(f"alerts: {counts}")
        return counts

    raise_alerts()


review_alerts()
