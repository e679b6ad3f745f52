"""The report: top pros and cons per product with counts, trend and quotes (table, JSON, HTML)."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pipeline.nlp.aspects import OVERALL
from pipeline.nlp.themes import OTHER, Taxonomy, product_taxonomy
from pipeline.store import connect
from pipeline.store.queries import query

TOP_ASPECTS = 5
#: Aspects shown under each theme.
ASPECTS_PER_THEME = 5
TREND_ASPECTS = 3
QUOTES_PER_ASPECT = 3
QUOTE_WIDTH = 160
#: The report's windows: recent is the WINDOW up to the as-of, previous the WINDOW before.
WINDOW = timedelta(days=30)


def arrow(recent: int, previous: int) -> str:
    """How a count moved from the previous window to the recent one: an arrow, "new" where
    there was nothing before, and nothing where there is nothing in either."""
    if not previous:
        return "new" if recent else ""
    if recent > previous:
        return "↑"
    if recent < previous:
        return "↓"
    return "→"


def good_news(polarity: str, recent: int, previous: int) -> bool | None:
    """Whether a move is good news for the product: more pros or fewer cons. None where
    nothing moved or nothing was there before."""
    if not previous or recent == previous:
        return None
    return (recent > previous) == (polarity == "pro")


@dataclass(frozen=True)
class Quote:
    """A sentence that states an opinion, and where it was posted."""

    sentence: str
    url: str | None
    source: str
    posted_at: datetime


@dataclass(frozen=True)
class AspectLine:
    """One aspect's pros or cons in the report."""

    aspect: str
    polarity: str
    mentions: int
    recent: int
    previous: int
    quotes: list[Quote] = field(default_factory=list)

    @property
    def trend(self) -> str:
        """An arrow comparing the 30 days up to the as-of with the 30 before (see arrow)."""
        return arrow(self.recent, self.previous)

    @property
    def good(self) -> bool | None:
        """Whether the move is good news (more pros, fewer cons); None if none."""
        return good_news(self.polarity, self.recent, self.previous)


@dataclass(frozen=True)
class AspectCount:
    """One aspect under a theme, with the posts that praise and criticise it."""

    aspect: str
    pros: int
    cons: int


@dataclass(frozen=True)
class ThemeLine:
    """One theme of the product's kind: the posts with pros and cons filed under it (a post
    counts once), and its aspects."""

    theme: str
    label: str
    pros: int
    cons: int
    #: Cons in the last 30 days and the 30 before: whether complaints about it grow.
    recent: int
    previous: int
    aspects: list[AspectCount] = field(default_factory=list)
    #: Aspects of the theme seen in one post only, counted rather than listed.
    other_aspects: int = 0

    @property
    def mentions(self) -> int:
        return self.pros + self.cons

    @property
    def trend(self) -> str:
        """An arrow comparing the cons of the 30 days up to the as-of with the 30 before."""
        return arrow(self.recent, self.previous)

    @property
    def good(self) -> bool | None:
        """Whether the move is good news (fewer cons); None if none."""
        return good_news("con", self.recent, self.previous)


@dataclass(frozen=True)
class Coverage:
    """How much of a product's posts the report stands on: analysed, with an opinion, and
    what was not analysed, by reason ("language nl": 42)."""

    posts: int = 0
    analysed: int = 0
    with_opinions: int = 0
    pending: int = 0
    not_analysed: dict[str, int] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        return sum(self.not_analysed.values())

    def describe(self) -> str:
        """One line: "42 of 50 posts not analysed (Dutch 42)", or that all were read."""
        if not self.posts:
            return "no posts yet"
        read = f"{self.analysed} of {self.posts} posts analysed, {self.with_opinions} with opinions"
        if not self.skipped:
            return read + (f"; {self.pending} waiting for extraction" if self.pending else "")
        why = ", ".join(f"{reason_label(r)} {n}" for r, n in self.not_analysed.items())
        return f"{self.skipped} of {self.posts} posts not analysed ({why}); {read}"


