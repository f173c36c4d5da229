"""The settings: one frozen dataclass per table, each field with its default, its range and why.

``setting_ranges()`` (monitor.config.checks) prints the whole table of key,
range and reason from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from monitor.config.ranges import (
    ALERT_KIND,
    BOOLEAN,
    HTTP_URL,
    NAME,
    PATH,
    PROJECT_STAGE,
    SECONDS,
    SITE_TYPE,
    TEMPLATE,
    Range,
    allowed,
    apprise_target_problem,
    charset_problem,
    choice,
    css_problem,
    database_url_problem,
    digest_time_problem,
    domain_problem,
    host_problem,
    numbers,
    optional,
    password_hash_problem,
    redis_url_problem,
    regex_problem,
    schedule_problem,
    text,
    time_zone_problem,
    user_agent_problem,
    xpath_problem,
)
from monitor.errors import ConfigError

DEFAULT_DATA_DIR = Path("signwatch-data")

# Field metadata marking a setting signwatch fills in itself, never read from a file.
NOT_IN_FILE = "signwatch_not_in_file"


@dataclass(frozen=True)
class DatabaseSettings:
    """Where the store lives; empty ``url`` means SQLite in the data directory."""

    url: str = field(
        default="",
        metadata=allowed(
            optional(Range("sqlite:/// or postgresql+psycopg:// URL", database_url_problem)),
            "the store runs on SQLite and PostgreSQL only",
        ),
    )
    echo: bool = field(default=False, metadata=allowed(BOOLEAN, "log every SQL statement"))


@dataclass(frozen=True)
class ArchiveSettings:
    """Where the content-hash archive lives (empty ``dir``: ``<data_dir>/archive``) and how its files are laid out."""

    dir: str = field(default="", metadata=allowed(PATH, '"" is <data_dir>/archive'))
    layout: str = field(
        default="flat",
        metadata=allowed(choice("flat", "sharded"), "sharded: files in subdirectories by hash prefix (large archives)"),
    )


@dataclass(frozen=True)
class CrawlerSettings:
    """Politeness and limits shared by every spider."""

    user_agent: str = field(
        default="signwatch/0.1 (+{contact})",
        metadata=allowed(
            Range("one line naming at most {contact}", user_agent_problem),
            "an HTTP header: a line break would split it, an unknown {name} cannot be filled in",
        ),
    )
    contact: str = field(
        default="https://example.invalid/signwatch",
        metadata=allowed(text(), "goes into the User-Agent header, which is one line"),
    )
    obey_robots: bool = field(default=True, metadata=allowed(BOOLEAN, "robots.txt is obeyed unless false"))
    download_delay: float = field(
        default=1.0,
        metadata=allowed(
            numbers(0, 3600), "seconds between requests to a site; negative means nothing, an hour is a typo"
        ),
    )
    concurrency_per_domain: int = field(
        default=2,
        metadata=allowed(numbers(1, 64), "0 would never fetch anything; more than 64 at one site is not polite"),
    )
    timeout: float = field(
        default=30.0,
        metadata=allowed(numbers(0, 3600, above=True), "Scrapy's DOWNLOAD_TIMEOUT: 0 or less fails every request"),
    )
    max_page_bytes: int = field(
        default=8 * 1024 * 1024,
        metadata=allowed(
            numbers(1, 1024**3),
            "Scrapy's DOWNLOAD_MAXSIZE: 0 is no limit at all (a 4 MB gzip bomb grew to 4 GB); 1 GiB is Scrapy's cap",
        ),
    )
    retries: int = field(
        default=3,
        metadata=allowed(
            numbers(0, 20), "0 is no retry; each waits up to 2 minutes, so 20 already hold one page for 40"
        ),
    )
    max_redirects: int = field(
        default=5, metadata=allowed(numbers(0, 20), "0 follows none; Scrapy's own default is 20")
    )
    crawl_timeout: float = field(
        default=1800.0,
        metadata=allowed(SECONDS, "a crawl still running after this is killed; 0 would be never to Scrapy"),
    )


@dataclass(frozen=True)
class SourceSettings:
    """One site to watch: which spider type reads it and how often.

    ``schedule`` is an interval (``30m``, ``6h``, ``1d``) or a five-field cron
    expression.  ``revisit_days`` re-checks stored article URLs published
    within that many days (0: never re-check).
    """

    name: str = field(metadata=allowed(NAME, "named on the command line and in one-line logs (source=NAME)"))
    type: str = field(metadata=allowed(SITE_TYPE, "picks the spider and the cleaning rules"))
    start_urls: list[str] = field(
        metadata=allowed(HTTP_URL, "fetched by the crawler: file://, javascript: and the like must never be")
    )
    allowed_domains: list[str] = field(
        default_factory=list,
        metadata=allowed(Range("bare host names", domain_problem), "Scrapy compares link hosts with them"),
    )
    schedule: str = field(
        default="6h",
        metadata=allowed(
            Range("an interval (30m, 6h, 1d) or a five-field cron expression", schedule_problem),
            "read by the scheduler of run and daemon",
        ),
    )
    page_limit: int = field(
        default=200,
        metadata=allowed(numbers(1, 1_000_000), "pages per run: 0 or less crawls nothing; a million is a typo"),
    )
    encoding: str = field(
        default="",
        metadata=allowed(optional(Range("a text encoding", charset_problem)), '"" reads the page\'s own charset'),
    )
    enabled: bool = field(default=True, metadata=allowed(BOOLEAN, "false keeps the source but never crawls it"))
    feeds: list[str] = field(default_factory=list, metadata=allowed(HTTP_URL, "fetched by the crawler"))
    sitemaps: list[str] = field(default_factory=list, metadata=allowed(HTTP_URL, "fetched by the crawler"))
    link_css: str = field(
        default="",
        metadata=allowed(
            optional(Range("a CSS selector of elements", css_problem)), "chooses a listing's article links"
        ),
    )
    link_xpath: str = field(
        default="",
        metadata=allowed(optional(Range("an XPath", xpath_problem)), "chooses a listing's article links"),
    )
    article_pattern: str = field(
        default="",
        metadata=allowed(
            optional(Range("a regular expression", regex_problem)), "searched in every link to find articles"
        ),
    )
    revisit_days: int = field(
        default=0, metadata=allowed(numbers(0, 3650), "0 never re-checks; negative means nothing")
    )


@dataclass(frozen=True)
class SubscriptionSettings:
    """A subscription declared in the config file (see ``signwatch subscribe``)."""

    name: str = field(metadata=allowed(text(longest=200), "as `signwatch subscribe add --name` takes it"))
    # Never repeated in a message: a webhook URL carries its token (a bad one is named masked).
    url: str = field(
        metadata=allowed(
            optional(
                Range(
                    "Apprise URLs Apprise can use, or Apprise config files that exist (separated by spaces or commas)",
                    apprise_target_problem,
                )
            ),
            'where the alerts go; "" with a tag of alerts.apprise_config',
        )
    )
    places: list[str] = field(default_factory=list, metadata=allowed(text(), "an empty place matches nothing"))
    kinds: list[str] = field(
        default_factory=list,
        metadata=allowed(ALERT_KIND, "the kinds of alert wanted; none is every kind"),
    )
    min_amount: float = field(
        default=0.0, metadata=allowed(numbers(0), "yuan; a negative floor means nothing (and hid a sign slip)")
    )
    keywords: list[str] = field(default_factory=list, metadata=allowed(text(), "an empty keyword matches all"))
    stages: list[str] = field(
        default_factory=list,
        metadata=allowed(PROJECT_STAGE, "project stages to be told of (开工: a signed project breaks ground)"),
    )
    digest: str = field(
        default="",
        metadata=allowed(optional(Range("daily@HH:MM", digest_time_problem)), '"" sends each alert at once'),
    )
    tag: str = field(default="", metadata=allowed(text(empty=True), "a tag of alerts.apprise_config instead of a URL"))


@dataclass(frozen=True)
class AlertSettings:
    """Outbox delivery: retries, backoff, templates and source-health thresholds."""

    max_attempts: int = field(
        default=6,
        metadata=allowed(numbers(1, 100), "0 or less marks every alert failed without one attempt"),
    )
    backoff_seconds: float = field(
        default=60.0,
        metadata=allowed(numbers(0, 86400, above=True), "0 or less retries a failing service in a tight loop"),
    )
    backoff_max_seconds: float = field(
        default=3600.0,
        metadata=allowed(numbers(0, 7 * 86400, above=True), "the cap of the doubling; at least backoff_seconds"),
    )
    health_failures: int = field(
        default=3, metadata=allowed(numbers(1, 1000), "failed or empty runs in a row; 0 would alert on every run")
    )
    title_template: str = field(default="", metadata=allowed(TEMPLATE, '"" is the built-in title'))
    body_template: str = field(default="", metadata=allowed(TEMPLATE, '"" is the built-in body'))
    # Templates of a digest message: its title, and one line per event.
    digest_title_template: str = field(default="", metadata=allowed(TEMPLATE, '"" is the built-in title'))
    digest_line_template: str = field(default="", metadata=allowed(TEMPLATE, '"" is the built-in line'))
    # How message bodies are marked up: text (Apprise escapes for each
    # service), markdown or html (signwatch escapes web text itself).
    body_format: str = field(
        default="text", metadata=allowed(choice("text", "markdown", "html"), "the markups messages are escaped for")
    )
    # A row being sent is someone's for this long; a dispatcher that died
    # leaves it to be sent again after the lease runs out.
    claim_lease_seconds: float = field(
        default=300.0,
        metadata=allowed(
            numbers(1, 86400), "a lease under a second runs out while the message is sent: it would be sent twice"
        ),
    )
    # Digest times (daily@HH:MM) are read in this time zone.
    timezone: str = field(
        default="Asia/Shanghai",
        metadata=allowed(
            Range("an IANA time zone", time_zone_problem), "an unknown zone fails every later `alerts send`"
        ),
    )
    # An Apprise config file whose tags subscriptions may name instead of a URL.
    apprise_config: str = field(default="", metadata=allowed(PATH, "read when the subscriptions are synced"))
    # No alert for an event older than this by its own date (a reprocess or an
    # import of old articles must not page anyone about 2021).
    max_event_age_days: int = field(
        default=14, metadata=allowed(numbers(1, 3650), "0 or less would alert on no event at all")
    )


@dataclass(frozen=True)
class WorkersSettings:
    """The ``[workers]`` table, the crawl shared through Redis: empty ``redis_url`` means one host, no Redis.

    ``key_prefix`` names every Redis key of this deployment (two deployments
    can share one Redis).  A run's request fingerprints expire after
    ``seen_ttl_hours``; a worker whose heartbeat is older than
    ``worker_timeout`` seconds is dead and its unfinished requests go back to
    the queue.  (The table was ``[cluster]`` before; the keys in Redis did not
    change with the name, so a running deployment's queue carries on.)
    """

    redis_url: str = field(
        default="",
        metadata=allowed(
            optional(Range("a redis://, rediss:// or unix:// URL", redis_url_problem)), '"" is one host, no Redis'
        ),
    )
    key_prefix: str = field(
        default="signwatch",
        metadata=allowed(text(spaces=False), "starts every Redis key: empty would mix deployments' keys"),
    )
    seen_ttl_hours: float = field(
        default=48.0,
        metadata=allowed(numbers(0, 8760, above=True), "0 or less forgets what a run fetched while it runs"),
    )
    worker_timeout: float = field(
        default=30.0,
        metadata=allowed(numbers(1, 86400), "under a second, live workers look dead and their requests run twice"),
    )


@dataclass(frozen=True)
class WorkbenchSettings:
    """The ``[workbench]`` table: where ``signwatch serve`` listens, and who may look and edit.

    With no hash set the workbench has no login and listens only on the
    loopback addresses.  A viewer may read every page; an editor may also
    add, test and remove subscriptions.  A hash is what ``signwatch serve
    --hash-password`` prints: the password (given as HTTP Basic's password, or
    as a Bearer token) is never stored.
    """

    host: str = field(
        default="127.0.0.1",
        metadata=allowed(
            Range("a host name or IP address", host_problem),
            "any address but 127.0.0.1, ::1 or localhost needs a viewer or editor hash",
        ),
    )
    port: int = field(default=8000, metadata=allowed(numbers(1, 65535), "a TCP port"))
    viewer_password_hash: str = field(
        default="",
        metadata=allowed(optional(Range("scrypt$N$r$p$salt$key", password_hash_problem)), '"" is no viewer login'),
    )
    editor_password_hash: str = field(
        default="",
        metadata=allowed(optional(Range("scrypt$N$r$p$salt$key", password_hash_problem)), '"" is no editor login'),
    )

    @property
    def has_auth(self) -> bool:
        """True when a login is configured (every page then asks for it)."""
        return bool(self.viewer_password_hash or self.editor_password_hash)


@dataclass(frozen=True)
class Settings:
    """Everything signwatch reads from its config file and environment."""

    data_dir: str = field(
        default=str(DEFAULT_DATA_DIR), metadata=allowed(text(), "the database and the archive live there")
    )
    sources_file: str = field(default="", metadata=allowed(PATH, "a separate file of [[sources]] only"))
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    crawler: CrawlerSettings = field(default_factory=CrawlerSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    workers: WorkersSettings = field(default_factory=WorkersSettings)
    workbench: WorkbenchSettings = field(default_factory=WorkbenchSettings)
    sources: list[SourceSettings] = field(default_factory=list)
    subscriptions: list[SubscriptionSettings] = field(default_factory=list)
    # The file these settings came from ("" for embedded defaults).
    path: str = field(default="", metadata={NOT_IN_FILE: True})
    # One line per deprecated spelling the file used, for the entry point to
    # print or log (never a key of the file: see NOT_IN_FILE).
    notices: tuple[str, ...] = field(default=(), compare=False, metadata={NOT_IN_FILE: True})

    @property
    def data_path(self) -> Path:
        """The data directory, relative paths taken from the working directory."""
        return Path(self.data_dir)

    @property
    def archive_path(self) -> Path:
        """The archive directory."""
        return Path(self.archive.dir) if self.archive.dir else self.data_path / "archive"

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL of the store."""
        if self.database.url:
            return self.database.url
        return f"sqlite:///{self.data_path / 'signwatch.db'}"

    def source(self, name: str) -> SourceSettings:
        """The source called ``name``; ConfigError when there is none."""
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none configured"
        raise ConfigError(f"unknown source {name!r} (known: {known})")
