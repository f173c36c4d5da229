"""monitor.config: where the file is found, what it may hold, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import load_settings
from monitor.errors import ConfigError

GOOD = """
data_dir = "data"
[database]
url = "sqlite:///x.db"
[crawler]
download_delay = 2
[[sources]]
name = "bs-cfw"
type = "zblog"
start_urls = ["http://127.0.0.1:8000/zblog/"]
schedule = "30m"
"""

BAD_CONFIGS = [
    # (file content, words the one-line error must contain)
    ("[database]\nulr = 'x'\n", ["database.ulr", "unknown key"]),
    ("data_dir = 3\n", ["data_dir", "expected a string", "3"]),
    ("[crawler]\nobey_robots = 'yes'\n", ["crawler.obey_robots", "true or false"]),
    ("[crawler]\ndownload_delay = 'fast'\n", ["crawler.download_delay", "a number"]),
    ("[database\n", ["not valid TOML"]),
    ("[[sources]]\nname = 'a'\ntype = 'zblog'\n", ["sources[0]", "missing required key 'start_urls'"]),
    ("[[sources]]\nname = 'a'\ntype = 'wordpress'\nstart_urls = []\n", ["sources[0] (a)", "wordpress"]),
    (
        "[[sources]]\nname='a'\ntype='zblog'\nstart_urls=[]\n[[sources]]\nname='a'\ntype='zblog'\nstart_urls=[]\n",
        ["sources[1] (a)", "duplicate"],
    ),
    ("sources = 'x'\n", ["sources", "expected a list"]),
    ("[[sources]]\nname='a'\ntype='zblog'\nstart_urls=[1]\n", ["sources[0].start_urls[0]", "expected a string"]),
]


@pytest.mark.parametrize(("content", "words"), BAD_CONFIGS)
def test_bad_config_is_one_line_naming_file_and_key(tmp_path: Path, content: str, words: list[str]) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for word in words:
        assert word in message


def test_unreadable_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings(tmp_path)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00data")
    with pytest.raises(ConfigError):
        load_settings(binary)


def test_good_config_relative_paths_follow_the_file(tmp_path: Path) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(GOOD, encoding="utf-8")
    settings = load_settings(path)
    assert settings.data_path == tmp_path / "data"
    assert settings.archive_path == tmp_path / "data" / "archive"
    assert settings.database_url == "sqlite:///x.db"
    assert settings.crawler.download_delay == 2.0
    assert settings.source("bs-cfw").schedule == "30m"
    with pytest.raises(ConfigError, match="unknown source 'nope'"):
        settings.source("nope")


def test_lookup_order_explicit_then_env_then_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SIGNWATCH_CONFIG", raising=False)
    monkeypatch.delenv("SIGNWATCH_DATABASE_URL", raising=False)
    assert load_settings().path == ""  # embedded defaults
    assert load_settings().database_url == "sqlite:///signwatch-data/signwatch.db"
    (tmp_path / "signwatch.toml").write_text("data_dir = 'cwd'\n", encoding="utf-8")
    assert load_settings().data_path == tmp_path / "cwd"
    other = tmp_path / "env.toml"
    other.write_text("data_dir = 'env'\n", encoding="utf-8")
    monkeypatch.setenv("SIGNWATCH_CONFIG", str(other))
    assert load_settings().data_path == tmp_path / "env"
    explicit = tmp_path / "explicit.toml"
    explicit.write_text("data_dir = 'explicit'\n", encoding="utf-8")
    assert load_settings(explicit).data_path == tmp_path / "explicit"


def test_database_url_from_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("SIGNWATCH_DATABASE_URL", "postgresql+psycopg://127.0.0.1/test")
    assert load_settings(path).database_url == "postgresql+psycopg://127.0.0.1/test"


def test_separate_sources_file(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(
        "[[sources]]\nname = 'dede'\ntype = 'dedecms'\nstart_urls = ['http://127.0.0.1/list_1_1.html']\n",
        encoding="utf-8",
    )
    path = tmp_path / "signwatch.toml"
    path.write_text("sources_file = 'sources.toml'\n" + GOOD.split("data_dir")[0], encoding="utf-8")
    assert [s.name for s in load_settings(path).sources] == ["dede"]
    (tmp_path / "sources.toml").write_text("[crawler]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="a sources file holds only"):
        load_settings(path)


# (file content, the [workers] settings read, notices): the old name of a renamed
# table is read as the new one, with one notice, until signwatch 0.3.
SPELLINGS = [
    ("", "", ()),
    ("[workers]\nredis_url = 'redis://q/0'\n", "redis://q/0", ()),
    (
        "[cluster]\nredis_url = 'redis://q/0'\n",
        "redis://q/0",
        ("{path}: [cluster] is renamed [workers]; the old name is read until signwatch 0.3",),
    ),
]


@pytest.mark.parametrize(("content", "redis_url", "notices"), SPELLINGS)
def test_renamed_table_is_read_with_one_notice(
    tmp_path: Path, content: str, redis_url: str, notices: tuple[str, ...]
) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(content, encoding="utf-8")
    settings = load_settings(path)
    assert settings.workers.redis_url == redis_url
    assert settings.notices == tuple(notice.format(path=path) for notice in notices)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("[cluster]\n[workers]\n", ["both [cluster] and [workers]", "keep [workers] only"]),
        ("[cluster]\nredis_ur = 'x'\n", ["unknown key 'cluster.redis_ur'"]),  # named as the file spells it
        ("[cluster]\nworker_timeout = 'soon'\n", ["cluster.worker_timeout", "a number"]),
        ("notices = ['x']\n", ["unknown key 'notices'"]),  # filled in by signwatch, never read from a file
    ],
)
def test_renamed_table_errors_are_one_line(tmp_path: Path, content: str, words: list[str]) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    for word in words:
        assert word in message
