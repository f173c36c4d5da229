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
    # Most starts change nothing: find that out without the write lock, so a
    # command started beside a busy import does not queue behind its writes.
    with db.reading() as session:
        sync_config_subscriptions(session, settings.subscriptions, settings.alerts.apprise_config, apply=False)
        unchanged = not (session.new or session.deleted or any(session.is_modified(row) for row in session.dirty))
        session.rollback()
    if not unchanged:
        with db.session() as session:
            sync_config_subscriptions(session, settings.subscriptions, settings.alerts.apprise_config)
    return db
