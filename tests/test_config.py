"""monitor.config: where the file is found, what it may hold, every value's range, one line per problem."""

from __future__ import annotations

import subprocess
import typing
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from monitor.config import (
    CrawlerSettings,
    Settings,
    SourceSettings,
    SubscriptionSettings,
    load_settings,
    read_config,
    setting_ranges,
    source_problems,
    value_problems,
)
from monitor.errors import ConfigError, InputError
from monitor.running.schedule import parse_schedule
from monitor.sites import site_type_names
from tests.command import run_signwatch

ROOT = Path(__file__).resolve().parent.parent

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

# A source with everything it needs, for the rows that spoil one key of it.
SOURCE = "[[sources]]\nname = 'a'\ntype = 'zblog'\nstart_urls = ['http://a.cn/']\n"
GENERIC = "[[sources]]\nname = 'g'\ntype = 'generic'\nstart_urls = ['http://a.cn/']\n"

# A subscription with everything it needs, for the rows that spoil one key of it.
SUBSCRIPTION = "[[subscriptions]]\nname = 's'\nurl = 'json://h/x'\n"
IN_S = "subscriptions[0]"
NOT_A_KIND = "'gossip' is not one of signing, investment, health, stage"
# A token in a bad Apprise URL: no line may repeat it.
TOKEN = "AAHtopSecretToken42"

