"""The HTML report: chart geometry computed here, the page laid out by a Jinja2 template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from pipeline import __version__
from pipeline.report import AspectLine, ProductReport, ThemeLine, TrendPoint
from pipeline.text import http_url

PRO_COLOUR = "#1b873f"
CON_COLOUR = "#c62828"
BAR_ROW = 34
BAR_LABEL_WIDTH = 150
BAR_HALF_WIDTH = 150
TREND_WIDTH = 320
TREND_HEIGHT = 140
TREND_PAD = 28


@dataclass(frozen=True)
class Bar:
    aspect: str
    y: int
    pros: int
    cons: int
    pro_width: float
    con_width: float


@dataclass(frozen=True)
class TrendChart:
    aspect: str
    pro_points: str
    con_points: str
    peak: int
    first_week: str
    last_week: str
    #: The week under the middle of the x axis, where there are enough weeks to name one.
    middle_week: str = ""


def bars(report: ProductReport) -> tuple[list[Bar], int]:
    """Rows of the diverging bar chart (cons left, pros right) and the chart's height."""
    aspects = report.aspects()
    counts = [report.counts(a) for a in aspects]
    peak = max([max(p, c) for p, c in counts] or [1]) or 1
    rows = [
        Bar(
            aspect=aspect,
            y=30 + i * BAR_ROW,
            pros=pros,
            cons=cons,
            pro_width=round(BAR_HALF_WIDTH * pros / peak, 1),
            con_width=round(BAR_HALF_WIDTH * cons / peak, 1),
        )
        for i, (aspect, (pros, cons)) in enumerate(zip(aspects, counts, strict=True))
    ]
    return rows, 40 + len(rows) * BAR_ROW


def trend_chart(aspect: str, points: list[TrendPoint]) -> TrendChart:
    """Polylines of weekly pros and cons for one aspect."""
    peak = max([max(p.pros, p.cons) for p in points] or [1]) or 1
    inner_w = TREND_WIDTH - 2 * TREND_PAD
    inner_h = TREND_HEIGHT - 2 * TREND_PAD
    step = inner_w / max(len(points) - 1, 1)

    def line(values: list[int]) -> str:
        return " ".join(
            f"{TREND_PAD + i * step:.1f},{TREND_PAD + inner_h - inner_h * v / peak:.1f}"
            for i, v in enumerate(values)
        )

    return TrendChart(
        aspect=aspect,
        pro_points=line([p.pros for p in points]),
        con_points=line([p.cons for p in points]),
        peak=peak,
        first_week=points[0].week.isoformat() if points else "",
        last_week=points[-1].week.isoformat() if points else "",
        middle_week=points[len(points) // 2].week.isoformat() if len(points) >= 5 else "",
    )


def trend_class(line: AspectLine | ThemeLine) -> str:
    """The CSS class of a trend: good news green, bad news red, the rest muted."""
    if line.good is None:
        return "flat"
    return "good" if line.good else "bad"


def render(reports: list[ProductReport], generated_at: datetime) -> str:
    """The whole page."""
    environment = Environment(
        loader=PackageLoader("pipeline", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["http_url"] = http_url
    environment.globals["trend_class"] = trend_class
    products = []
    for report in reports:
        rows, height = bars(report)
        trends = [trend_chart(a, points) for a, points in report.trend.items() if points]
        products.append({"report": report, "bars": rows, "bar_height": height, "trends": trends})
    return environment.get_template("report.html.j2").render(
        products=products,
        generated_at=generated_at,
        version=__version__,
        pro=PRO_COLOUR,
        con=CON_COLOUR,
        label_width=BAR_LABEL_WIDTH,
        half_width=BAR_HALF_WIDTH,
        trend_width=TREND_WIDTH,
        trend_height=TREND_HEIGHT,
        trend_pad=TREND_PAD,
    )
