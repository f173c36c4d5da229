"""Score the project reading against a labelled set of passages (issue 18's targets).

    .venv/bin/python tests/projects/eval/score.py [SET_DIR] [--json]

``SET_DIR`` (default ``blind2026`` beside this file) holds ``passages.jsonl``
and, for linking, ``links.jsonl``.  One passage per line::

    {"id", "url", "published", "text",
     "parties": [{"name", "role", "same_as"}],
     "projects": [{"name", "investor", "place": {"province", "city", "district"},
                   "amount_text", "industry", "industry_words"}],
     "industry",
     "stages": [{"stage", "project", "date", "text"}]}

Each passage's ``text`` is read as cleaning would hand it on (Simplified,
one paragraph per line, the first line its headline, published on
``published``) through ``monitor.events.extraction`` — the call the crawl makes.

What is counted (targets from issue 18):

- **parties** P and R (≥ 0.90): a found party matches a labelled one when
  their matching forms (``normalise.organisation``) are equal or one
  contains the other, or either's ``same_as`` is the other's name; one to one.
- **project names** P and R (≥ 0.85): a found name matches a labelled one
  when their folded texts overlap by half the shorter name or more (the
  longest common run of characters); one to one.  A project the text names
  by its investor only (``ProjectMention.implied``) is no name read and is
  left out.
- **industry** accuracy (≥ 0.90): per passage (``null`` labelled and
  ``None`` found agree), and per matched project.
- **stages** (≥ 0.95): per passage, the set of stages found equals the set
  labelled; and P/R over stage mentions (same stage, and the projects agree
  or one side names none).

``score_links(path, link_fn)`` scores a linker on ``links.jsonl``; see there.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from monitor.events import extract  # noqa: E402
from monitor.projects.model import ProjectReading  # noqa: E402
from monitor.projects.normalise import fold, organisation  # noqa: E402
from monitor.text.article import CleanArticle  # noqa: E402
from monitor.text.pinyin import strip_pinyin  # noqa: E402
from monitor.text.script import to_simplified  # noqa: E402

HERE = Path(__file__).resolve().parent
_BEIJING = timezone(timedelta(hours=8))


class LabelError(ValueError):
    """A labelled line the scorer cannot read (its file and line are in the message)."""


@dataclass
class Counts:
    """Found, labelled and matched counts of one measure."""

    found: int = 0
    labelled: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        """Matched over found (1.0 when nothing was found)."""
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Matched over labelled (1.0 when nothing was labelled)."""
        return self.matched / self.labelled if self.labelled else 1.0


@dataclass
class Report:
    """Every measure over one set, and the passages each measure missed (for reading, not for tuning)."""

    passages: int = 0
    parties: Counts = field(default_factory=Counts)
    parties_alias_matched: int = 0  # labels of a found party's 以下简称 form (an extra line, not in recall)
    roles_right: int = 0
    names: Counts = field(default_factory=Counts)
    industry_right: int = 0
    project_industry: Counts = field(default_factory=Counts)  # matched projects; "matched" = right label
    stage_sets_right: int = 0
    stages: Counts = field(default_factory=Counts)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        """The figures issue 18 sets targets for."""
        n = max(self.passages, 1)
        return {
            "passages": self.passages,
            "parties_precision": round(self.parties.precision, 3),
            "parties_recall": round(self.parties.recall, 3),
            # recall when a found party with a short name (same_as) also matches the label listing that
            # short name as its own entry (the set lists both; the first-run figure did not count it)
            "parties_recall_with_aliases": round(
                (self.parties.matched + self.parties_alias_matched) / self.parties.labelled, 3
            )
            if self.parties.labelled
            else 1.0,
            "party_role_accuracy": round(self.roles_right / self.parties.matched, 3) if self.parties.matched else 1.0,
            "names_precision": round(self.names.precision, 3),
            "names_recall": round(self.names.recall, 3),
            "industry_accuracy": round(self.industry_right / n, 3),
            "project_industry_accuracy": round(self.project_industry.matched / self.project_industry.found, 3)
            if self.project_industry.found
            else 1.0,
            "stage_set_accuracy": round(self.stage_sets_right / n, 3),
            "stage_precision": round(self.stages.precision, 3),
            "stage_recall": round(self.stages.recall, 3),
        }


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON-lines file; a line that is not an object raises LabelError naming it."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise LabelError(f"{path.name}:{number}: not JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise LabelError(f"{path.name}:{number}: not a JSON object")
        rows.append(row)
    return rows