# (id, file content, the one problem's line after "<file>: ").  Every row is
# also a config that any signwatch command refuses (see the CLI test below).
BAD_VALUES = [
    # types and keys
    ("unknown key", "[database]\nulr = 'x'\n", "unknown key 'database.ulr'"),
    ("string for path", "data_dir = 3\n", "data_dir: expected a string, got int 3"),
    (
        "string for bool",
        "[crawler]\nobey_robots = 'yes'\n",
        "crawler.obey_robots: expected true or false, got string 'yes'",
    ),
    (
        "string for number",
        "[crawler]\ndownload_delay = 'fast'\n",
        "crawler.download_delay: expected a number, got string 'fast'",
    ),
    (
        "float for integer",
        "[crawler]\nmax_page_bytes = 8e6\n",
        "crawler.max_page_bytes: expected an integer, got float 8000000.0",
    ),
    (
        "bool for integer",
        "[alerts]\nmax_attempts = true\n",
        "alerts.max_attempts: expected an integer, got boolean true",
    ),
    ("not a list", "sources = 'x'\n", "sources: expected a list, got string 'x'"),
    ("filled in by signwatch", "notices = ['x']\n", "unknown key 'notices'"),
    ("filled in by signwatch", "path = 'elsewhere.toml'\n", "unknown key 'path'"),
    # safety that a value could switch off
    ("no page size limit", "[crawler]\nmax_page_bytes = 0\n", "crawler.max_page_bytes: must be at least 1, not 0"),
    (
        "huge page limit",
        "[crawler]\nmax_page_bytes = 2147483648\n",
        "crawler.max_page_bytes: must be at most 1073741824, not 2147483648",
    ),
    ("no attempt", "[alerts]\nmax_attempts = 0\n", "alerts.max_attempts: must be at least 1, not 0"),
    ("negative attempts", "[alerts]\nmax_attempts = -3\n", "alerts.max_attempts: must be at least 1, not -3"),
    (
        "negative lease",
        "[alerts]\nclaim_lease_seconds = -1\n",
        "alerts.claim_lease_seconds: must be at least 1, not -1",
    ),
    ("zero lease", "[alerts]\nclaim_lease_seconds = 0.5\n", "alerts.claim_lease_seconds: must be at least 1, not 0.5"),
    ("negative backoff", "[alerts]\nbackoff_seconds = -60\n", "alerts.backoff_seconds: must be more than 0, not -60"),
    (
        "cap below backoff",
        "[alerts]\nbackoff_seconds = 100\nbackoff_max_seconds = 50\n",
        "alerts.backoff_max_seconds: must be at least backoff_seconds (100), not 50",
    ),
    ("negative timeout", "[crawler]\ntimeout = -1.5\n", "crawler.timeout: must be more than 0, not -1.5"),
    ("zero timeout", "[crawler]\ntimeout = 0\n", "crawler.timeout: must be more than 0, not 0"),
    ("nan timeout", "[crawler]\ntimeout = nan\n", "crawler.timeout: must be a finite number, not nan"),
    (
        "negative crawl timeout",
        "[crawler]\ncrawl_timeout = -10\n",
        "crawler.crawl_timeout: must be more than 0, not -10",
    ),
    ("endless crawl", "[crawler]\ncrawl_timeout = inf\n", "crawler.crawl_timeout: must be a finite number, not inf"),
    ("negative delay", "[crawler]\ndownload_delay = -1\n", "crawler.download_delay: must be at least 0, not -1"),
    (
        "no concurrency",
        "[crawler]\nconcurrency_per_domain = 0\n",
        "crawler.concurrency_per_domain: must be at least 1, not 0",
    ),
    ("negative retries", "[crawler]\nretries = -1\n", "crawler.retries: must be at least 0, not -1"),
    ("negative redirects", "[crawler]\nmax_redirects = -1\n", "crawler.max_redirects: must be at least 0, not -1"),
    ("zero health", "[alerts]\nhealth_failures = 0\n", "alerts.health_failures: must be at least 1, not 0"),
    ("zero event age", "[alerts]\nmax_event_age_days = 0\n", "alerts.max_event_age_days: must be at least 1, not 0"),
    (
        "unknown zone",
        "[alerts]\ntimezone = 'Mars/Olympus'\n",
        "alerts.timezone: 'Mars/Olympus' is not a known time zone (e.g. Asia/Shanghai)",
    ),
    (
        "zone as a path",
        "[alerts]\ntimezone = '../../etc/passwd'\n",
        "alerts.timezone: '../../etc/passwd' is not a known time zone (e.g. Asia/Shanghai)",
    ),
    (
        "unknown markup",
        "[alerts]\nbody_format = 'rtf'\n",
        "alerts.body_format: 'rtf' is not one of text, markdown, html",
    ),
    (
        "broken template",
        "[alerts]\ntitle_template = '{place'\n",
        "alerts.title_template: not a valid template: expected '}' before end of string",
    ),
    (
        "header injection",
        '[crawler]\ncontact = "x\\r\\nX-Evil: 1"\n',
        "crawler.contact: must be one line, without control characters",
    ),
    (
        "unfillable agent",
        "[crawler]\nuser_agent = 'bot {nope}'\n",
        "crawler.user_agent: 'bot {nope}' may name only {contact} (and write a brace as {{ or }})",
    ),
    ("empty data dir", "data_dir = ''\n", "data_dir: must not be empty"),
    (
        "other database",
        "[database]\nurl = 'mysql://u:pw@h/db'\n",
        "database.url: must be a sqlite:/// or postgresql+psycopg:// URL",
    ),
    (
        "redis over http",
        "[workers]\nredis_url = 'http://h:6379'\n",
        "workers.redis_url: must be a redis://, rediss:// or unix:// URL",
    ),
    ("no ttl", "[workers]\nseen_ttl_hours = 0\n", "workers.seen_ttl_hours: must be more than 0, not 0"),
    ("empty prefix", "[workers]\nkey_prefix = ''\n", "workers.key_prefix: must not be empty"),
    # sources
    (
        "missing start_urls",
        "[[sources]]\nname = 'a'\ntype = 'zblog'\n",
        "sources[0] (a): missing required key 'start_urls'",
    ),
    (
        "unknown type",
        SOURCE.replace("'zblog'", "'nosuchcms'"),
        # The registry's own list: site types are being added.
        f"sources[0].type (a): 'nosuchcms' is not one of {', '.join(site_type_names())}",
    ),
    (
        "item type",
        SOURCE.replace("['http://a.cn/']", "[1]"),
        "sources[0].start_urls[0] (a): expected a string, got int 1",
    ),
    (
        "file url",
        SOURCE.replace("http://a.cn/", "file:///etc/passwd"),
        "sources[0].start_urls[0] (a): 'file:///etc/passwd' is not an http(s) URL",
    ),
    (
        "javascript url",
        SOURCE.replace("http://a.cn/", "javascript:alert(1)"),
        "sources[0].start_urls[0] (a): 'javascript:alert(1)' is not an http(s) URL",
    ),
    (
        "not a url",
        SOURCE.replace("http://a.cn/", "bs-cfw.com/news"),
        "sources[0].start_urls[0] (a): 'bs-cfw.com/news' is not an http(s) URL",
    ),
    ("empty url", SOURCE.replace("http://a.cn/", ""), "sources[0].start_urls[0] (a): '' is not an http(s) URL"),
    (
        "bad port",
        SOURCE.replace("http://a.cn/", "http://a.cn:99999/"),
        "sources[0].start_urls[0] (a): 'http://a.cn:99999/' has a bad port",
    ),
    (
        "password kept out",
        SOURCE.replace("http://a.cn/", "ftp://me:hunter2@a.cn/"),
        "sources[0].start_urls[0] (a): 'ftp://me:***@a.cn/' is not an http(s) URL",
    ),
    (
        "empty start_urls",
        SOURCE.replace("['http://a.cn/']", "[]"),
        "sources[0].start_urls (a): empty, with no feeds or sitemaps either: nothing to crawl",
    ),
    ("feed not a url", SOURCE + "feeds = ['feed.xml']\n", "sources[0].feeds[0] (a): 'feed.xml' is not an http(s) URL"),
    (
        "outside domains",
        SOURCE + "allowed_domains = ['b.cn']\n",
        "sources[0].start_urls[0] (a): 'http://a.cn/' is outside allowed_domains (b.cn)",
    ),
    (
        "domain as url",
        SOURCE + "allowed_domains = ['http://a.cn']\n",
        "sources[0].allowed_domains[0] (a): 'http://a.cn' is not a bare host name"
        " (like bs-cfw.com: no scheme, path or port)",
    ),
    ("negative page limit", SOURCE + "page_limit = -1\n", "sources[0].page_limit (a): must be at least 1, not -1"),
    ("zero page limit", SOURCE + "page_limit = 0\n", "sources[0].page_limit (a): must be at least 1, not 0"),
    ("negative revisits", SOURCE + "revisit_days = -1\n", "sources[0].revisit_days (a): must be at least 0, not -1"),
    (
        "bad schedule",
        SOURCE + "schedule = 'every day'\n",
        "sources[0].schedule (a): 'every day' is neither an interval (30m, 6h, 1d) nor a five-field cron expression",
    ),
    ("zero interval", SOURCE + "schedule = '0m'\n", "sources[0].schedule (a): '0m': the interval must be positive"),
    (
        "bad cron",
        SOURCE + "schedule = '61 * * * *'\n",
        "sources[0].schedule (a): '61 * * * *' is not a valid cron expression"
        " (Error validating expression '61': the last value (61) is higher than the maximum value (59))",
    ),
    ("unknown charset", SOURCE + "encoding = 'klingon'\n", "sources[0].encoding (a): 'klingon' is not a known charset"),
    ("codec not a charset", SOURCE + "encoding = 'rot13'\n", "sources[0].encoding (a): 'rot13' is not a text encoding"),
    (
        "pattern",
        SOURCE + "article_pattern = 'post/(\\d+'\n",
        "sources[0].article_pattern (a): 'post/(\\\\d+' is not a valid regular expression:"
        " missing ), unterminated subpattern at position 5",
    ),
    (
        "css",
        GENERIC + "link_css = 'ul..x'\n",
        "sources[0].link_css (g): 'ul..x' is not a CSS selector of elements: Expected ident, got <DELIM '.' at 3>",
    ),
    (
        "css of attributes",
        GENERIC + "link_css = 'a::attr(href)'\n",
        "sources[0].link_css (g): 'a::attr(href)' is not a CSS selector of elements:"
        " Pseudo-elements are not supported.",
    ),
    (
        "xpath",
        GENERIC + "link_xpath = '//a[@'\n",
        "sources[0].link_xpath (g): '//a[@' is not a valid XPath: Invalid expression",
    ),
    ("name with space", SOURCE.replace("'a'", "'a b'"), "sources[0].name (a b): 'a b' must not contain spaces"),
    ("duplicate", SOURCE + SOURCE, "sources[1] (a): duplicate source name"),
    ("unknown source key", SOURCE + "lnk_css = 'a'\n", "unknown key 'sources[0].lnk_css' (a)"),
    # subscriptions
    (
        "negative floor",
        "[[subscriptions]]\nname = 's'\nurl = 'json://h/x'\nmin_amount = -5e8\n",
        "subscriptions[0].min_amount (s): must be at least 0, not -500000000",
    ),
    (
        "no target",
        "[[subscriptions]]\nname = 's'\nurl = ''\n",
        "subscriptions[0].url (s): empty: give an Apprise URL, or a tag of alerts.apprise_config",
    ),
    (
        "two of one name",
        "[[subscriptions]]\nname = 's'\nurl = 'json://h/x'\n[[subscriptions]]\nname = 's'\nurl = 'json://h/y'\n",
        "subscriptions[1]: duplicate subscription name 's'",
    ),
    # a subscription's kinds, digest and Apprise URL: checked on load, as monitor.alerts checks them
    ("unknown kind", SUBSCRIPTION + "kinds = ['signing', 'gossip']\n", f"{IN_S}.kinds[1] (s): {NOT_A_KIND}"),
    (
        "empty kind",
        SUBSCRIPTION + "kinds = ['']\n",
        f"{IN_S}.kinds[0] (s): '' is not one of signing, investment, health, stage",
    ),
    # project stages (issue 18): each one of the stages a project passes
    (
        "unknown stage",
        SUBSCRIPTION + "stages = ['开工', '封顶']\n",
        f"{IN_S}.stages[1] (s): '封顶' is not one of 签约, 落地, 开工, 竣工, 投产, 达产",
    ),
    (
        "stage in pinyin",
        SUBSCRIPTION + "stages = ['kaigong']\n",
        f"{IN_S}.stages[0] (s): 'kaigong' is not one of 签约, 落地, 开工, 竣工, 投产, 达产",
    ),
    (
        "weekly digest",
        SUBSCRIPTION + "digest = 'weekly'\n",
        f"{IN_S}.digest (s): 'weekly' is not daily@HH:MM (e.g. daily@08:30)",
    ),
    (
        "digest past midnight",
        SUBSCRIPTION + "digest = 'daily@24:00'\n",
        f"{IN_S}.digest (s): 'daily@24:00' is not daily@HH:MM (e.g. daily@08:30)",
    ),
    (
        "digest without its day",
        SUBSCRIPTION + "digest = '08:30'\n",
        f"{IN_S}.digest (s): '08:30' is not daily@HH:MM (e.g. daily@08:30)",
    ),
    (
        "unknown service",
        SUBSCRIPTION.replace("json://h/x", f"nosuchservice://me:{TOKEN}@h/{TOKEN}"),
        f"{IN_S}.url (s): Apprise cannot use nosuchservice://<unreadable URL>: invalid URL or unsupported service",
    ),
    (
        "service without its chat",
        SUBSCRIPTION.replace("json://h/x", f"tgram://{TOKEN}"),
        f"{IN_S}.url (s): Apprise cannot use tgram://<unreadable URL>: invalid URL or unsupported service",
    ),
    (
        "second url bad",
        SUBSCRIPTION.replace("json://h/x", f"json://h/x, discord://{TOKEN}"),
        f"{IN_S}.url (s): Apprise cannot use discord://<unreadable URL>: invalid URL or unsupported service",
    ),
    (
        "one slash short",
        SUBSCRIPTION.replace("json://h/x", f"tgram:/123456789:{TOKEN}/987"),
        f"{IN_S}.url (s): a part (not shown: it may hold a token) is neither an Apprise URL (scheme://…)"
        " nor an existing Apprise config file",
    ),
    (
        "missing apprise file",
        SUBSCRIPTION.replace("json://h/x", "no-such-apprise.yml"),
        f"{IN_S}.url (s): 'no-such-apprise.yml' is neither an Apprise URL (scheme://…)"
        " nor an existing Apprise config file",
    ),
    (
        "tag without apprise_config",
        "[[subscriptions]]\nname = 's'\nurl = ''\ntag = 'desk'\n",
        f"{IN_S}.tag (s): 'desk' needs alerts.apprise_config (an Apprise config file) to pick services from",
    ),
]


