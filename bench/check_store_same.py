"""Whether two trees store the same: every table of a store filled from the same cleaned pages, and the archive.

    .venv/bin/python bench/check_store_same.py --before /tmp/wt-before [--articles 250] [--batch 16]

A speed change to the storing transaction must change nothing stored.  The
mirror's article pages (``--articles`` generated per site, 4 sites, plus the
seeds) are fetched and cleaned once, by this tree, as ``bench_store.py``
does.  Each tree (this one, and the ``git worktree`` at ``--before``) then
stores them in its own process with ``ingest_pages``, in batches of
``--batch``, into a fresh SQLite store holding two subscriptions (so signing
and stage alerts are queued), and dumps every table sorted (times of the
run blanked, bytes by hash) with every archive file's hash.  Prints each
tree's store CPU per article and the first differing lines; exit status 1
when the dumps differ.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import pickle
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent


def _normal(value: Any, recent: datetime) -> Any:
    """A value as dumped: a time of this run blanked, bytes by their hash."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return "<now>" if moment > recent else value.isoformat()
    if isinstance(value, bytes):
        return "bytes:" + hashlib.sha256(value).hexdigest()[:16]
    return value


def _store_and_dump(root: Path, pages_file: Path, batch: int, out: Path) -> None:
    """Child process, in ``root``'s tree: store the pages into a fresh store and write its dump to ``out``."""
    sys.path.insert(0, str(root))
    from sqlalchemy import MetaData, select

    import monitor
    from monitor.archive.files import Archive
    from monitor.archive.ingest import ingest_pages
    from monitor.store import Database
    from monitor.store.alert_models import Subscription

    if not Path(monitor.__file__).resolve().is_relative_to(root):
        raise SystemExit(f"monitor was imported from {monitor.__file__}, not from {root}")

    pages = pickle.loads(pages_file.read_bytes())
    workdir = Path(tempfile.mkdtemp(prefix="check-store-"))
    db = Database(f"sqlite:///{workdir / 'store.db'}")
    db.upgrade()
    archive = Archive(workdir / "archive")
    with db.session() as session:  # outbox rows are queued only for subscriptions
        session.add(Subscription(name="all", target="json://127.0.0.1:9/"))
        session.add(Subscription(name="stages", target="json://127.0.0.1:9/", stages=["签约", "开工", "投产"]))
    started = time.process_time()
    for start in range(0, len(pages), batch):
        ingest_pages(db, archive, pages[start : start + batch])
    cpu = time.process_time() - started
    recent = datetime.now(UTC) - timedelta(days=1)
    metadata = MetaData()
    metadata.reflect(db.engine)
    lines: list[str] = []
    with db.engine.connect() as connection:
        for name in sorted(metadata.tables):
            columns = sorted(metadata.tables[name].c, key=lambda column: column.name)
            try:
                rows = [tuple(_normal(v, recent) for v in row) for row in connection.execute(select(*columns))]
            except Exception as error:  # an FTS5 table reads only through a MATCH: its data tables are dumped
                connection.rollback()
                lines.append(f"## {name}: not readable ({type(error).__name__})")
                continue
            lines.append(f"## {name} {[c.name for c in columns]} {len(rows)} rows")
            lines += sorted(repr(row) for row in rows)
    for path in sorted((workdir / "archive").rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"file {path.relative_to(workdir / 'archive')} {digest}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{1000 * cpu / len(pages):.2f}")


def _run(root: Path, pages_file: Path, batch: int, out: Path) -> float:
    """Store and dump in ``root``'s tree, in a process of its own; its store CPU ms per article."""
    done = subprocess.run(
        [sys.executable, __file__, "--dump", str(root), str(pages_file), str(out), "--batch", str(batch)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    if done.returncode != 0:
        raise SystemExit(f"{root}: storing failed: {done.stderr.strip()[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Gather the pages, store them with both trees, compare the dumps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the earlier tree (a git worktree)")
    parser.add_argument("--articles", type=int, default=250, help="generated articles per site (4 sites)")
    parser.add_argument("--batch", type=int, default=16, help="pages per storing transaction")
    parser.add_argument("--dump", nargs=3, type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.dump:
        root, pages_file, out = options.dump
        _store_and_dump(root, pages_file, options.batch, out)
        return
    if options.before is None:
        parser.error("--before TREE is needed")
    sys.path.insert(0, str(HERE / "bench"))
    from bench_store import mirror_pages

    workdir = Path(tempfile.mkdtemp(prefix="check-store-same-"))
    pages_file = workdir / "pages.pickle"
    pages_file.write_bytes(pickle.dumps(mirror_pages(options.articles)))
    dumps: dict[str, list[str]] = {}
    for label, root in (("before", options.before.resolve()), ("this tree", HERE)):
        out = workdir / f"{label.replace(' ', '-')}.txt"
        ms = _run(root, pages_file, options.batch, out)
        dumps[label] = out.read_text(encoding="utf-8").splitlines()
        print(f"{label} ({root}): {ms:.2f} store CPU ms / article, {len(dumps[label])} lines")
    if dumps["before"] == dumps["this tree"]:
        print("every table and archive file the same: yes")
        return
    diff = difflib.unified_diff(dumps["before"], dumps["this tree"], "before", "this tree", lineterm="", n=0)
    for line in list(diff)[:40]:
        print(line[:300])
    print("every table and archive file the same: NO")
    raise SystemExit(1)


if __name__ == "__main__":
    main()
