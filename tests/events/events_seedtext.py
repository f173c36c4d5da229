"""CleanArticles from the seeds, cleaned the simple way (until monitor.text lands).

OpenCC t2s plus a regex for pinyin glosses; the rest of the chrome stays, which
is the point: extraction must cope with what cleaning leaves behind.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import opencc

from monitor.text.article import CleanArticle

# the packaged copy of shared/seeds (see tests/conftest.py)
SEEDS = Path(__file__).resolve().parents[2] / "monitor" / "demo" / "mirror" / "data"
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")
_CONVERTER = opencc.OpenCC("t2s")
_DATELINE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?")


def simplify(text: str) -> str:
    """Pinyin glosses removed, Traditional turned Simplified."""
    return str(_CONVERTER.convert(_PINYIN.sub("", text)))


def seed_path(number: str) -> Path:
    """The seed file whose name starts with ``number`` (e.g. ``"000"``)."""
    return next(SEEDS.glob(f"{number}_*.txt"))


def article_from_text(text: str, title: str | None = None, published: datetime | None = None) -> CleanArticle:
    """A CleanArticle from raw seed-like text: simplified, one paragraph per line."""
    paragraphs = [line.strip() for line in simplify(text).splitlines() if line.strip()]
    if published is None:
        for line in paragraphs[:6]:
            found = _DATELINE.match(line)
            if found:
                published = datetime.fromisoformat(found.group(1))
                break
    return CleanArticle(title=title, paragraphs=tuple(paragraphs), published=published)


def seed_article(number: str, published: datetime | None = None) -> CleanArticle:
    """A seed as a CleanArticle."""
    return article_from_text(seed_path(number).read_text(encoding="utf-8"), published=published)
