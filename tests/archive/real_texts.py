"""Real texts as an archive to import: the seeds, reposts of them, labelled cluster reports, project stages.

Shared by the reprocess tests that build a store from real input: the
seeds and reposts of them (the same signings filed again, joining the
seeds' clusters), the labelled cluster reports of blind2026 and blind2026b
and the project-stage link articles (each with its publication day as a
dateline when the set gives one), and the mirror's project lifecycle.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime
from pathlib import Path

from monitor.alerts.policy import AlertPolicy
from monitor.archive.files import format_name
from monitor.archive.importer import file_hash
from monitor.demo.mirror.lifecycles import demo_lifecycle
from tests.conftest import ROOT, seed_files

# Labelled real texts: each line's text, and its publication day when the set gives one.
SETS = [
    "tests/events/eval/blind2026/clusters.jsonl",
    "tests/events/eval/blind2026b/clusters.jsonl",
    "tests/projects/eval/blind2026/links.jsonl",
    "tests/projects/eval/blind2026c/links.jsonl",
]
# Alerts for events of any age (the labelled reports are years old), judged on one fixed day.
POLICY = AlertPolicy(max_event_age_days=100_000, now=datetime(2026, 12, 3, tzinfo=UTC))


def real_texts() -> list[str]:
    """The real texts in the seed format (a dateline first when the set gives a day), each once."""
    texts = [path.read_text(encoding="utf-8") for path in seed_files()]
    texts += [t.replace("\n", "\n(转载)\n", 1) for t in texts]
    for name in SETS:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                day = row.get("published")
                texts.append(
                    f"{day[:10]} 10:00 来源:{row.get('site') or 'eval'}\n{row['text']}" if day else row["text"]
                )
    for report in demo_lifecycle(date(2026, 12, 3)):
        dateline = report.published.strftime("%Y-%m-%d %H:%M") if report.published else ""
        texts.append("\n".join([dateline, report.title or "", *report.paragraphs]).strip())
    return list(dict.fromkeys(texts))  # one file per distinct text, as the archive keeps them


def archive_dir(directory: Path, shuffle: int | None = None) -> Path:
    """``directory`` holding the real texts as archive files, in their order or shuffled by the seed ``shuffle``."""
    texts = real_texts()
    if shuffle is not None:
        random.Random(shuffle).shuffle(texts)
    directory.mkdir()
    for sequence, content in enumerate(texts):
        data = content.encode("utf-8")
        (directory / format_name(sequence, file_hash(data))).write_bytes(data)
    return directory
