"""``signwatch extract FILE`` reports the events ``signwatch import`` stores for the same file (issue 15).

Both go through ``monitor.archive.analysis.analyse_raw``; this checks the
outcome, on the seed pages and on published passages of the development set
``tests/events/eval/blind2026/passages.jsonl`` written as archive files:
signings done, planned and intended, a 投资 announcement, a page with no
event, and a progress report (seed 002) that is none.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from monitor.archive.analysis import analyse_pending
from monitor.archive.files import Archive
from monitor.archive.importer import import_archive
from monitor.cli import loaded_app
from monitor.store import Database
from monitor.store.event_models import EventRow
from monitor.store.models import Article
from tests.conftest import seed_files

app = loaded_app()  # every command registered, as `signwatch --help` shows them

PASSAGES = Path(__file__).resolve().parents[1] / "events" / "eval" / "blind2026" / "passages.jsonl"
# done (p001, p085, p105, p176), intended (p037, p203), planned by a board (p066, p068, p070),
# new projects starting work (p131, p180), no money at all, tallies (p028, p065)
PASSAGE_IDS = ("p001", "p028", "p037", "p065", "p066", "p068", "p070", "p085", "p105", "p131", "p176", "p180", "p203")

Row = tuple[Any, ...]


def _passages() -> dict[str, str]:
    lines = PASSAGES.read_text(encoding="utf-8").splitlines()
    found = {doc["id"]: doc["text"] for doc in map(json.loads, lines) if doc["id"] in PASSAGE_IDS}
    assert sorted(found) == sorted(PASSAGE_IDS)
    return found


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive directory: the five seeds, then the passages, one file each."""
    folder = tmp_path_factory.mktemp("pages")
    for seed in seed_files():
        (folder / seed.name).write_bytes(seed.read_bytes())
    for number, text in enumerate(_passages().values(), start=100):
        (folder / f"{number:03d}_{number:016x}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def stored(pages: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[Row]]]:
    """The events ``signwatch import`` files for every page, by file name."""
    where = tmp_path_factory.mktemp("store")
    db = Database(f"sqlite:///{where / 'signwatch.db'}")
    db.upgrade()
    import_archive(db, Archive(where / "archive"), pages)
    analyse_pending(db, workers=1)
    by_file: dict[str, list[Row]] = {}
    with db.session() as session:
        for article in session.scalars(select(Article)):
            events = session.scalars(
                select(EventRow).where(EventRow.article_id == article.id).order_by(EventRow.position)
            ).all()
            by_file[article.archive_name] = [_stored_row(e) for e in events]
    db.dispose()
    yield by_file


def _stored_row(event: EventRow) -> Row:
    return (
        event.kind,
        event.status,
        (event.province, event.city, event.county),
        event.date_text,
        tuple(event.parties or ()),
        event.projects,
        event.investment_value,
        event.evidence,
    )


def _command_rows(document: dict[str, Any]) -> list[Row]:
    rows = []
    for event in document["events"]:
        place = event["place"]
        # the store keeps an event's lead figure, its largest
        lead = max((f["value"] for f in event["figures"]), default=None)
        rows.append(
            (
                event["kind"],
                event["status"],
                (place["province"], place["city"], place["county"]),
                event["date"],
                tuple(event["parties"]),
                event["projects"],
                float(lead) if lead is not None else None,
                event["evidence"],
            )
        )
    return rows


def test_every_page_was_stored(pages: Path, stored: dict[str, list[Row]]) -> None:
    assert sorted(stored) == sorted(p.name for p in pages.iterdir())


@pytest.mark.parametrize("name", [p.name for p in seed_files()] + [f"{n:03d}_{n:016x}.txt" for n in range(100, 113)])
def test_extract_shows_the_events_import_stores(name: str, pages: Path, stored: dict[str, list[Row]]) -> None:
    result = CliRunner().invoke(app, ["extract", "--json", str(pages / name)])
    assert result.exit_code == 0, result.output
    assert _command_rows(json.loads(result.stdout)) == stored[name]


def test_the_table_covers_each_status_and_an_announcement(stored: dict[str, list[Row]]) -> None:
    kinds = {(row[0], row[1]) for rows in stored.values() for row in rows}
    assert {"done", "planned", "intended"} <= {status for _, status in kinds}
    assert ("投资", "done") in kinds
    assert any(not rows for rows in stored.values())  # pages with no event agree too