@pytest.mark.parametrize(("content", "line"), [(c, w) for _, c, w in BAD_VALUES], ids=[i for i, _, _ in BAD_VALUES])
def test_every_bad_value_is_one_line_naming_file_key_and_problem(tmp_path: Path, content: str, line: str) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}: {line}"
    assert read_config(path).problems == (f"{path}: {line}",)
    assert TOKEN not in str(caught.value)


def test_secrets_in_bad_urls_are_never_repeated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(
        "[database]\nurl = 'mysql://me:hunter2@db/x'\n[workers]\nredis_url = 'http://:hunter2@q:6379/0'\n"
        "[[subscriptions]]\nname = 's'\nurl = \"json://h/hunter2\\n\"\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SIGNWATCH_DATABASE_URL", "mongodb://me:hunter2@db/x")
    problems = read_config(path).problems
    assert len(problems) == 4 and not any("hunter2" in line for line in problems)
    assert problems[-1] == "$SIGNWATCH_DATABASE_URL: must be a sqlite:/// or postgresql+psycopg:// URL"


def test_an_apprise_config_file_named_as_the_url_must_exist(tmp_path: Path) -> None:
    apprise_file = tmp_path / "apprise.yml"
    path = tmp_path / "signwatch.toml"
    path.write_text(SUBSCRIPTION.replace("json://h/x", str(apprise_file)), encoding="utf-8")
    assert read_config(path).problems == (
        f"{path}: {IN_S}.url (s): {str(apprise_file)!r} is neither an Apprise URL (scheme://…)"
        " nor an existing Apprise config file",
    )
    apprise_file.write_text("urls:\n  - json://h/x\n", encoding="utf-8")
    assert read_config(path).problems == ()