def reason_label(reason: str) -> str:
    """A reason a post was not analysed, in words: "language nl" is "Dutch"."""
    if reason.startswith("language "):
        code = reason.removeprefix("language ")
        try:
            from babel import Locale, UnknownLocaleError

            return str(Locale.parse(code.replace("-", "_")).english_name)
        except (ValueError, UnknownLocaleError):
            return f"language {code}"
    return reason


@dataclass(frozen=True)
class RatingFigure:
    """One group of rated posts: how many, and their mean rating (0..1)."""

    label: str
    posts: int
    mean: float


@dataclass(frozen=True)
class SourceRatings:
    """A rated source of a product in its own terms: Steam's share of reviews that recommend
    (``thumbs``), other sources' average stars; in all, by week, by app version, by country."""

    source: str
    thumbs: bool
    overall: RatingFigure
    weekly: list[RatingFigure] = field(default_factory=list)
    by_version: list[RatingFigure] = field(default_factory=list)
    by_country: list[RatingFigure] = field(default_factory=list)

    def describe(self, figure: RatingFigure) -> str:
        """A figure in the source's terms: "65% recommend" or "3.6/5"."""
        if self.thumbs:
            return f"{figure.mean:.0%} recommend"
        return f"{1 + 4 * figure.mean:.1f}/5"

    def summary(self) -> str:
        """One line: in all, the last four weeks, the three most reviewed app versions and
        countries."""
        said = f"{self.source}: {self.describe(self.overall)} over {self.overall.posts}"
        for title, figures in (
            ("last weeks", self.weekly[-4:]),
            ("by version", self.by_version[:3]),
            ("by country", self.by_country[:3]),
        ):
            if figures:
                listed = ", ".join(f"{f.label} {self.describe(f)} ({f.posts})" for f in figures)
                said += f"; {title} {listed}"
        return said


@dataclass(frozen=True)
class TrendPoint:
    week: date
    pros: int
    cons: int


@dataclass(frozen=True)
class ProductReport:
    """Everything the report says about one product."""

    product: str
    name: str
    posts: int
    opinions: int
    average_rating: float | None
    rated_posts: int
    kind: str = "other"
    #: The time the windows are counted back from, and the first and last opinion in scope.
    as_of: datetime | None = None
    first_opinion: datetime | None = None
    last_opinion: datetime | None = None
    #: Share of Steam reviews that recommend, 0..1 (Steam has thumbs, not stars).
    recommended_share: float | None = None
    steam_reviews: int = 0
    coverage: Coverage = field(default_factory=Coverage)
    ratings: list[SourceRatings] = field(default_factory=list)
    themes: list[ThemeLine] = field(default_factory=list)
    pros: list[AspectLine] = field(default_factory=list)
    cons: list[AspectLine] = field(default_factory=list)
    trend: dict[str, list[TrendPoint]] = field(default_factory=dict)

    @property
    def stale(self) -> bool:
        """Whether no opinion falls in the recent window: then no arrow is drawn."""
        if self.as_of is None:
            return False
        return self.last_opinion is None or self.last_opinion <= self.as_of - WINDOW

    def window_note(self) -> str:
        """What the recent window is, and why there are no arrows when it is empty."""
        if self.as_of is None:
            return ""
        day = f"{self.as_of.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        if self.last_opinion is None:
            return f"As of {day}: no opinions yet."
        span = f"{self.first_opinion:%Y-%m-%d} to {self.last_opinion:%Y-%m-%d}"
        if self.stale:
            return (
                f"As of {day}: no opinions in the 30 days before (opinions from {span}); "
                "no trends are drawn."
            )
        return f"As of {day}: last 30 days against the 30 before; opinions from {span}."

    @property
    def stars(self) -> float | None:
        """The average rating on a 1–5 star scale."""
        return None if self.average_rating is None else 1 + 4 * self.average_rating

    def aspects(self) -> list[str]:
        """The aspects in the top pros or cons, most mentioned first."""
        totals: dict[str, int] = {}
        for line in self.pros + self.cons:
            totals[line.aspect] = totals.get(line.aspect, 0) + line.mentions
        return sorted(totals, key=lambda a: (-totals[a], a))

    def counts(self, aspect: str) -> tuple[int, int]:
        """(pros, cons) of an aspect among the lines of this report."""
        pros = next((x.mentions for x in self.pros if x.aspect == aspect), 0)
        cons = next((x.mentions for x in self.cons if x.aspect == aspect), 0)
        return pros, cons


