"""Whether two trees extract the same: every output of ``extract()`` on every text we hold.

    .venv/bin/python bench/check_extract_same.py --before /tmp/hspeed-before

A speed change must change no output.  This runs ``extract()`` of this tree and
of the tree at ``--before`` (a ``git worktree`` of the earlier commit), each in
its own process, over the five seeds (cleaned as the crawl cleans them), the
labelled passages, clusters and links of tests/events/eval and
tests/projects/eval (each read both as one paragraph and as title + lines),
the labelled snippets of the .tsv sets, and the mirror's generated articles and
project lifecycles; it compares each article's whole ``to_json()`` (events,
announcements, mentions, figures, flags, projects reading) and prints the
first differences.  Exit status 1 when any article differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent


def _texts(root: Path) -> Iterator[tuple[str, Any]]:
    """(label, CleanArticle) for every text of the tree at ``root``."""
    from monitor.text import clean_text
    from monitor.text.article import CleanArticle

    for path in sorted((root / "monitor" / "demo" / "mirror" / "data").glob("[0-9][0-9][0-9]_*.txt")):
        yield f"seed {path.name}", clean_text(path.read_text(encoding="utf-8"))
    beijing = datetime(2020, 1, 1).astimezone().tzinfo
    jsonl = sorted((root / "tests" / "events" / "eval").glob("*/*.jsonl"))
    jsonl += sorted((root / "tests" / "projects" / "eval").glob("*/*.jsonl"))
    for path in jsonl:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            row = json.loads(line)
            text = str(row.get("text") or "")
            published = None
            if row.get("published"):
                day = date.fromisoformat(str(row["published"])[:10])
                published = datetime(day.year, day.month, day.day, tzinfo=beijing)
            label = f"{path.relative_to(root)}:{number + 1}"
            yield f"{label} one", CleanArticle(title=None, paragraphs=(text,), published=published)
            lines = [piece.strip() for piece in text.split("\n") if piece.strip()]
            yield (
                f"{label} lines",
                CleanArticle(title=lines[0] if lines else None, paragraphs=tuple(lines[1:]), published=published),
            )
    for path in sorted((root / "tests" / "events" / "eval").glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip() and not line.startswith("#"):
                snippet = line.split("\t")[0]
                yield f"{path.relative_to(root)}:{number + 1}", CleanArticle(title=None, paragraphs=(snippet,))
    yield from _mirror_texts()


def _mirror_texts() -> Iterator[tuple[str, Any]]:
    from monitor.demo.mirror.generator import generate_article
    from monitor.demo.mirror.lifecycles import demo_lifecycle
    from monitor.text.article import CleanArticle

    start = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    for seed in (1, 7, 42):
        for site in ("site-a", "site-b", "county-news"):
            for index in range(12):
                published = start + timedelta(hours=7 * index)
                made = generate_article(seed, site, index, published)
                yield (
                    f"mirror {seed}/{site}/{index}",
                    CleanArticle(title=made.title, paragraphs=made.paragraphs, published=made.published),
                )
    for number, report in enumerate(demo_lifecycle(date(2026, 12, 3))):
        yield (
            f"lifecycle {number}",
            CleanArticle(title=report.title, paragraphs=report.paragraphs, published=report.published),
        )


def _dump(root: Path) -> None:
    """Print one JSON line per text: its label and the whole extraction, as the tree at ``root`` makes it."""
    sys.path.insert(0, str(root))
    from monitor.events import extract

    for label, article in _texts(root):
        try:
            shown: Any = extract(article).to_json()
        except Exception as error:  # a crash is an output too: both trees must agree on it
            shown = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps({"label": label, "out": shown}, ensure_ascii=False, sort_keys=True, default=str))


def _run(root: Path) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, str(HERE / "bench" / "check_extract_same.py"), "--dump", str(root)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def main() -> None:
    """Compare this tree's extraction with the tree at ``--before``, text by text."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="the earlier tree (a git worktree)")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        _dump(args.dump)
        return
    if args.before is None:
        parser.error("--before TREE is required")
    ours, theirs = _run(HERE), _run(args.before.resolve())
    if [o["label"] for o in ours] != [t["label"] for t in theirs]:
        print(f"the trees hold different texts ({len(ours)} here, {len(theirs)} before): compare by label")
    before = {t["label"]: t["out"] for t in theirs}
    differ = [o["label"] for o in ours if o["label"] in before and before[o["label"]] != o["out"]]
    for label in differ[:10]:
        mine = next(o["out"] for o in ours if o["label"] == label)
        print(f"DIFFERS {label}\n  before: {json.dumps(before[label], ensure_ascii=False)[:600]}")
        print(f"  now:    {json.dumps(mine, ensure_ascii=False)[:600]}")
    compared = sum(o["label"] in before for o in ours)
    errors = sum("error" in o["out"] for o in ours)
    print(f"{compared} texts compared, {len(differ)} differ, {errors} raised in this tree")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