@pytest.mark.parametrize(
    ("kinds", "digest", "url"),
    [
        (["signing"], "daily@08:30", "json://h/x"),
        (["Investment", " health "], " daily@7:05 ", "json://h/x, tgram://123456789:AAHtoken/987"),
        (["gossip"], "", "json://h/x"),
        ([], "weekly", "json://h/x"),
        ([], "daily@24:00", "json://h/x"),
        ([], "daily@08:60", "json://h/x"),
        ([], "", "nosuchservice://h/x"),
        ([], "", "tgram://"),
        ([], "", "json://h/x not-a-file"),
    ],
)
def test_the_config_and_the_alerts_agree_on_subscriptions(kinds: list[str], digest: str, url: str) -> None:
    """A [[subscriptions]] entry loads exactly when `subscribe add` (and the sync) would take it."""
    from monitor.alerts.subscriptions import SubscriptionSpec, _normalise

    entry = SubscriptionSettings(name="s", url=url, kinds=kinds, digest=digest)
    spec = SubscriptionSpec(name="s", target=url, kinds=tuple(kinds), digest=digest or None)
    try:
        _normalise(spec, "")
        taken = True
    except InputError:
        taken = False
    assert (value_problems(entry) == []) == taken


# Values at the edges of their ranges, and the spellings every range allows: all load.
GOOD_EDGES = [
    "[crawler]\nmax_page_bytes = 1\nretries = 0\nmax_redirects = 0\ndownload_delay = 0\ntimeout = 0.01\n",
    "[crawler]\nmax_page_bytes = 1073741824\nconcurrency_per_domain = 64\ncrawl_timeout = 0.5\n",
    "[crawler]\nuser_agent = 'bot {{v1}} ({contact})'\n",
    "[alerts]\nmax_attempts = 1\nbackoff_seconds = 5\nbackoff_max_seconds = 5\nclaim_lease_seconds = 1\n",
    "[alerts]\ntimezone = 'UTC'\nbody_format = 'html'\nmax_event_age_days = 1\ntitle_template = '【{kind}】{place}'\n",
    "[database]\nurl = 'postgresql+psycopg://me:pw@db/x'\n[workers]\nredis_url = 'rediss://q:6380/1'\n",
    SOURCE + "revisit_days = 0\npage_limit = 1\nschedule = '0 */6 * * *'\nencoding = 'gb18030'\n",
    SOURCE + "allowed_domains = ['.a.cn']\nfeeds = ['https://a.cn/feed.xml']\n",
    SOURCE.replace("'http://a.cn/'", "'http://宝山.中国/新闻/'") + "allowed_domains = ['宝山.中国']\n",
    SOURCE.replace("['http://a.cn/']", "[]") + "sitemaps = ['http://a.cn/sitemap.xml']\n",
    # A generic source with no link rule: its article links are chosen by their shape (docs/sites.md).
    GENERIC,
    GENERIC + "link_xpath = '//ul/li/a'\n",
    GENERIC + "article_pattern = '/news/\\d+\\.html$'\n",
    "[alerts]\napprise_config = 'apprise.yml'\n"
    "[[subscriptions]]\nname = 'by tag'\nurl = ''\ntag = 'desk'\nmin_amount = 0\n",
    SUBSCRIPTION + "kinds = ['signing', 'investment', 'health']\ndigest = 'daily@0:00'\n",
    SUBSCRIPTION + "kinds = ['Signing', ' health ']\ndigest = 'daily@23:59'\n",  # as `subscribe add` takes them
    SUBSCRIPTION.replace("json://h/x", f"json://h/x, jsons://me:pw@h:8443/a/b tgram://123456789:{TOKEN}/987"),
    SUBSCRIPTION + "tag = 'desk'\n",  # a tag narrowing the URL's services needs no apprise_config
]


