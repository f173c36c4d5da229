"""Opening the store for work: migrate it, then bring in the config file's subscriptions.

Every entry point that stores articles (CLI commands, the daemon, the crawl
child, the demo) opens the store through ``open_store``, so subscriptions
declared in ``signwatch.toml`` exist before the first article is stored and
its alerts are queued.
"""

from __future__ import annotations

from monitor.alerts.subscriptions import sync_config_subscriptions
from monitor.config import Settings
from monitor.store import Database


def open_store(settings: Settings) -> Database:
    """The settings' database, migrated, with config subscriptions in sync."""
    db = Database.from_settings(settings)
    db.upgrade()
    with db.session() as session:
        sync_config_subscriptions(session, settings.subscriptions, settings.alerts.apprise_config)
    return db
