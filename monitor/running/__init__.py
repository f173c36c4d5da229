"""Running signwatch: one pass (``passes``), the daemon around it, crawls, runs, locks and schedules.

- ``passes`` - the run-once pass: crawl what is due, deliver the outbox;
- ``daemon`` - APScheduler calling the same run-once functions on each source's schedule;
- ``crawl`` - a crawl of some sources in a child process, and its outcome;
- ``workers`` - the Redis-shared crawl across machines: queueing due sources, queue status;
- ``leases`` - one crawl of a source at a time, in the database (across passes, daemons and hosts);
- ``stale`` - runs whose crawl was killed, closed as ``killed``; ``children`` - a crawl dies with its parent;
- ``runs`` / ``lock`` / ``schedule`` / ``startup`` / ``source_check`` - what a pass needs around it.
"""
