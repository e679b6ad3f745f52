"""Alerts: aspects whose cons rise sharply, stored once each and sent to a webhook.

A *period* is a fixed window of ``alert_period_hours`` aligned to the Unix epoch (with the
default of 24 hours: a UTC day). Each run looks at the period containing ``now`` and the one
before it (so posts that arrive late still count), and compares each aspect's cons in the
period, counted once per post, with their mean per period over the ``alert_baseline_periods``
periods before it. An aspect alerts when its cons reach both ``alert_min_cons`` and
``alert_ratio`` times that mean (a mean under 1 counts as 1, so a new complaint needs at least
``max(alert_min_cons, alert_ratio)`` posts). ``reviews.alerts`` keeps one row per (product,
aspect, period), so an alert is raised once however often the detection runs.

With ``REVIEWS_ALERT_WEBHOOK`` set, each new alert is POSTed there as a Slack-compatible
message (``text`` plus ``blocks``); a failed delivery is recorded on the alert and tried again
by the next run, up to ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pipeline.config import Settings
from pipeline.errors import SourceError
from pipeline.sources.http import HttpClient, HttpPolicy
from pipeline.store import connect
from pipeline.store.queries import query
from pipeline.store.writes import recorded_run
from pipeline.text import http_url

log = logging.getLogger(__name__)

#: Deliveries tried per alert (over successive runs) before it is left as stored only.
MAX_ATTEMPTS = 5
#: One run's patience with the webhook: a few quick retries; later runs try again.
WEBHOOK_POLICY = HttpPolicy(read_timeout=15.0, max_attempts=3, backoff=1.0, max_backoff=10.0)
QUOTE_LIMIT = 300


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class AlertCounts:
    raised: int = 0
    notified: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"raised": self.raised, "notified": self.notified, "failed": self.failed}


def period_containing(moment: datetime, hours: int) -> Period:
    """The epoch-aligned period of ``hours`` that contains ``moment``."""
    length = timedelta(hours=hours)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    start = epoch + ((moment.astimezone(UTC) - epoch) // length) * length
    return Period(start, start + length)


def detect(url: str, settings: Settings, now: datetime | None = None) -> list[int]:
    """Store the spikes of the current and the previous period; return the new alerts' ids."""
    now = now or datetime.now(UTC)
    current = period_containing(now, settings.alert_period_hours)
    length = current.end - current.start
    new: list[int] = []
    with connect(url) as connection, connection.cursor() as cursor:
        for period in (Period(current.start - length, current.start), current):
            cursor.execute(
                query("detect_spikes"),
                {
                    "baseline_start": period.start - settings.alert_baseline_periods * length,
                    "period_start": period.start,
                    "period_end": period.end,
                    "baseline_periods": settings.alert_baseline_periods,
                    "min_cons": settings.alert_min_cons,
                    "ratio": settings.alert_ratio,
                },
            )
            for product, aspect, cons, baseline, evidence in cursor.fetchall():
                cursor.execute(
                    query("insert_alert"),
                    {
                        "product": product,
                        "aspect": aspect,
                        "period_start": period.start,
                        "period_end": period.end,
                        "cons": cons,
                        "baseline": baseline,
                        "baseline_periods": settings.alert_baseline_periods,
                        "evidence": list(evidence or []),
                    },
                )
                row = cursor.fetchone()
                if row:
                    new.append(int(row[0]))
                    log.info(
                        "alert: %s %s: %d post(s) with cons in %s, baseline %.1f per period",
                        product,
                        aspect,
                        cons,
                        period.start.isoformat(),
                        baseline,
                    )
        connection.commit()
    return new


def notify(url: str, settings: Settings, now: datetime | None = None) -> AlertCounts:
    """Send the alerts the webhook has not accepted yet; record each outcome."""
    if not settings.alert_webhook:
        return AlertCounts()
    now = now or datetime.now(UTC)
    since = now - max(timedelta(hours=settings.alert_period_hours), timedelta(days=1)) * 2
    client = HttpClient(settings.alert_webhook, contact=settings.contact, policy=WEBHOOK_POLICY)
    notified = failed = 0
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(query("pending_alerts"), {"max_attempts": MAX_ATTEMPTS, "since": since})
        for (
            alert_id,
            product,
            name,
            aspect,
            start,
            end,
            cons,
            baseline,
            evidence,
        ) in cursor.fetchall():
            cursor.execute(query("alert_quotes"), {"ids": list(evidence)})
            quotes = [
                {"sentence": s, "url": u, "source": src, "posted_at": t}
                for _, s, u, src, t in cursor.fetchall()
            ]
            message = slack_message(
                product=product,
                name=name,
                aspect=aspect,
                period=Period(start, end),
                cons=cons,
                baseline=baseline,
                quotes=quotes,
            )
            try:
                client.post_json(message, label="the alert webhook")
            except SourceError as error:
                failed += 1
                log.warning("alert %d (%s %s) not delivered: %s", alert_id, product, aspect, error)
                cursor.execute(query("alert_notify_failed"), {"id": alert_id, "error": str(error)})
            else:
                notified += 1
                cursor.execute(query("alert_notified"), {"id": alert_id})
            connection.commit()
    return AlertCounts(notified=notified, failed=failed)


def run_alerts(url: str, settings: Settings, now: datetime | None = None) -> AlertCounts:
    """Detect, store and send; recorded in ``reviews.runs`` as kind ``alerts``."""

    def work(_: Any) -> dict[str, int]:
        raised = detect(url, settings, now)
        sent = notify(url, settings, now)
        return AlertCounts(len(raised), sent.notified, sent.failed).as_dict()

    return AlertCounts(**recorded_run(url, "alerts", work))


def slack_message(
    *,
    product: str,
    name: str,
    aspect: str,
    period: Period,
    cons: int,
    baseline: float,
    quotes: list[dict[str, Any]],
) -> dict[str, Any]:
    """A Slack-compatible message (``text`` for notifications, ``blocks`` for the layout)."""
    ratio = cons / max(baseline, 1.0)
    when = f"{period.start:%Y-%m-%d %H:%M}–{period.end:%H:%M} UTC"
    summary = (
        f"{_escape(name)}: complaints about {_escape(aspect)} rose to {cons} post(s) in {when}, "
        f"{ratio:.1f}× the usual {baseline:.1f} per period"
    )
    fields = {
        "Product": f"{_escape(name)} (`{product}`)",
        "Aspect": _escape(aspect),
        "Posts with cons": str(cons),
        "Baseline per period": f"{baseline:.1f}",
        "Change": f"{ratio:.1f}× ({cons - baseline:+.1f})",
        "Period": when,
    }
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": f"Complaints spike: {name} · {aspect}"[:150]},
        },
        {
            "type": "section",
            "fields": [{"type": "mrkdwn", "text": f"*{k}*\n{v}"} for k, v in fields.items()],
        },
    ]
    for quote in quotes[:3]:
        text = _escape(_shorten(quote["sentence"] or ""))
        url = http_url(quote.get("url"))  # never a javascript: link, never a <!channel> ping
        link = f"<{url}|{_escape(quote['source'])} post>" if url else _escape(quote["source"])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f">{text}\n{link}"}})
    return {"text": summary, "blocks": blocks}


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


def _escape(text: str) -> str:
    """Slack's mrkdwn escapes: only &, < and > are special."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