def _published(value: Any) -> datetime | None:
    if not value:
        return None
    day = date.fromisoformat(str(value)[:10])
    return datetime(day.year, day.month, day.day, tzinfo=_BEIJING)


def read_passage(text: str, published: Any) -> ProjectReading:
    """The reading of one labelled passage, read as the crawl reads an article (cleaning makes it Simplified)."""
    lines = [line.strip() for line in to_simplified(text).split("\n") if line.strip()]
    article = CleanArticle(
        title=lines[0] if lines else None, paragraphs=tuple(lines[1:]), published=_published(published)
    )
    return extract(article).projects


def _without_glosses(value: Any, key: str | None = None) -> Any:
    """A row's labels less the pinyin glosses of their source (``項(xiàng)目`` → ``項目``), its text as is.

    The labels are exact substrings of the passage, source defects included; the reading strips
    the glosses as cleaning does (``monitor.text.pinyin``), so a label is compared as read.
    """
    if key == "text":
        return value
    if isinstance(value, str):
        return strip_pinyin(value)[0]
    if isinstance(value, list):
        return [_without_glosses(item) for item in value]
    if isinstance(value, dict):
        return {k: _without_glosses(v, k) for k, v in value.items()}
    return value


def _names_overlap(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    if not a or not b:
        return False
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size * 2 >= min(len(a), len(b))


def _same_party(found: Any, label: dict[str, Any]) -> bool:
    name = str(label.get("name") or "")
    if not name:
        return False
    mine, theirs = organisation(found.name), organisation(name)
    if mine == theirs or (len(mine) >= 2 and len(theirs) >= 2 and (mine in theirs or theirs in mine)):
        return True
    aliases = {fold(str(a)) for a in (label.get("same_as"), found.same_as) if a}
    return fold(found.name) in aliases or fold(name) in aliases


def _match(found: Sequence[Any], labelled: Sequence[Any], same: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """One-to-one pairs (found index, labelled index), each found item taking the first free label it matches."""
    taken: set[int] = set()
    pairs = []
    for i, item in enumerate(found):
        for j, label in enumerate(labelled):
            if j not in taken and same(item, label):
                taken.add(j)
                pairs.append((i, j))
                break
    return pairs


def _alias_pairs(
    found: Sequence[Any], labelled: Sequence[dict[str, Any]], pairs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Labels left unmatched that name a matched party's short name (``same_as``): the set lists an
    organisation and its ``以下简称`` form as two entries; a party found with that short name found both."""
    taken = {j for _, j in pairs}
    extra = []
    for i, _ in pairs:
        short = found[i].same_as
        if not short:
            continue
        for k, label in enumerate(labelled):
            if k not in taken and fold(str(label.get("name") or "")) == fold(short):
                taken.add(k)
                extra.append((i, k))
                break
    return extra


def _stage_project_agrees(found: Any, label: dict[str, Any]) -> bool:
    if found.stage != label.get("stage"):
        return False
    wanted = label.get("project")
    return not wanted or not found.project or _names_overlap(found.project, str(wanted))


def score_passages(rows: Iterable[dict[str, Any]], read: Callable[[str, Any], ProjectReading] = read_passage) -> Report:
    """Score the reader over labelled passages (``read`` is replaceable for testing the scorer itself)."""
    report = Report()
    for row in map(_without_glosses, rows):
        report.passages += 1
        reading = read(str(row.get("text") or ""), row.get("published"))
        miss: dict[str, Any] = {"id": row.get("id")}
        # parties
        labelled_parties = list(row.get("parties") or [])
        pairs = _match(reading.parties, labelled_parties, _same_party)
        aliased = _alias_pairs(reading.parties, labelled_parties, pairs)
        report.parties.found += len(reading.parties)
        report.parties.labelled += len(labelled_parties)
        report.parties.matched += len(pairs)
        report.parties_alias_matched += len(aliased)
        report.roles_right += sum(reading.parties[i].role == labelled_parties[j].get("role") for i, j in pairs)
        if len(pairs) + len(aliased) < max(len(reading.parties), len(labelled_parties)):
            miss["parties"] = {
                "found": [p.name for p in reading.parties],
                "labelled": [p.get("name") for p in labelled_parties],
            }
        # project names and their industries
        labelled_projects = list(row.get("projects") or [])
        # (a plant the text names by its investor only is no name read: ProjectMention.implied)
        named = [p for p in reading.projects if not p.implied]
        name_pairs = _match(
            named, labelled_projects, lambda p, label: _names_overlap(p.name, str(label.get("name") or ""))
        )
        report.names.found += len(named)
        report.names.labelled += len(labelled_projects)
        report.names.matched += len(name_pairs)
        for i, j in name_pairs:
            report.project_industry.found += 1
            report.project_industry.matched += named[i].industry == labelled_projects[j].get("industry")
        if len(name_pairs) < max(len(named), len(labelled_projects)):
            miss["projects"] = {
                "found": [p.name for p in named],
                "labelled": [p.get("name") for p in labelled_projects],
            }
        # the passage's industry
        if reading.industry == row.get("industry"):
            report.industry_right += 1
        else:
            miss["industry"] = {"found": reading.industry, "labelled": row.get("industry")}
        # stages
        labelled_stages = list(row.get("stages") or [])
        found_set = {s.stage for s in reading.stages}
        labelled_set = {str(s.get("stage")) for s in labelled_stages}
        if found_set == labelled_set:
            report.stage_sets_right += 1
        else:
            miss["stages"] = {"found": sorted(found_set), "labelled": sorted(labelled_set)}
        stage_pairs = _match(reading.stages, labelled_stages, _stage_project_agrees)
        report.stages.found += len(reading.stages)
        report.stages.labelled += len(labelled_stages)
        report.stages.matched += len(stage_pairs)
        if len(miss) > 1:
            report.misses.append(miss)
    return report


def score_links(path: Path, link_fn: Callable[[list[dict[str, Any]]], list[str | None]]) -> dict[str, float | int]:
    """Score a linker on ``links.jsonl``: pairwise precision and recall of "same project".

    Each line is ``{"id", "project", "url", "published", "text", "stage", "date"}``;
    ``project`` is the labelled group (one real project's articles share it)
    or null for a distractor (same place or investor, another project).
    ``link_fn`` gets every line as ``{"id", "text", "published"}``, in file
    order, and returns one group id per line (None: linked to nothing).
    Two lines are a labelled pair when they share a non-null ``project``, a
    found pair when ``link_fn`` gave them the same non-None id.  Targets:
    precision ≥ 0.95, recall ≥ 0.80.  Whoever builds linking may refine this
    (per-stage scores, the timeline order); the signature stays.
    """
    rows = read_jsonl(path)
    groups = link_fn([{"id": r.get("id"), "text": r.get("text"), "published": r.get("published")} for r in rows])
    if len(groups) != len(rows):
        raise LabelError(f"link_fn gave {len(groups)} groups for {len(rows)} lines")
    labelled = found = both = 0
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            same_label = rows[i].get("project") is not None and rows[i].get("project") == rows[j].get("project")
            same_found = groups[i] is not None and groups[i] == groups[j]
            labelled += same_label
            found += same_found
            both += same_label and same_found
    return {
        "lines": len(rows),
        "labelled_pairs": labelled,
        "found_pairs": found,
        "precision": round(both / found, 3) if found else 1.0,
        "recall": round(both / labelled, 3) if labelled else 1.0,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the scores of a labelled set (one line per measure, or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set_dir", nargs="?", default=str(HERE / "blind2026"))
    parser.add_argument("--json", action="store_true", help="print the scores and the misses as JSON")
    parser.add_argument("--details", action="store_true", help="after the scores, one line per miss of each passage")
    args = parser.parse_args(argv)
    passages = Path(args.set_dir) / "passages.jsonl"
    try:
        report = score_passages(read_jsonl(passages))
    except (OSError, LabelError) as error:
        print(f"score: {error}", file=sys.stderr)
        return 2
    summary = report.summary()
    if args.json:
        print(json.dumps({"summary": summary, "misses": report.misses}, ensure_ascii=False))
    else:
        for key, value in summary.items():
            print(f"{key:28} {value}")
        if args.details:
            for miss in report.misses:
                for measure, sides in miss.items():
                    if measure != "id":
                        print(f"{miss['id']} {measure}: {json.dumps(sides, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