def product_slugs(url: str) -> list[str]:
    """The products in the database, by slug."""
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT slug FROM reviews.products ORDER BY slug")
        return [slug for (slug,) in cursor.fetchall()]


def build_report(
    url: str,
    product: str | None = None,
    since: date | None = None,
    until: date | None = None,
    as_of: datetime | None = None,
) -> list[ProductReport]:
    """Read the report's figures: opinions posted from ``since`` to ``until`` (whole days,
    UTC), windows counted back from ``as_of`` (default: the end of ``until``, else now), the
    same clock as the views under ``SET reviews.as_of``."""
    end = None if until is None else datetime.combine(until + timedelta(days=1), time(), UTC)
    clock = as_of or end or datetime.now(UTC)
    if clock.tzinfo is None:
        clock = clock.replace(tzinfo=UTC)
    reports = []
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(query("set_as_of"), {"as_of": clock.isoformat()})
        cursor.execute(query("report_products"), {"product": product})
        for slug, name, kind, added in cursor.fetchall():
            scoped = {"product": slug, "since": since, "until": end}
            cursor.execute(query("report_figures"), scoped)  # every figure of it in scope
            posts, opinions, average_rating, rated, recommended, steam_reviews = cursor.fetchone()
            cursor.execute(query("report_span"), scoped)
            clock, first_opinion, last_opinion = cursor.fetchone()
            cursor.execute(query("report_coverage"), scoped)
            coverage = _coverage(cursor.fetchall())
            cursor.execute(query("report_ratings"), scoped)
            ratings = _ratings(cursor.fetchall())
            cursor.execute(query("report_quotes"), scoped)
            quotes: dict[tuple[str, str], list[Quote]] = {}
            for aspect, polarity, sentence, link, source, posted_at in cursor.fetchall():
                found = quotes.setdefault((aspect, polarity), [])
                if all(q.sentence != sentence for q in found):
                    found.append(Quote(sentence, link, source, posted_at))
            cursor.execute(query("report_themes"), scoped)
            themes = _themes(cursor.fetchall(), product_taxonomy(kind, added))
            cursor.execute(query("report_aspects"), scoped)
            lines = [
                AspectLine(aspect, polarity, mentions, recent, previous, quotes[(aspect, polarity)])
                for aspect, polarity, mentions, recent, previous in cursor.fetchall()
            ]
            report = ProductReport(
                product=slug,
                name=name,
                posts=int(posts),
                opinions=int(opinions),
                average_rating=float(average_rating) if average_rating is not None else None,
                rated_posts=int(rated),
                kind=kind,
                as_of=clock,
                first_opinion=first_opinion,
                last_opinion=last_opinion,
                recommended_share=None if recommended is None else float(recommended),
                steam_reviews=int(steam_reviews),
                coverage=coverage,
                ratings=ratings,
                themes=themes,
                pros=[line for line in lines if line.polarity == "pro"][:TOP_ASPECTS],
                cons=[line for line in lines if line.polarity == "con"][:TOP_ASPECTS],
            )
            trend_aspects = report.aspects()[:TREND_ASPECTS]
            cursor.execute(query("report_trend"), {**scoped, "aspects": trend_aspects})
            report.trend.update(_weekly(cursor.fetchall(), trend_aspects))
            reports.append(report)
    return reports


