"""The report: top pros and cons per product with counts, trend and an example quote each."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from pipeline.store import connect
from pipeline.store.queries import query

TOP_ASPECTS = 5
QUOTE_WIDTH = 160


@dataclass(frozen=True)
class AspectLine:
    aspect: str
    polarity: str
    mentions: int
    recent: int
    previous: int
    quote: str | None
    url: str | None
    source: str | None

    @property
    def trend(self) -> str:
        """An arrow comparing the last 30 days with the 30 before."""
        if self.recent > self.previous:
            return "↑"
        if self.recent < self.previous:
            return "↓"
        return "→"


@dataclass(frozen=True)
class ProductReport:
    product: str
    name: str
    posts: int
    opinions: int
    average_rating: float | None
    rated_posts: int
    pros: list[AspectLine] = field(default_factory=list)
    cons: list[AspectLine] = field(default_factory=list)


def build_report(
    url: str, product: str | None = None, since: date | None = None
) -> list[ProductReport]:
    """Read the report's figures from the product-manager views."""
    reports = []
    params: dict[str, Any] = {"product": product, "since": since}
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(query("report_products"), params)
        products = cursor.fetchall()
        for slug, name, posts, opinions, average_rating, rated in products:
            scoped = {"product": slug, "since": since}
            cursor.execute(query("report_quotes"), scoped)
            quotes = {(a, p): (s, u, src) for a, p, s, u, src, _ in cursor.fetchall()}
            cursor.execute(query("report_aspects"), scoped)
            lines = [
                AspectLine(
                    aspect, polarity, mentions, recent, previous, *quotes[(aspect, polarity)]
                )
                for aspect, polarity, mentions, recent, previous in cursor.fetchall()
            ]
            reports.append(
                ProductReport(
                    product=slug,
                    name=name,
                    posts=int(posts),
                    opinions=int(opinions),
                    average_rating=float(average_rating) if average_rating is not None else None,
                    rated_posts=int(rated),
                    pros=[line for line in lines if line.polarity == "pro"][:TOP_ASPECTS],
                    cons=[line for line in lines if line.polarity == "con"][:TOP_ASPECTS],
                )
            )
    return reports


def render_table(reports: list[ProductReport]) -> str:
    """A terminal summary: per product, top pros and cons with counts, trend and a quote."""
    if not reports:
        return "No products in the database yet: run `python -m pipeline ingest` first.\n"
    out: list[str] = []
    for report in reports:
        rating = (
            f", average rating {1 + 4 * report.average_rating:.1f}/5"
            f" over {report.rated_posts} reviews"
            if report.average_rating is not None
            else ""
        )
        header = (
            f"{report.name} ({report.product}): {report.posts} posts, "
            f"{report.opinions} opinions{rating}"
        )
        out += [header, "=" * min(len(header), 100)]
        for title, lines in (("Top pros", report.pros), ("Top cons", report.cons)):
            out.append(f"{title}:")
            if not lines:
                out.append("  (none found yet)")
            for line in lines:
                out.append(
                    f"  {line.aspect:<22} {line.mentions:>4}  {line.trend}  "
                    f"(last 30 days {line.recent}, before {line.previous})"
                )
                if line.quote:
                    quote = textwrap.shorten(
                        " ".join(line.quote.split()), QUOTE_WIDTH, placeholder=" …"
                    )
                    out.append(f"      “{quote}”")
            out.append("")
    return "\n".join(out)


def render_json(reports: list[ProductReport]) -> str:
    """The same figures as JSON, for other tools."""

    def encode(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    payload = [
        {**asdict(r), "pros": [_line(x) for x in r.pros], "cons": [_line(x) for x in r.cons]}
        for r in reports
    ]
    return json.dumps({"products": payload}, indent=2, ensure_ascii=False, default=encode) + "\n"


def _line(line: AspectLine) -> dict[str, Any]:
    return {**asdict(line), "trend": line.trend}
