"""The five seed pages as mirror articles, split into chrome and body.

The seeds are the project's shared test input (copied into ``data/``).  Each
one belongs to the mirror site of its type; its own chrome lines (breadcrumb,
meta line, contact block, related teasers, SEO footer) are kept so the mirror
serves the same dirt the real sites do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources

from monitor.demo.mirror.generator import MirrorArticle


@dataclass(frozen=True)
class SeedLayout:
    """Where one seed's title and body sit among its lines."""

    file: str
    site: str
    published: datetime
    title_line: int | None  # index among non-empty lines; None: the page has no title
    body_start: int
    body_end_marker: str  # the first line of the tail; "" when the body runs to the end
    # The headline the mirror's page prints when the seed text kept none (the archive
    # copy of seed 000 is the body alone; the page it came from had a headline).
    headline: str = ""


SEED_LAYOUTS = (
    SeedLayout(
        "000_c610aeb7e532462d.txt",
        "generic",
        datetime(2021, 8, 26, 10, 0),
        None,
        0,
        "",
        "宝山区举行2021年重大产业项目集中签约仪式",
    ),
    SeedLayout("001_ddbcb578127715f6.txt", "zblog", datetime(2023, 9, 24, 8, 0), 1, 3, "葛毅明微信号"),
    SeedLayout("002_cf2bcb13614c4ea2.txt", "zblog", datetime(2023, 9, 21, 8, 0), 1, 3, "葛毅明微信号"),
    SeedLayout("003_064bbb9c2f72048a.txt", "taiwancn", datetime(2021, 1, 21, 13, 15), 2, 6, "[責"),
    SeedLayout("004_3ed01d294938376b.txt", "dedecms", datetime(2023, 10, 24, 14, 9), 1, 3, "上一篇"),
)


def seed_text(file: str) -> str:
    """The text of one seed file bundled with the mirror."""
    return resources.files("monitor.demo.mirror").joinpath("data", file).read_text(encoding="utf-8")


def seed_article(layout: SeedLayout, article_id: int) -> MirrorArticle:
    """One seed as a mirror article with its chrome lines kept as head and tail."""
    lines = [line.strip() for line in seed_text(layout.file).splitlines() if line.strip()]
    end = len(lines)
    if layout.body_end_marker:
        end = next(
            (i for i in range(layout.body_start, len(lines)) if lines[i].startswith(layout.body_end_marker)),
            len(lines),
        )
    title = lines[layout.title_line] if layout.title_line is not None else layout.headline
    head = tuple(line for i, line in enumerate(lines[: layout.body_start]) if i != layout.title_line)
    return MirrorArticle(
        article_id=article_id,
        title=title,
        paragraphs=tuple(lines[layout.body_start : end]),
        published=layout.published,
        modified=layout.published,
        head=head,
        tail=tuple(lines[end:]),
    )


def seed_articles(site: str, first_id: int) -> list[MirrorArticle]:
    """The seeds that belong to ``site``, numbered from ``first_id``."""
    chosen = [layout for layout in SEED_LAYOUTS if layout.site == site]
    return [seed_article(layout, first_id + offset) for offset, layout in enumerate(chosen)]
