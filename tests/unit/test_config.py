"""Configuration: the YAML format of DESIGN.md, and errors that name the file, product and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import FileSourceConfig, Settings, load_config
from pipeline.errors import ConfigError
from tests.conftest import ROOT


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "products.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value)


def test_load_config__demo_file_lists_three_products_with_file_sources() -> None:
    config = load_config(ROOT / "config" / "demo.yaml")
    assert [p.slug for p in config.products] == ["aurora-x2", "starfall-tactics", "tidy-notes"]
    source = config.products[0].sources[0]
    assert isinstance(source, FileSourceConfig)
    assert config.resolve(source.path) == ROOT / "samples" / "aurora-x2.jsonl"


def test_load_config__example_with_every_source_type_is_valid() -> None:
    config = load_config(ROOT / "config" / "products.example.yaml")
    types = {s.type for p in config.products for s in p.sources}
    assert types == {"steam", "reddit", "hackernews", "appstore", "mastodon", "file"}


def test_load_config__unknown_source_type_names_product_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "products:\n  - slug: tf2\n    name: TF2\n    sources:\n      - type: myspace\n",
    )
    message = error_of(path)
    assert str(path) in message
    assert "products[0] (slug 'tf2').sources[0]" in message
    assert "unknown source type 'myspace'" in message


def test_load_config__missing_slug_is_named(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "products:\n  - name: Team Fortress 2\n"))
    assert "products[0].slug: required key is missing" in message


def test_load_config__bad_yaml_gives_line_and_column(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "products:\n  - slug: [tf2\n"))
    assert "invalid YAML at line" in message
    assert "\n" not in message


def test_load_config__misspelt_key_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "products:\n  - slug: tf2\n    name: TF2\n    sources:\n"
        "      - type: steam\n        app_id: 440\n        langauge: english\n",
    )
    assert "sources[0].langauge: unknown key" in error_of(path)


def test_load_config__invalid_slug_says_what_is_allowed(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "products:\n  - slug: Team Fortress\n    name: TF2\n"))
    assert "'Team Fortress' is not a valid slug" in message


def test_load_config__duplicate_slugs_are_rejected(tmp_path: Path) -> None:
    text = "products:\n  - slug: a\n    name: A\n  - slug: a\n    name: B\n"
    assert "slug 'a' is used by more than one product" in error_of(write(tmp_path, text))


def test_load_config__missing_file_is_named(tmp_path: Path) -> None:
    assert "configuration file not found" in error_of(tmp_path / "nope.yaml")


def test_load_config__empty_products_list_is_an_error(tmp_path: Path) -> None:
    assert "products" in error_of(write(tmp_path, "products: []\n"))


def test_load_config__top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert "expected a mapping" in error_of(write(tmp_path, "- just a list\n"))


def test_settings_from_env__reads_documented_variables() -> None:
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgresql://u:db-secret@h/db",
            "REVIEWS_AUTHOR_KEY": "key-secret",
            "REVIEWS_ALERT_WEBHOOK": "https://hooks.example/hook-secret",
            "REVIEWS_SPACY_MODEL": "en_core_web_sm",
            "REVIEWS_EXTRACT_BATCH_SIZE": "50",
            "REVIEWS_ALERT_RATIO": "2.5",
            "REVIEWS_ALERT_MIN_CONS": "3",
        }
    )
    assert settings.database_url == "postgresql://u:db-secret@h/db"
    assert settings.spacy_model == "en_core_web_sm"
    assert settings.extract_batch_size == 50
    assert (settings.alert_ratio, settings.alert_min_cons) == (2.5, 3)
    assert "secret" not in repr(settings)  # secrets stay out of logs


def test_settings_from_env__airflow_connection_uri_when_no_database_url() -> None:
    uri = "postgres://reviews:pw@reviews-db:5432/reviews"
    assert Settings.from_env({"AIRFLOW_CONN_REVIEWS_DB": uri}).database_url == uri
    both = {"AIRFLOW_CONN_REVIEWS_DB": uri, "DATABASE_URL": "postgresql://other/db"}
    assert Settings.from_env(both).database_url == "postgresql://other/db"
    # The JSON form is resolved by Airflow when a task runs (pipeline.jobs).
    assert (
        Settings.from_env({"AIRFLOW_CONN_REVIEWS_DB": '{"conn_type": "postgres"}'}).database_url
        is None
    )


@pytest.mark.parametrize("value", ["0", "-1", "x", "nan"])
def test_settings_from_env__alert_ratio_must_be_positive(value: str) -> None:
    with pytest.raises(
        ConfigError, match=f"REVIEWS_ALERT_RATIO={value!r} must be a positive number"
    ):
        Settings.from_env({"REVIEWS_ALERT_RATIO": value})


def test_settings_from_env__explicit_argument_beats_environment() -> None:
    settings = Settings.from_env({"REVIEWS_EXTRACT_BATCH_SIZE": "50"}, extract_batch_size=7)
    assert settings.extract_batch_size == 7


def test_settings_from_env__bad_number_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="REVIEWS_EXTRACT_BATCH_SIZE='lots'"):
        Settings.from_env({"REVIEWS_EXTRACT_BATCH_SIZE": "lots"})


def test_load_config__two_sources_of_one_product_with_one_name_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "products.yaml"
    path.write_text(
        "products:\n  - slug: a\n    name: A\n    sources:\n"
        "      - {type: file, path: one/reviews.jsonl}\n"
        "      - {type: file, path: two/reviews.jsonl}\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ConfigError,
        match=r"sources\[0\] and sources\[1\] are both file sources named 'reviews' "
        r"\(set a distinct 'name' on one\)",
    ):
        load_config(path)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            "products:\n  - slug: a\n    name: A\n    sources:\n"
            "      - {type: file, path: x.jsonl, since: 2026-02-30}\n",
            "invalid value: day is out of range for month",
        ),
        (
            "products:\n  - slug: a\n    name: A\n    name: B\n",
            "invalid YAML at line 4, column 5: the key 'name' is given twice",
        ),
    ],
)
def test_load_config__an_impossible_date_or_a_key_given_twice_is_one_clear_error(
    tmp_path: Path, yaml_text: str, message: str
) -> None:
    path = tmp_path / "products.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_load_config__duplicate_slug_message_has_no_validator_prefix(tmp_path: Path) -> None:
    text = "products:\n  - slug: a\n    name: A\n  - slug: a\n    name: B\n"
    message = error_of(write(tmp_path, text))
    assert message.endswith("products: slug 'a' is used by more than one product")
    assert "Value error" not in message


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "type: appstore\n        app_id: 1\n        country: usa",
            "sources[0].country: country 'usa' is not a store country: two letters",
        ),
        (
            "type: steam\n        app_id: 440\n        language: klingon",
            "sources[0].language: Steam has no language 'klingon'; it knows all, arabic,",
        ),
    ],
)
def test_load_config__a_store_country_or_steam_language_is_checked_when_loading(
    tmp_path: Path, source: str, expected: str
) -> None:
    path = write(tmp_path, f"products:\n  - slug: a\n    name: A\n    sources:\n      - {source}\n")
    assert expected in error_of(path)


def test_load_config__a_store_country_is_kept_in_lower_case(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "products:\n  - slug: a\n    name: A\n    sources:\n"
        "      - type: appstore\n        app_id: 1\n        country: NL\n",
    )
    assert load_config(path).products[0].sources[0].country == "nl"  # type: ignore[union-attr]


def test_load_config__every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "products:\n  - slug: A b\n    name: A\n  - name: B\n    kind: shop\n"
        "    sources:\n      - type: steam\n        app_id: 440\n        language: klingon\n",
    )
    message = error_of(path)
    assert message.startswith(f"{path}: 4 problems:\n")
    assert "products[0] (slug 'A b').slug: 'A b' is not a valid slug" in message
    assert "products[1].slug: required key is missing" in message
    assert "products[1].kind: Input should be 'app'" in message
    assert "products[1].sources[0].language: Steam has no language 'klingon'" in message


def test_load_config__a_name_typed_with_combining_accents_is_stored_composed(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        'products:\n  - slug: cafe\n    name: "Cafe\\u0301 Noir"\n    aliases: ["Cafe\\u0301"]\n',
    )
    (product,) = load_config(path).products
    assert product.name == "Café Noir" and product.aliases == ["Café"]
    assert len(product.aliases[0]) == 4  # one character for "é", as clean_text stores it
