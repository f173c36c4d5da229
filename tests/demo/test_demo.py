"""``signwatch demo``: the whole job offline; the second pass alerts only the new event."""

from __future__ import annotations

import json
from pathlib import Path

from monitor.demo.tour import NEW_TITLE, REPOST_TITLE, run_demo
from tests.running.conftest import signwatch


def test_demo_alerts_new_event_once_and_repost_never(tmp_path: Path) -> None:
    report = run_demo(tmp_path / "demo")
    first, second = report.passes
    assert first.new_articles >= 30 and first.events > 0 and first.alerts > 0
    assert second.new_articles == 2  # the new article and the repost
    assert second.events == 2
    assert second.alerts == 1
    assert "上海市金山区" in second.received[0].body and "86亿元" in second.received[0].body
    # The repost joined the cluster of the seed-000 signing the first pass saw.
    baoshan = [
        e
        for e in report.events
        if e["place"]["county"] == "宝山区" and e["projects"] == 100 and e["kind"] == "集中签约"
    ]
    titles = {e["article"]["title"] for e in baoshan}
    assert REPOST_TITLE in titles and len(baoshan) >= 2
    assert len({e["cluster"] for e in baoshan}) == 1
    assert any(e["article"]["title"] == NEW_TITLE for e in report.events)


def test_demo_command_json(tmp_path: Path) -> None:
    result = signwatch("demo", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [sorted(p) for p in document["passes"]] == [
        ["alerts", "duplicates", "events", "new_articles", "revisions"]
    ] * 2
    assert document["passes"][1]["alerts"] == 1
    assert document["events"]
    assert not (tmp_path / "signwatch-data").exists()  # a temporary data directory unless one is given
