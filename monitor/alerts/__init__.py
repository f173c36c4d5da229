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

from monitor.subscription_terms import quiet_apprise_plugins

# The package imports none of its modules: a process that needs one (the
# health of sources, a listing) must not pay for the extraction and Apprise
# the others pull in.  Import from the module that holds the name.

# Apprise loads its plugins on first use, not on import: quieted here, before anything of alerts uses them.
quiet_apprise_plugins()