@pytest.mark.parametrize("content", GOOD_EDGES)
def test_values_at_the_edges_load(tmp_path: Path, content: str) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(content, encoding="utf-8")
    assert read_config(path).problems == ()
    load_settings(path)


def test_every_setting_has_a_range_and_a_reason_and_the_defaults_are_in_range() -> None:
    keys = [key for key, _range, _why in setting_ranges()]
    expected: list[str] = []

    def walk(cls: type, prefix: str) -> None:
        hints = typing.get_type_hints(cls)
        for spec in fields(cls):
            hint = hints[spec.name]
            if spec.name in ("path", "notices"):
                continue  # filled in by signwatch, never read from a file
            if is_dataclass(hint):
                walk(hint, f"{prefix}{spec.name}.")  # type: ignore[arg-type]
            elif typing.get_origin(hint) is list and is_dataclass(typing.get_args(hint)[0]):
                walk(typing.get_args(hint)[0], f"{prefix}{spec.name}[].")
            else:
                expected.append(prefix + spec.name)

    walk(Settings, "")
    assert keys == expected
    assert all(text and why for _key, text, why in setting_ranges())
    defaults = Settings()
    for table in (defaults, defaults.database, defaults.archive, defaults.crawler, defaults.alerts, defaults.workers):
        assert value_problems(table) == []