def _ratings(rows: list[tuple[Any, ...]]) -> list[SourceRatings]:
    """Each rated source's figures from report_ratings rows (source, thumbs, facet, value,
    posts, mean)."""
    facets: dict[tuple[str, bool], dict[str, list[RatingFigure]]] = {}
    for source, thumbs, facet, value, posts, mean in rows:
        found = facets.setdefault((source, thumbs), {})
        found.setdefault(facet, []).append(RatingFigure(value or "all", int(posts), float(mean)))
    return [
        SourceRatings(
            source=source,
            thumbs=thumbs,
            overall=found["all"][0],
            weekly=found.get("week", []),
            by_version=sorted(found.get("version", []), key=lambda f: (-f.posts, f.label)),
            by_country=sorted(found.get("country", []), key=lambda f: (-f.posts, f.label)),
        )
        for (source, thumbs), found in facets.items()
        if "all" in found
    ]


def _coverage(rows: list[tuple[Any, ...]]) -> Coverage:
    """A product's coverage from its per-source rows of reviews.coverage."""
    reasons: dict[str, int] = {}
    for *_, found in rows:
        for reason, count in (found or {}).items():
            reasons[reason] = reasons.get(reason, 0) + int(count)
    return Coverage(
        posts=sum(int(r[1]) for r in rows),
        analysed=sum(int(r[2]) for r in rows),
        with_opinions=sum(int(r[3]) for r in rows),
        pending=sum(int(r[5]) for r in rows),
        not_analysed=dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
    )


def _themes(rows: list[tuple[Any, ...]], taxonomy: Taxonomy) -> list[ThemeLine]:
    """Theme lines from report_themes rows (theme, aspect, pros, cons, cons recent, cons
    previous, posts; aspect None for the theme's own totals), the most mentioned theme first,
    each with its aspects mentioned in the most posts first."""
    totals = {row[0]: row for row in rows if row[1] is None}
    aspects: dict[str, list[AspectCount]] = {}
    once: dict[str, int] = {}
    for theme, aspect, pros, cons, _, _, posts in sorted(
        (row for row in rows if row[1] is not None), key=lambda r: (-r[6], r[1])
    ):
        if posts == 1 and aspect != theme:  # one-off keys would crowd out the theme's own
            once[theme] = once.get(theme, 0) + 1
        else:
            aspects.setdefault(theme, []).append(AspectCount(aspect, pros, cons))
    lines = [
        ThemeLine(
            theme=theme,
            label=theme_label(taxonomy, theme),
            pros=pros,
            cons=cons,
            recent=recent,
            previous=previous,
            aspects=aspects.get(theme, [])[:ASPECTS_PER_THEME],
            other_aspects=once.get(theme, 0)
            + max(len(aspects.get(theme, [])) - ASPECTS_PER_THEME, 0),
        )
        for theme, _, pros, cons, recent, previous, _ in totals.values()
    ]
    return sorted(lines, key=lambda t: (-t.mentions, t.theme))


def theme_label(taxonomy: Taxonomy, key: str) -> str:
    """What a theme key is called in the report."""
    if key == OVERALL:
        return "The product as a whole"
    if key == OTHER:
        return "Other"
    theme = taxonomy.theme(key)
    return theme.label if theme else key


