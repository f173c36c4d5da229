"""``signwatch extract`` on the seeds, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.events.events_seedtext import seed_path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


def test_extract_json_of_seed_003() -> None:
    result = _run("extract", "--json", str(seed_path("003")))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"published", "signing", "events", "figures", "flags", "projects", "place"}
    assert set(document["projects"]) == {"parties", "projects", "stages", "industry", "industry_words"}
    assert document["flags"] == []
    [event] = document["events"]
    assert event["place"]["county"] == "金山区"
    assert document["place"] == event["place"]  # where the article is: its first placed event's place
    assert set(event) == {"kind", "status", "place", "date", "parties", "projects", "figures", "parts", "evidence"}
    assert set(document["figures"][0]) == {
        "text",
        "value",
        "max",
        "currency",
        "qualifier",
        "kind",
        "bracket",
        "investment",
        "projects",
        "evidence",
    }


def test_extract_summary_of_seed_000() -> None:
    result = _run("extract", str(seed_path("000")))
    assert result.returncode == 0, result.stderr
    assert "集中签约 (done) 上海市宝山区 2021-08-26, 100 projects" in result.stdout


def test_extract_missing_file_is_one_line_error() -> None:
    result = _run("extract", "no-such-file.txt")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("signwatch: error: cannot read no-such-file.txt")