@pytest.mark.parametrize(
    "schedule",
    ["30m", "6h", "1d", "90s", " 6h ", "0m", "6 hours", "", "0 */6 * * *", "61 * * * *", "* * * *", "x y z w v"],
)
def test_the_config_and_the_scheduler_agree_on_schedules(schedule: str) -> None:
    """The config checks schedules without the scheduler's module; it must accept exactly what that parses."""
    try:
        parse_schedule(schedule)
        parses = True
    except ConfigError:
        parses = False
    entry = SourceSettings(name="a", type="zblog", start_urls=["http://a.cn/"], schedule=schedule)
    assert (source_problems(entry) == []) == parses


def test_several_problems_load_as_the_first_saying_how_many_more(tmp_path: Path) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text("[crawler]\ntimeout = 0\nmax_page_bytes = 0\n[alerts]\nmax_attempts = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == (
        f"{path}: crawler.timeout: must be more than 0, not 0 (and 2 more: signwatch sources check)"
    )


def test_problems_in_a_sources_file_name_that_file(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(SOURCE + "page_limit = 0\n" + SOURCE, encoding="utf-8")
    path = tmp_path / "signwatch.toml"
    path.write_text("sources_file = 'sources.toml'\n" + GOOD.split("data_dir")[0] + SOURCE, encoding="utf-8")
    assert read_config(path).problems == (
        f"{tmp_path / 'sources.toml'}: sources[0].page_limit (a): must be at least 1, not 0",
        f"{tmp_path / 'sources.toml'}: sources[0] (a): duplicate source name",
        f"{tmp_path / 'sources.toml'}: sources[1] (a): duplicate source name",
    )


def test_unreadable_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings(tmp_path)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00data")
    with pytest.raises(ConfigError):
        load_settings(binary)
    (tmp_path / "broken.toml").write_text("[database\n", encoding="utf-8")
    assert [line.split(": ")[1] for line in read_config(tmp_path / "broken.toml").problems] == ["not valid TOML"]


def test_good_config_relative_paths_follow_the_file(tmp_path: Path) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(GOOD, encoding="utf-8")
    settings = load_settings(path)
    assert settings.path == str(path)
    assert settings.data_path == tmp_path / "data"
    assert settings.archive_path == tmp_path / "data" / "archive"
    assert settings.database_url == "sqlite:///x.db"
    assert settings.crawler.download_delay == 2.0
    assert settings.source("bs-cfw").schedule == "30m"
    with pytest.raises(ConfigError, match="unknown source 'nope'"):
        settings.source("nope")


def test_shipped_configs_load() -> None:
    examples = load_settings(ROOT / "examples" / "sources.example.toml")
    assert len(examples.sources) == 5 and read_config(ROOT / "examples" / "sources.example.toml").problems == ()


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
    ("content", "line"),
    [
        (
            "[cluster]\n[workers]\n",
            "both [cluster] and [workers]: [cluster] is the old name of [workers]; keep [workers] only",
        ),
        ("[cluster]\nredis_ur = 'x'\n", "unknown key 'cluster.redis_ur'"),  # named as the file spells it
        ("[cluster]\nworker_timeout = 'soon'\n", "cluster.worker_timeout: expected a number, got string 'soon'"),
        ("[cluster]\nworker_timeout = 0\n", "cluster.worker_timeout: must be at least 1, not 0"),
    ],
)
def test_renamed_table_errors_are_one_line(tmp_path: Path, content: str, line: str) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}: {line}"


