"""Alerts: subscriptions, filters, the outbox, delivery through Apprise, digests and source health.

The pieces, in the order an alert meets them:

- ``subscriptions`` - who follows what, validated by Apprise; secrets masked (``masking``); the
  kinds, digest times and target checks they share with the config are ``monitor.subscription_terms``;
- ``filters`` - kinds, places (with the division hierarchy), minimum investment, keywords;
- ``policy`` - which stored events a subscription is alerted for (fresh, newer than the
  subscription, never twice), whatever stored them: a crawl, import or reprocess;
- ``queueing`` / ``outbox`` - outbox rows written in the transaction that stored the events;
- ``backfill`` - ``subscribe add --backfill DAYS``: one digest of the recent past;
- ``dispatch`` - claim, send, mark: retries with backoff, digests at their time;
- ``render`` - the Chinese messages and their templates;
- ``health`` - alerts when a source breaks and when it recovers.

The local HTTP sink for Apprise ``json://`` posts (tests, bench, demo) is ``monitor.demo.sink``.
"""

from __future__ import annotations

from monitor.alerts.alert_event import AlertEvent, Amount
from monitor.alerts.backfill import queue_backfill
from monitor.alerts.dispatch import Dispatcher, DispatchReport, deliver_due
from monitor.alerts.health import SourceHealth, check_source_health, source_health
from monitor.alerts.outbox import queue_events, queue_health, retry_now
from monitor.alerts.policy import AlertPolicy
from monitor.alerts.queueing import queue_alerts
from monitor.alerts.subscriptions import (
    SubscriptionSpec,
    add_subscription,
    check_target,
    remove_subscription,
    sync_config_subscriptions,
)
from monitor.subscription_terms import quiet_apprise_plugins

# Apprise loads its plugins on first use, not on import: quieted here, before anything of alerts uses them.
quiet_apprise_plugins()

__all__ = [
    "AlertEvent",
    "AlertPolicy",
    "Amount",
    "DispatchReport",
    "Dispatcher",
    "SourceHealth",
    "SubscriptionSpec",
    "add_subscription",
    "check_source_health",
    "check_target",
    "deliver_due",
    "queue_alerts",
    "queue_backfill",
    "queue_events",
    "queue_health",
    "remove_subscription",
    "retry_now",
    "source_health",
    "sync_config_subscriptions",
]
