"""Whether two trees clean the same: every output of ``clean_html`` and ``clean_text`` on every page we hold.

    .venv/bin/python bench/check_clean_same.py --before /tmp/h14-base

A speed change to cleaning must change no output.  The pages are gathered
once, by this tree: GNE's real pages (every ``.html`` of its sdist, article
and list pages, downloaded at run time as ``bench_clean.py`` does), the
mirror's article pages of every site and theme and its listing pages 1-3,
each cleaned with its URL and with the site type and charset given (as a
crawl cleans) and with neither (as import and reprocess may), the HTML of
``tests/text/cms_pages.py``, and the seeds (``clean_text``).  Each tree (this
one, and the ``git worktree`` at ``--before``) cleans them all in its own
process; the whole ``CleanArticle`` of each page is compared and the first
differences printed.  Exit status 1 when any page differs.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import pickle
import subprocess
import sys
import tarfile
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
# A fixed fetch time, so relative dates (3天前) resolve the same in both trees.
FETCHED = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
MIRROR_DAY = date(2026, 12, 3)

# One case: (label, "html" or "text", page, keyword arguments of the clean call).
Case = tuple[str, str, bytes | str, dict[str, Any]]


def _gne_pages() -> list[Case]:
    """Every HTML page of GNE's sdist (article pages, list pages, its docs page), bytes as shipped."""
    cases: list[Case] = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d", tmp, "gne"],
            check=True,
            capture_output=True,
        )
        for archive in sorted(Path(tmp).glob("*.tar.gz")):
            with tarfile.open(archive) as tar:
                for member in sorted(tar.getmembers(), key=lambda m: m.name):
                    handle = tar.extractfile(member) if member.isfile() else None
                    if handle is not None and member.name.endswith(".html"):
                        cases.append((f"gne {member.name.split('/', 1)[1]}", "html", handle.read(), {}))
    return cases


def _mirror_pages() -> list[Case]:
    """The mirror's article pages (typed and untyped) and listing pages 1-3 of every site and theme."""
    from monitor.demo.mirror import MirrorServer
    from monitor.demo.mirror.sites import SITES, THEME_SITES

    cases: list[Case] = []
    with MirrorServer(9, seed=3, today=MIRROR_DAY, page_size=3) as mirror:
        for style in (*SITES, *THEME_SITES):
            cases += _site_pages(mirror, style)
    return cases


def _site_pages(mirror: Any, style: Any) -> list[Case]:
    """One mirror site's article and listing pages, each cleaned three ways (typed, untyped, bare)."""
    from monitor.demo.mirror.templates import article_path, listing_path

    paths = [("article", article_path(style, article)) for article in mirror.articles(style.name)]
    paths += [("listing", listing_path(style, page)) for page in (1, 2, 3)]
    cases: list[Case] = []
    for kind, path in paths:
        reply = mirror.answer("GET", path, {}, b"")
        if reply.status != 200:
            continue
        url = mirror.base_url + path
        label = f"mirror {style.name} {kind} {path}"
        typed = {"url": url, "site_type": style.site_type, "http_charset": style.header_charset}
        cases.append((f"{label} typed", "html", reply.body, {**typed, "fetched": FETCHED}))
        cases.append((f"{label} untyped", "html", reply.body, {"url": url, "fetched": FETCHED}))
        cases.append((f"{label} bare", "html", reply.body, {}))
    return cases


def _fixture_pages() -> list[Case]:
    """The HTML the cleaning tests build from the real CMS templates (``tests/text/cms_pages.py``)."""
    from tests.text import cms_pages

    cases: list[Case] = []
    for name, make in sorted(vars(cms_pages).items()):
        if name.startswith("_") or not inspect.isfunction(make) or make.__module__ != cms_pages.__name__:
            continue
        if any(p.default is inspect.Parameter.empty for p in inspect.signature(make).parameters.values()):
            continue
        page = make()
        if isinstance(page, str):
            cases.append((f"fixture {name}", "html", page, {}))
            cases.append((f"fixture {name} generic", "html", page, {"site_type": "generic"}))
    return cases


def _seed_texts() -> list[Case]:
    """The mirror's seeds and the shared seeds, as page text."""
    paths = sorted((HERE / "monitor" / "demo" / "mirror" / "data").glob("*.txt"))
    paths += sorted((HERE.parent / "shared" / "seeds").glob("*.txt"))
    return [(f"seed {path.name}", "text", path.read_text(encoding="utf-8"), {}) for path in paths]


def _clean_all(root: Path, cases_file: Path) -> None:
    """Print one JSON line per case: its label and the whole CleanArticle the tree at ``root`` makes."""
    sys.path.insert(0, str(root))
    from monitor.text import clean_html, clean_text

    with cases_file.open("rb") as handle:
        cases: list[Case] = pickle.load(handle)
    for label, kind, page, options in cases:
        try:
            article = clean_text(str(page), **options) if kind == "text" else clean_html(page, **options)
            shown: Any = repr(article)
        except Exception as error:  # a crash is an output too: both trees must agree on it
            shown = f"error {type(error).__name__}: {error}"
        print(json.dumps({"label": label, "out": shown}, ensure_ascii=False))


def _run(root: Path, cases_file: Path) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, str(HERE / "bench" / "check_clean_same.py"), "--dump", str(root), str(cases_file)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    return {row["label"]: row["out"] for row in rows}


def main() -> None:
    """Compare this tree's cleaning with the tree at ``--before``, page by page."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="the earlier tree (a git worktree)")
    parser.add_argument("--dump", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        _clean_all(*args.dump)
        return
    if args.before is None:
        parser.error("--before TREE is required")
    sys.path.insert(0, str(HERE))
    cases = [*_gne_pages(), *_mirror_pages(), *_fixture_pages(), *_seed_texts()]
    with tempfile.TemporaryDirectory() as tmp:
        cases_file = Path(tmp) / "cases.pickle"
        cases_file.write_bytes(pickle.dumps(cases))
        ours, theirs = _run(HERE, cases_file), _run(args.before.resolve(), cases_file)
    differ = [label for label, out in ours.items() if theirs.get(label) != out]
    for label in differ[:10]:
        print(f"DIFFERS {label}\n  before: {str(theirs.get(label))[:600]}\n  now:    {ours[label][:600]}")
    errors = sum(out.startswith("error ") for out in ours.values())
    kinds = {"gne": 0, "mirror": 0, "fixture": 0, "seed": 0}
    for label, *_ in cases:
        kinds[label.split(" ", 1)[0]] += 1
    print(
        f"{len(ours)} cleanings compared ({', '.join(f'{n} {k}' for k, n in kinds.items())}): "
        f"{len(differ)} differ, {errors} raised in this tree"
    )
    sys.exit(1 if differ or len(ours) != len(cases) else 0)


if __name__ == "__main__":
    main()
