"""The daemon's first polls: spread over a window that grows with the sources, within each one's interval."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.running.daemon import Daemon
from monitor.running.first_polls import first_poll_offsets, startup_window
from monitor.running.schedule import parse_schedule
from monitor.store import CrawlRun, Source, utcnow

NOW = datetime(2026, 12, 3, 12, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("sources", "schedule", "minimum", "latest"),
    [
        (1, "1d", 45.0, 45.0),  # one new source: within the minimum window, not some time in the day
        (10, "10m", 45.0, 45.0),  # a few: as before
        (100, "10m", 45.0, 50.0),  # half a second each
        (1000, "10m", 45.0, 500.0),  # a thousand every 10 minutes: 500 s of the 600, evenly
        (2000, "10m", 45.0, 600.0),  # two thousand: the whole interval
        (1000, "2m", 45.0, 120.0),  # never past the interval: each is due again by then
        (5, "30s", 45.0, 30.0),
        (1000, "*/5 * * * *", 45.0, 270.0),  # cron: before its next time (12:05:00, 270 s on)
    ],
)
def test_first_polls_spread_over_a_window_that_grows_with_the_sources(
    sources: int, schedule: str, minimum: float, latest: float
) -> None:
    offsets = first_poll_offsets([parse_schedule(schedule)] * sources, NOW, minimum, draw=random.Random(7))
    assert len(offsets) == sources
    assert all(0 <= offset < latest for offset in offsets)
    # Source i of n in the i-th n-th of the window: in order, none bunched with its neighbours.
    assert offsets == sorted(offsets)
    assert max(offsets) > latest * (sources - 1) / sources


def test_a_thousand_sources_every_ten_minutes_are_polled_evenly_from_the_start() -> None:
    offsets = first_poll_offsets([parse_schedule("10m")] * 1000, NOW, 45.0, draw=random.Random(1))
    per_fifty_seconds = Counter(int(offset // 50) for offset in offsets)
    assert per_fifty_seconds == dict.fromkeys(range(10), 100)


def test_the_window_is_the_minimum_or_half_a_second_a_source() -> None:
    assert [startup_window(n, 45.0) for n in (0, 1, 90, 92, 1000)] == [45.0, 45.0, 45.0, 46.0, 500.0]
    assert startup_window(1000, 45.0, spacing=1.0) == 1000.0


def test_the_daemon_spreads_new_and_overdue_sources_and_keeps_the_others_due_times(tmp_path: Path) -> None:
    names = [f"s{index:03d}" for index in range(600)]
    lines = [f'data_dir = "{tmp_path / "data"}"']
    for name in names:
        lines += [
            "[[sources]]",
            f'name = "{name}"',
            'type = "generic"',
            f'start_urls = ["http://127.0.0.1:9/{name}/"]',
            'schedule = "10m"',
        ]
    config = tmp_path / "signwatch.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    daemon = Daemon(config)
    # s000-s009 crawled a minute ago (due in nine minutes); s010-s019 crawled an hour ago (overdue).
    started = utcnow()
    with daemon.db.session() as session:
        for index, name in enumerate(names[:20]):
            source = Source(name=name, site_type="generic")
            session.add(source)
            session.flush()
            ago = timedelta(minutes=1) if index < 10 else timedelta(hours=1)
            session.add(CrawlRun(source_id=source.id, started_at=started - ago, status="ok"))
    daemon.schedule_sources()
    first = {job.id.removeprefix("crawl:"): job.next_run_time for job in daemon.scheduler.get_jobs()}
    daemon.db.dispose()

    assert set(first) == set(names)
    for name in names[:10]:
        assert timedelta(minutes=8) < first[name] - started <= timedelta(minutes=9, seconds=5)
    # 590 new or overdue sources: spread over 295 s (half a second each), about 20 in each 10 s.
    offsets = sorted((first[name] - started).total_seconds() for name in names[10:])
    assert offsets[0] >= 0 and offsets[-1] < 295 + 5
    per_ten_seconds = Counter(int(offset // 10) for offset in offsets)
    assert max(per_ten_seconds.values()) <= 22