def _weekly(rows: list[tuple[Any, ...]], aspects: list[str]) -> dict[str, list[TrendPoint]]:
    """Weekly points per aspect, with weeks that had no opinion filled in as zeros."""
    if not rows:
        return {}
    weeks = sorted({week.date() for _, week, _, _ in rows})
    span = [weeks[0] + timedelta(weeks=i) for i in range((weeks[-1] - weeks[0]).days // 7 + 1)]
    counts = {(aspect, week.date()): (pros, cons) for aspect, week, pros, cons in rows}
    return {
        aspect: [TrendPoint(w, *counts.get((aspect, w), (0, 0))) for w in span]
        for aspect in aspects
    }


def render_table(reports: list[ProductReport]) -> str:
    """A terminal summary: per product, top pros and cons with counts, trend and a quote."""
    if not reports:
        return "No products in the database yet: run `python -m pipeline ingest` first.\n"
    out: list[str] = []
    for report in reports:
        rating = (
            f", average rating {report.stars:.1f}/5 over {report.rated_posts} reviews"
            if report.stars is not None
            else ""
        )
        if report.recommended_share is not None:
            rating += (
                f", {report.recommended_share:.0%} of {report.steam_reviews} Steam reviews "
                "recommend it"
            )
        header = (
            f"{report.name} ({report.product}): {report.posts} posts, "
            f"{report.opinions} opinions{rating}"
        )
        out += [header, "=" * min(len(header), 100)]
        out.append(report.window_note())
        out.append(f"Coverage: {report.coverage.describe()}")
        for rated in report.ratings:
            out.append(f"Ratings, {rated.summary()}")
        out.append(f"Themes ({report.kind}):")
        if not report.themes:
            out.append("  (none found yet)")
        for theme in report.themes:
            trend = "" if report.stale else theme.trend
            out.append(
                f"  {theme.label:<28} {theme.pros:>4} pros {theme.cons:>4} cons  {trend:<3}  "
                f"(cons last 30 days {theme.recent}, before {theme.previous})"
            )
            aspects = [f"{a.aspect} +{a.pros}/-{a.cons}" for a in theme.aspects]
            if theme.other_aspects:
                aspects.append(f"other aspects ({theme.other_aspects})")
            listed = ", ".join(aspects)
            out.append(f"      {textwrap.shorten(listed, QUOTE_WIDTH, placeholder=' …')}")
        out.append("")
        for title, lines in (("Top pros", report.pros), ("Top cons", report.cons)):
            out.append(f"{title}:")
            if not lines:
                out.append("  (none found yet)")
            for line in lines:
                trend = "" if report.stale else line.trend
                out.append(
                    f"  {line.aspect:<22} {line.mentions:>4}  {trend:<3}  "
                    f"(last 30 days {line.recent}, before {line.previous})"
                )
                if line.quotes:
                    sentence = " ".join(line.quotes[0].sentence.split())
                    quote = textwrap.shorten(sentence, QUOTE_WIDTH, placeholder=" …")
                    out.append(f"      “{quote}”")
            out.append("")
    return "\n".join(out)


def report_data(reports: list[ProductReport]) -> dict[str, Any]:
    """The report as plain data: what the JSON format prints and the HTML page shows."""

    products = []
    for r in reports:

        def line(x: AspectLine | ThemeLine, stale: bool = r.stale) -> dict[str, Any]:
            # no trend where the recent window is empty: null, not an arrow
            return {**asdict(x), "trend": None if stale else (x.trend or None)}

        products.append(
            {
                **{
                    k: v
                    for k, v in asdict(r).items()
                    if k not in {"pros", "cons", "trend", "themes", "coverage"}
                },
                "coverage": {
                    "posts": r.coverage.posts,
                    "analysed": r.coverage.analysed,
                    "with_opinions": r.coverage.with_opinions,
                    "pending": r.coverage.pending,
                    "not_analysed": r.coverage.not_analysed,
                },
                "stars": None if r.stars is None else round(r.stars, 2),
                "stale": r.stale,
                "window": r.window_note(),
                "themes": [line(t) for t in r.themes],
                "pros": [line(x) for x in r.pros],
                "cons": [line(x) for x in r.cons],
                "trend": {a: [asdict(p) for p in points] for a, points in r.trend.items()},
            }
        )
    return {"products": products}


def render_json(reports: list[ProductReport]) -> str:
    """The same figures as JSON, for other tools."""

    def encode(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    return json.dumps(report_data(reports), indent=2, ensure_ascii=False, default=encode) + "\n"


def render_html(reports: list[ProductReport], generated_at: datetime) -> str:
    """One self-contained page (inline CSS and SVG, no script, no network) for laptop and phone."""
    from pipeline.report_html import render

    return render(reports, generated_at)