# --- through the signwatch command ---------------------------------------------------


def signwatch(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``signwatch --config CONFIG ARGS`` as a user does, in the config's folder."""
    return run_signwatch("--config", str(config), *args, cwd=config.parent, timeout=120)


def _row(name: str) -> tuple[str, str]:
    [(content, line)] = [(c, w) for i, c, w in BAD_VALUES if i == name]
    return content, line


# Rows of the table, each refused by a different command: loading is where the check is.
BY_COMMAND = [
    ("no page size limit", ["crawl", "--all"]),
    ("no attempt", ["alerts", "send"]),
    ("unknown zone", ["run"]),
    ("javascript url", ["articles"]),
    ("css", ["sources"]),
    ("negative lease", ["subscribe", "list"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("row", "command"), BY_COMMAND)
def test_every_command_refuses_a_bad_value_in_one_line(tmp_path: Path, row: str, command: list[str]) -> None:
    content, line = _row(row)
    config = tmp_path / "signwatch.toml"
    config.write_text(content, encoding="utf-8")
    result = signwatch(config, *command)
    assert (result.returncode, result.stderr, result.stdout) == (2, f"signwatch: error: {config}: {line}\n", "")
    assert not (tmp_path / "signwatch-data").exists()  # refused before anything was opened


# A bad kind, a bad digest and Apprise URLs Apprise cannot use (holding a token):
# whatever the command, it stops on loading the config, in one line without the token.
BAD_SUBSCRIPTIONS = ["unknown kind", "weekly digest", "unknown service", "one slash short"]
COMMANDS = [
    ["sources"],
    ["sources", "check"],
    ["articles"],
    ["alerts"],
    ["alerts", "send"],
    ["subscribe", "list"],
    ["run"],
]


@pytest.mark.slow
@pytest.mark.parametrize("row", BAD_SUBSCRIPTIONS)
def test_every_command_refuses_a_bad_subscription_on_load(tmp_path: Path, row: str) -> None:
    content, line = _row(row)
    config = tmp_path / "signwatch.toml"
    config.write_text(content, encoding="utf-8")
    # Every command for the first row; for the others, two commands in turn (each command
    # still meets every kind of bad value over the rows, at a third of the processes).
    index = BAD_SUBSCRIPTIONS.index(row)
    commands = (
        COMMANDS if index == 0 else [COMMANDS[(2 * index) % len(COMMANDS)], COMMANDS[(2 * index + 1) % len(COMMANDS)]]
    )
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda command: signwatch(config, *command), commands))
    for command, result in zip(commands, results, strict=True):
        assert (result.returncode, result.stderr, result.stdout) == (2, f"signwatch: error: {config}: {line}\n", ""), (
            command
        )
        assert TOKEN not in result.stderr
    assert not (tmp_path / "signwatch-data").exists()  # refused before anything was opened


@pytest.mark.slow
def test_sources_check_lists_every_problem(tmp_path: Path) -> None:
    # Listed table by table: the top-level tables, [[subscriptions]], then [[sources]].
    rows = ["no page size limit", "no attempt", "redis over http", "negative floor", "file url", "css"]
    config = tmp_path / "signwatch.toml"
    # Tables first, then the arrays of tables, as TOML wants a table's keys together.
    contents = [_row(row)[0] for row in rows]
    config.write_text(
        "\n".join(c for c in contents if c.startswith("[") and not c.startswith("[["))
        + "\n"
        + "\n".join(c for c in contents if c.startswith("[[")),
        encoding="utf-8",
    )
    result = signwatch(config, "sources", "check")
    assert result.returncode == 2 and result.stdout == ""
    lines = [_row(row)[1] for row in rows]
    lines[-1] = lines[-1].replace("sources[0]", "sources[1]")  # the second [[sources]] of this file
    assert result.stderr.splitlines() == [f"signwatch: error: {config}: {line}" for line in lines]
    # Any other command says the first and how many more.
    first = signwatch(config, "articles")
    assert first.stderr == (
        f"signwatch: error: {config}: {_row(rows[0])[1]} (and {len(rows) - 1} more: signwatch sources check)\n"
    )


@pytest.mark.slow
def test_sources_check_passes_the_shipped_example() -> None:
    result = signwatch(ROOT / "examples" / "sources.example.toml", "sources", "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "5 source(s) ok\n", "")


def test_crawler_settings_made_in_code_cannot_reach_scrapy_out_of_range() -> None:
    """The crawl's Scrapy settings are made from checked values only: 0 would be no page size limit at all."""
    from crawler.politeness import scrapy_overrides

    assert scrapy_overrides(CrawlerSettings())["DOWNLOAD_MAXSIZE"] == 8 * 1024 * 1024
    with pytest.raises(ConfigError) as caught:
        scrapy_overrides(CrawlerSettings(max_page_bytes=0))
    assert str(caught.value) == "crawler.max_page_bytes: must be at least 1, not 0"


# Values of every kind TOML has, odd ones included.
ODD_VALUES = [
    *["0", "-1", "3.5", "1e308", "-inf", "nan", "true", "[]", '[""]', "{}", "[{}]"],
    *['""', '" "', '"x"', '"\\u0000"', '"{"', '"(("', '"::"', '"a b c d e"', '"http://"', '"../../x"'],
]


def test_no_value_of_any_key_escapes_as_anything_but_problem_lines(tmp_path: Path) -> None:
    """Every key set to every kind of odd value: read_config answers settings or one-line problems, never raises."""
    path = tmp_path / "signwatch.toml"
    tables = ["database", "archive", "crawler", "alerts", "workers", "cluster", "sources", "subscriptions"]
    for key in [*tables, *(key for key, _range, _why in setting_ranges())]:
        table, _, name = key.rpartition(".")
        for value in ODD_VALUES:
            if table == "":
                content = f"{name} = {value}\n"
            elif table.endswith("[]"):
                base = SOURCE if table == "sources[]" else "[[subscriptions]]\nname = 's'\nurl = 'json://h/x'\n"
                content = "\n".join(line for line in base.splitlines() if not line.startswith(f"{name} ="))
                content += f"\n{name} = {value}\n"
            else:
                content = f"[{table}]\n{name} = {value}\n"
            path.write_text(content, encoding="utf-8")
            reading = read_config(path)
            assert (reading.settings is None) == bool(reading.problems), content
            assert all(line.startswith(f"{path}: ") and "\n" not in line for line in reading.problems), content


def test_a_crawl_child_does_not_ask_apprise_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crawl's child reads a config its parent command checked: the (seconds-long) Apprise check is skipped."""
    from monitor.subscription_terms import TARGETS_CHECKED_BY_PARENT, target_problem

    unknown = "nosuchservice://host/path"
    assert target_problem(unknown) is not None
    monkeypatch.setenv(TARGETS_CHECKED_BY_PARENT, "1")
    assert target_problem(unknown) is None
    assert target_problem("tgram:/not-a-url") is not None  # the cheap checks still hold
